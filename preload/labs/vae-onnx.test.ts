import * as ort from 'onnxruntime-node';
import { beforeAll, expect, it } from 'vitest';
import { preset } from './data';
import { encodeOnnx } from './onnx';
import { labsTf, tf } from './tf';
import type { OnnxGraphSpec } from './types';
import { VAE_DEFAULTS, VaeEngine } from './vae';
import { decodeMean } from './vae-model';
import { barImages } from './vae-testing';

beforeAll(async () => {
  await labsTf();
});

/** A tiny interpreter for the ops the decoder's graph uses, row-major float64. */
function run(
  spec: OnnxGraphSpec,
  inputs: Record<string, { dims: number[]; data: Float64Array }>,
): Record<string, Float64Array> {
  const env = new Map<string, { dims: number[]; data: Float64Array }>(Object.entries(inputs));
  for (const init of spec.initializers)
    env.set(init.name, { dims: init.dims, data: Float64Array.from(init.data) });
  const map = (a: { dims: number[]; data: Float64Array }, f: (v: number) => number) => ({
    dims: a.dims,
    data: a.data.map(f),
  });
  for (const node of spec.nodes) {
    const args = node.inputs.map((n) => {
      const v = env.get(n);
      if (!v) throw new Error(`${node.op} reads ${n}, which nothing made`);
      return v;
    });
    let out: { dims: number[]; data: Float64Array };
    switch (node.op) {
      case 'MatMul': {
        const [a, b] = args as [(typeof args)[0], (typeof args)[0]];
        const [n, k] = a!.dims as [number, number];
        const m = b!.dims[1]!;
        expect(b!.dims[0]).toBe(k);
        const data = new Float64Array(n * m);
        for (let i = 0; i < n; i++)
          for (let p = 0; p < k; p++)
            for (let j = 0; j < m; j++) data[i * m + j]! += a!.data[i * k + p]! * b!.data[p * m + j]!;
        out = { dims: [n, m], data };
        break;
      }
      case 'Add': {
        const [a, b] = args;
        const m = b!.data.length;
        out = { dims: a!.dims, data: a!.data.map((v, i) => v + b!.data[i % m]!) };
        break;
      }
      case 'Relu':
        out = map(args[0]!, (v) => Math.max(0, v));
        break;
      case 'Sigmoid':
        out = map(args[0]!, (v) => 1 / (1 + Math.exp(-v)));
        break;
      case 'Identity':
        out = args[0]!;
        break;
      default:
        throw new Error(`no interpreter for ${node.op}`);
    }
    env.set(node.outputs[0]!, out);
  }
  return Object.fromEntries(spec.outputs.map((o) => [o.name, env.get(o.name)!.data]));
}

function checkSpec(spec: OnnxGraphSpec): void {
  const names = [...spec.initializers.map((i) => i.name), ...spec.nodes.flatMap((n) => n.outputs)];
  expect(new Set(names).size).toBe(names.length);
  for (const i of spec.initializers) expect(i.data.length).toBe(i.dims.reduce((a, b) => a * b, 1));
}

it("the decoder's ONNX graph computes the engine's x (2-D points, with σ_x as a second output)", () => {
  const e = new VaeEngine('vae', { ...VAE_DEFAULTS, width: 16 }, preset('two-moons', 200), 4);
  e.train(30);
  const spec = e.onnx();
  checkSpec(spec);
  expect(spec.inputs).toEqual([{ name: 'z', dims: ['N', 2] }]);
  expect(spec.outputs.map((o) => o.name)).toEqual(['x', 'sigma_x']);
  const z = [0, 0, 1.5, -0.5, -2, 2.5, 0.3, 0.7];
  const out = run(spec, { z: { dims: [4, 2], data: Float64Array.from(z) } });
  const want = tf.tidy(() => Array.from(decodeMean(e.nets, tf.tensor2d(z, [4, 2])).dataSync()));
  out.x!.forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 5));
  Array.from(out.sigma_x!).forEach((v, i) => expect(v).toBeCloseTo(e.sigmaX()[i]!, 6));
  e.dispose();
});

it("the image decoder's ONNX graph ends in a Sigmoid and gives the engine's pixel probabilities", () => {
  const e = new VaeEngine('vae', { ...VAE_DEFAULTS, width: 16, depth: 1, latentDim: 3 }, barImages(16, 3), 4);
  e.train(5);
  const spec = e.onnx();
  checkSpec(spec);
  expect(spec.nodes.at(-1)!.op).toBe('Sigmoid');
  expect(spec.outputs).toEqual([{ name: 'x', dims: ['N', 256] }]);
  const z = [0.1, -1, 2, 1, 0, -0.5];
  const out = run(spec, { z: { dims: [2, 3], data: Float64Array.from(z) } });
  const want = tf.tidy(() => Array.from(decodeMean(e.nets, tf.tensor2d(z, [2, 3])).dataSync()));
  out.x!.forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 5));
  e.dispose();
});

it('onnxruntime reloads the trained decoder and gives the same x and σ_x', async () => {
  const e = new VaeEngine('vae', { ...VAE_DEFAULTS, width: 16 }, preset('ring8', 200), 6);
  e.train(30);
  const z = new Float32Array([0, 0, 1, -1, -2.5, 0.5]);
  const session = await ort.InferenceSession.create(encodeOnnx(e.onnx()));
  try {
    const out = await session.run({ z: new ort.Tensor('float32', z, [3, 2]) });
    const want = tf.tidy(() => Array.from(decodeMean(e.nets, tf.tensor2d(z, [3, 2])).dataSync()));
    expect(out.x!.dims).toEqual([3, 2]);
    Array.from(out.x!.data as Float32Array).forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 5));
    expect(Array.from(out.sigma_x!.data as Float32Array)).toEqual(Array.from(e.sigmaX()));
  } finally {
    await session.release();
  }
  e.dispose();
});
