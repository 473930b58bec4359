/**
 * The ONNX writer against the real onnxruntime-node: a small MLP written from a spec gives the
 * same outputs as computing it here; int64 initializers (Slice, Gather), float attributes given
 * whole numbers, negative ints and named batch dimensions load and run; a broken spec is refused
 * in words before anything is written.
 */
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { Rng } from '../rng';
import { encodeOnnx, type OnnxSpec } from './onnx';

/** An MLP 2 → 8 → 8 → 3 (tanh, leaky ReLU α 1 = identity on purpose, linear) with seeded weights. */
function mlpSpec(): { spec: OnnxSpec; layers: { w: Float32Array; b: Float32Array; n: number; m: number }[] } {
  const rng = new Rng(5);
  const sizes = [2, 8, 8, 3];
  const layers = sizes.slice(1).map((m, i) => {
    const n = sizes[i]!;
    return { n, m, w: rng.fillNormal(new Float32Array(n * m)), b: rng.fillNormal(new Float32Array(m)) };
  });
  const spec: OnnxSpec = {
    name: 'mlp',
    inputs: [{ name: 'x', dims: ['N', 2] }],
    outputs: [{ name: 'y', dims: ['N', 3] }],
    nodes: [
      { op: 'MatMul', inputs: ['x', 'w0'], outputs: ['m0'] },
      { op: 'Add', inputs: ['m0', 'b0'], outputs: ['a0'] },
      { op: 'Tanh', inputs: ['a0'], outputs: ['h0'] },
      { op: 'Gemm', inputs: ['h0', 'w1', 'b1'], outputs: ['a1'], attrs: { alpha: 1, beta: 1 } },
      { op: 'LeakyRelu', inputs: ['a1'], outputs: ['h1'], attrs: { alpha: 0.2 } },
      { op: 'MatMul', inputs: ['h1', 'w2'], outputs: ['m2'] },
      { op: 'Add', inputs: ['m2', 'b2'], outputs: ['y'] },
    ],
    initializers: layers.flatMap((l, i) => [
      { name: `w${i}`, dims: [l.n, l.m], data: l.w },
      { name: `b${i}`, dims: [l.m], data: l.b },
    ]),
  };
  return { spec, layers };
}

function mlpInJs(layers: ReturnType<typeof mlpSpec>['layers'], x: Float32Array): Float64Array {
  let h = Float64Array.from(x);
  let rows = x.length / 2;
  layers.forEach((l, k) => {
    const out = new Float64Array(rows * l.m);
    for (let r = 0; r < rows; r++)
      for (let j = 0; j < l.m; j++) {
        let s = l.b[j]!;
        for (let i = 0; i < l.n; i++) s += h[r * l.n + i]! * l.w[i * l.m + j]!;
        out[r * l.m + j] = k === 0 ? Math.tanh(s) : k === 1 ? (s >= 0 ? s : 0.2 * s) : s;
      }
    h = out;
    rows = out.length / l.m;
  });
  return h;
}

async function run(
  bytes: Uint8Array,
  feeds: Record<string, ort.Tensor>,
): Promise<Record<string, ort.Tensor>> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    return await session.run(feeds);
  } finally {
    await session.release();
  }
}

describe('encodeOnnx', () => {
  it('writes an MLP that onnxruntime runs with the outputs computed here', async () => {
    const { spec, layers } = mlpSpec();
    const bytes = encodeOnnx(spec);
    const x = new Rng(9).fillNormal(new Float32Array(7 * 2));
    const out = await run(bytes, { x: new ort.Tensor('float32', x, [7, 2]) });
    expect(out.y!.dims).toEqual([7, 3]);
    const want = mlpInJs(layers, x);
    const got = out.y!.data as Float32Array;
    for (let i = 0; i < want.length; i++) expect(got[i]!).toBeCloseTo(want[i]!, 4);
    // The batch is a named dimension: any number of rows runs.
    const one = await run(bytes, { x: new ort.Tensor('float32', x.slice(0, 2), [1, 2]) });
    expect(Array.from(one.y!.data as Float32Array)).toEqual(Array.from(got.slice(0, 3)));
  });

  it('writes int64 initializers (Slice, Gather) and negative int attributes', async () => {
    const spec: OnnxSpec = {
      name: 'pick',
      inputs: [{ name: 'x', dims: ['N', 4] }],
      outputs: [
        { name: 'tail', dims: ['N', 2] },
        { name: 'swapped', dims: ['N', 2] },
        { name: 'both', dims: ['N', 4] },
      ],
      nodes: [
        { op: 'Slice', inputs: ['x', 'starts', 'ends', 'axes'], outputs: ['tail'] },
        { op: 'Gather', inputs: ['x', 'order'], outputs: ['swapped'], attrs: { axis: 1 } },
        { op: 'Concat', inputs: ['swapped', 'tail'], outputs: ['both'], attrs: { axis: -1 } },
      ],
      initializers: [
        { name: 'starts', dims: [1], dtype: 'int64', data: [2] },
        { name: 'ends', dims: [1], dtype: 'int64', data: [Number.MAX_SAFE_INTEGER] },
        { name: 'axes', dims: [1], dtype: 'int64', data: [-1] },
        { name: 'order', dims: [2], dtype: 'int64', data: [1, 0] },
      ],
    };
    const x = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
    const out = await run(encodeOnnx(spec), { x: new ort.Tensor('float32', x, [2, 4]) });
    expect(Array.from(out.tail!.data as Float32Array)).toEqual([3, 4, 7, 8]);
    expect(Array.from(out.swapped!.data as Float32Array)).toEqual([2, 1, 6, 5]);
    expect(Array.from(out.both!.data as Float32Array)).toEqual([2, 1, 3, 4, 6, 5, 7, 8]);
  });

  it('refuses a spec onnxruntime would refuse, naming what is wrong', () => {
    const { spec } = mlpSpec();
    expect(() => encodeOnnx({ ...spec, nodes: spec.nodes.slice(1) })).toThrow(
      /reads "m0" before anything defines it/,
    );
    expect(() => encodeOnnx({ ...spec, nodes: spec.nodes.slice(0, -1) })).toThrow(
      /output "y" is never computed/,
    );
    expect(() =>
      encodeOnnx({ ...spec, initializers: [...spec.initializers, spec.initializers[0]!] }),
    ).toThrow(/initializer "w0" is defined twice/);
    expect(() =>
      encodeOnnx({
        ...spec,
        initializers: [
          { name: 'w0', dims: [3, 8], data: new Float32Array(16) },
          ...spec.initializers.slice(1),
        ],
      }),
    ).toThrow(/w0 holds 16 values, its dims 3×8 need 24/);
  });
});
