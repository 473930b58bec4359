import * as ort from 'onnxruntime-node';
import { beforeAll, expect, test } from 'vitest';
import { preset } from './data';
import { createFlow, FLOW_DEFAULTS, type FlowSettings } from './flow';
import { FLOW_ONNX_OPS } from './flow-onnx';
import { encodeOnnx } from './onnx';
import { labsTf } from './tf';
import type { OnnxGraphSpec } from './types';

/** A dense float64 array with a shape (rank 0 to 2 is all the flow's graph uses). */
interface Arr {
  shape: number[];
  data: Float64Array;
}

const size = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);

/** Numpy-style broadcasting of two shapes (trailing axes aligned). */
function broadcastShape(a: number[], b: number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) throw new Error(`cannot broadcast ${a} with ${b}`);
    out.push(Math.max(da, db));
  }
  return out;
}

/** The flat index in `shape` (broadcast into `out`) of the element at `outIndex`. */
function sourceIndex(shape: number[], out: number[], outIndex: number): number {
  let idx = 0;
  let stride = 1;
  let rest = outIndex;
  const coords: number[] = [];
  for (let i = out.length - 1; i >= 0; i--) {
    coords[i] = rest % out[i]!;
    rest = Math.floor(rest / out[i]!);
  }
  for (let i = shape.length - 1; i >= 0; i--) {
    const c = coords[out.length - shape.length + i]!;
    idx += (shape[i] === 1 ? 0 : c) * stride;
    stride *= shape[i]!;
  }
  return idx;
}

function elementwise(a: Arr, b: Arr, f: (x: number, y: number) => number): Arr {
  const shape = broadcastShape(a.shape, b.shape);
  const data = new Float64Array(size(shape));
  for (let i = 0; i < data.length; i++) {
    data[i] = f(a.data[sourceIndex(a.shape, shape, i)]!, b.data[sourceIndex(b.shape, shape, i)]!);
  }
  return { shape, data };
}

/** ONNX MatMul for [n, k] × [k, m] and [n, k] × [k] (the vector's axis dropped, as numpy does). */
function matMul(a: Arr, b: Arr): Arr {
  if (a.shape.length !== 2 || (b.shape.length !== 1 && b.shape.length !== 2)) throw new Error('MatMul ranks');
  const [n, k] = a.shape as [number, number];
  const m = b.shape.length === 2 ? b.shape[1]! : 1;
  if (b.shape[0] !== k) throw new Error(`MatMul shapes ${a.shape} × ${b.shape}`);
  const data = new Float64Array(n * m);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a.data[i * k + p]! * b.data[p * m + j]!;
      data[i * m + j] = s;
    }
  return { shape: b.shape.length === 2 ? [n, m] : [n], data };
}

/** Runs the spec's nodes in order on named inputs: a tiny interpreter for the ops the flow uses. */
function run(spec: OnnxGraphSpec, inputs: Record<string, Arr>): Record<string, Arr> {
  const values = new Map<string, Arr>(Object.entries(inputs));
  for (const init of spec.initializers)
    values.set(init.name, { shape: init.dims, data: Float64Array.from(init.data) });
  for (const node of spec.nodes) {
    const args = node.inputs.map((name) => {
      const v = values.get(name);
      if (!v) throw new Error(`${node.op} reads ${name} before anything wrote it`);
      return v;
    });
    let out: Arr;
    switch (node.op) {
      case 'MatMul':
        out = matMul(args[0]!, args[1]!);
        break;
      case 'Add':
        out = elementwise(args[0]!, args[1]!, (x, y) => x + y);
        break;
      case 'Mul':
        out = elementwise(args[0]!, args[1]!, (x, y) => x * y);
        break;
      case 'Tanh':
        out = { shape: args[0]!.shape, data: args[0]!.data.map(Math.tanh) };
        break;
      case 'Exp':
        out = { shape: args[0]!.shape, data: args[0]!.data.map(Math.exp) };
        break;
      default:
        throw new Error(`the interpreter has no ${node.op}`);
    }
    expect(values.has(node.outputs[0]!), `${node.outputs[0]} written twice`).toBe(false);
    values.set(node.outputs[0]!, out);
  }
  return Object.fromEntries(spec.outputs.map((o) => [o.name, values.get(o.name)!]));
}

beforeAll(async () => {
  await labsTf();
});

test.each<[string, Partial<FlowSettings>]>([
  ['the default flow', {}],
  ['an odd number of layers with deeper conditioners', { layers: 3, depth: 2, width: 8 }],
])('the ONNX graph of %s gives forward()’s z and log p', async (_, change) => {
  const flow = await createFlow({
    settings: { ...FLOW_DEFAULTS, ...change },
    data: preset('two-moons', 500, 0),
    seed: 4,
  });
  flow.train(30); // weights away from the zero start, so every term matters
  const spec = flow.onnx();

  expect(new Set(spec.nodes.map((n) => n.op))).toEqual(new Set(FLOW_ONNX_OPS));
  expect(spec.inputs).toEqual([{ name: 'x', dims: ['N', 2] }]);
  expect(spec.outputs.map((o) => o.name)).toEqual(['z', 'log_prob']);
  for (const init of spec.initializers) expect(init.data.length).toBe(size(init.dims));
  expect(new Set(spec.initializers.map((i) => i.name)).size).toBe(spec.initializers.length);

  const x = new Float32Array([...preset('two-moons', 40, 7).points, 3.5, -3.5, 0, 0, -2, 2.5]);
  const n = x.length / 2;
  const out = run(spec, { x: { shape: [n, 2], data: Float64Array.from(x) } });
  expect(out.z!.shape).toEqual([n, 2]);
  expect(out.log_prob!.shape).toEqual([n]);
  const { z } = flow.forward(x);
  const lp = flow.logDensity(x);
  for (let i = 0; i < 2 * n; i++) expect(Math.abs(out.z!.data[i]! - z[i]!)).toBeLessThan(1e-4);
  for (let i = 0; i < n; i++) {
    expect(Math.abs(out.log_prob!.data[i]! - lp[i]!)).toBeLessThan(1e-4 * Math.max(1, Math.abs(lp[i]!)));
  }
  flow.dispose();
});

test('onnxruntime loads the written graph and gives the same z and log p', async () => {
  const flow = await createFlow({ settings: FLOW_DEFAULTS, data: preset('ring8', 500, 0), seed: 2 });
  flow.train(30);
  const x = new Float32Array([...preset('ring8', 20, 3).points, 3.9, 3.9, 0, 0]);
  const n = x.length / 2;
  const session = await ort.InferenceSession.create(encodeOnnx(flow.onnx()));
  try {
    const out = await session.run({ x: new ort.Tensor('float32', x, [n, 2]) });
    expect(out.z!.dims).toEqual([n, 2]);
    expect(out.log_prob!.dims).toEqual([n]);
    const z = out.z!.data as Float32Array;
    const lp = out.log_prob!.data as Float32Array;
    const want = flow.forward(x).z;
    const wantLp = flow.logDensity(x);
    for (let i = 0; i < 2 * n; i++) expect(Math.abs(z[i]! - want[i]!)).toBeLessThan(1e-4);
    for (let i = 0; i < n; i++)
      expect(Math.abs(lp[i]! - wantLp[i]!)).toBeLessThan(1e-4 * Math.max(1, Math.abs(wantLp[i]!)));
  } finally {
    await session.release();
    flow.dispose();
  }
});
