/**
 * The exported melody graphs, run by onnxruntime-node in the app's inference process, give what
 * PyTorch gave for the same fixed inputs (`reference.json` in each melody model folder, written from the
 * training checkpoints by models/training/melody/reference.py).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireTensor } from '../../inference/protocol';
import { realAtelier } from '../../testing/atelier';
import { defaultModelsDir } from '../paths';
import { modelFile, requireModel } from '../models/resolve';

const TOLERANCE = 1e-3;

let env: Awaited<ReturnType<typeof realAtelier>>;
beforeAll(async () => {
  env = await realAtelier();
});
afterAll(async () => env.cleanup());

const reference = <T>(id: string): T =>
  JSON.parse(readFileSync(join(defaultModelsDir(), id, 'reference.json'), 'utf8')) as T;
const int64 = (values: number[], dims = [values.length]): WireTensor => ({
  dtype: 'int64',
  dims,
  data: BigInt64Array.from(values, (v) => BigInt(v)).buffer,
});
const float = (t: WireTensor): Float32Array => new Float32Array(t.data);
const maxDiff = (a: ArrayLike<number>, b: readonly number[]): number => {
  expect(a.length).toBe(b.length);
  let d = 0;
  for (let i = 0; i < b.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
};
const argmax = (xs: Float32Array): number => xs.indexOf(Math.max(...xs));

describe('ONNX in the app = PyTorch', () => {
  it('melody-vae: encoder, decoder_init and 8 chained decoder steps', async () => {
    const ref = reference<{
      tokens: number[];
      mean: number[];
      logvar: number[];
      h0: number[];
      c0: number[];
      stepLogits: number[][];
    }>('melody-vae');
    const m = requireModel(env.atelier.registry, 'melody-vae', 'melody-vae');
    const run = (role: string, feeds: Record<string, WireTensor>, outputs: string[]) =>
      env.atelier.inference.run({ model: { id: `ref-${role}`, path: modelFile(m, role) }, feeds, outputs });
    const enc = await run('encoder', { tokens: int64(ref.tokens, [1, ref.tokens.length]) }, [
      'mean',
      'logvar',
    ]);
    expect(maxDiff(float(enc.outputs.mean!), ref.mean)).toBeLessThan(TOLERANCE);
    expect(maxDiff(float(enc.outputs.logvar!), ref.logvar)).toBeLessThan(TOLERANCE);
    const z: WireTensor = {
      dtype: 'float32',
      dims: [1, ref.mean.length],
      data: new Float32Array(ref.mean).buffer,
    };
    const init = await run('decoder-init', { z }, ['h', 'c']);
    const [layers, , hidden] = init.outputs.h!.dims as [number, number, number];
    const firstEight = (t: WireTensor): number[] =>
      Array.from({ length: layers }, (_, l) =>
        Array.from(float(t).subarray(l * hidden, l * hidden + 8)),
      ).flat();
    expect(maxDiff(firstEight(init.outputs.h!), ref.h0)).toBeLessThan(TOLERANCE);
    expect(maxDiff(firstEight(init.outputs.c!), ref.c0)).toBeLessThan(TOLERANCE);
    let h = init.outputs.h!;
    let c = init.outputs.c!;
    let prev = 0;
    for (let t = 0; t < ref.stepLogits.length; t++) {
      const r = await run('decoder-step', { token: int64([prev]), step: int64([t]), z, h, c }, [
        'logits',
        'h_out',
        'c_out',
      ]);
      const logits = float(r.outputs.logits!);
      expect(maxDiff(logits, ref.stepLogits[t]!), `step ${t}`).toBeLessThan(TOLERANCE);
      prev = argmax(logits);
      h = r.outputs.h_out!;
      c = r.outputs.c_out!;
    }
  });

  it('melody-rnn: 24 chained steps from a zero state in the reference’s meter and key', async () => {
    const ref = reference<{ meter: number; key: number; stepLogits: number[][] }>('melody-rnn');
    const m = requireModel(env.atelier.registry, 'melody-rnn', 'melody-rnn');
    const { layers, hidden } = m.manifest.melody!;
    const zeros = (): WireTensor => ({
      dtype: 'float32',
      dims: [layers, 1, hidden],
      data: new Float32Array(layers * hidden).buffer,
    });
    let h = zeros();
    let c = zeros();
    let prev = 0;
    for (let t = 0; t < ref.stepLogits.length; t++) {
      const r = await env.atelier.inference.run({
        model: { id: 'ref-rnn-step', path: modelFile(m, 'step') },
        feeds: {
          token: int64([prev]),
          pos: int64([t]),
          meter: int64([ref.meter]),
          key: int64([ref.key]),
          h,
          c,
        },
        outputs: ['logits', 'h_out', 'c_out'],
      });
      const logits = float(r.outputs.logits!);
      expect(maxDiff(logits, ref.stepLogits[t]!), `step ${t}`).toBeLessThan(TOLERANCE);
      prev = argmax(logits);
      h = r.outputs.h_out!;
      c = r.outputs.c_out!;
    }
  });
});
