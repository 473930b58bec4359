/**
 * The Labs section through the router, with real short training runs, a real SQLite library in a
 * temp dir and the real inference process: a saved lab lists as a `lab` record and opens as the
 * same state; hostile and malformed states are refused naming the field, with nothing written;
 * the flow's and the VAE's ONNX exports give the engines' own outputs under onnxruntime-node.
 */
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kinds, type Generation } from '../../../preload/contract';
import { preset } from '../../../preload/labs/data';
import { FlowEngine } from '../../../preload/labs/flow';
import { trainHeadless } from '../../../preload/labs/headless';
import { LabSession } from '../../../preload/labs/session';
import type { LabState } from '../../../preload/labs/state';
import { tf } from '../../../preload/labs/tf';
import { VaeEngine } from '../../../preload/labs/vae';
import { decodeMean } from '../../../preload/labs/vae-model';
import { encodeF32 } from '../../../preload/labs/weights';
import { Rng } from '../../../preload/rng';
import { callOk, realAtelier } from '../../testing/atelier';

let env: Awaited<ReturnType<typeof realAtelier>>;
let flow: LabState;
let vae: LabState;
beforeAll(async () => {
  env = await realAtelier();
  const data = preset('two-moons', 400, 1);
  const small = { width: 16, batchSize: 64 };
  flow = (await trainHeadless({ lab: 'flow', data, seed: 4, steps: 25, settings: { ...small, layers: 4 } }))
    .state;
  vae = (await trainHeadless({ lab: 'vae', data, seed: 4, steps: 25, settings: small })).state;
});
afterAll(async () => env.cleanup());

const call = <T>(method: string, input: unknown): Promise<T> => callOk<T>(env.atelier, method, input);

async function refusal(
  method: string,
  input: unknown,
): Promise<{ code: string; field?: string; message: string }> {
  const r = await env.atelier.router.call(method, input);
  if (r.ok) throw new Error(`${method} accepted the input`);
  return r.error;
}

const assetFolders = (): string[] => {
  try {
    return readdirSync(join(env.dataDir, 'assets'));
  } catch {
    return [];
  }
};

describe('labs.save and labs.open', () => {
  it('saves a lab record with its state and thumbnail, and opens the same state', async () => {
    const gen = await call<Generation>('labs.save', { title: 'Moons flow', state: flow });
    expect(gen.kind).toBe('lab');
    if (gen.kind !== 'lab') return;
    expect(gen.title).toBe('Moons flow');
    expect(gen.seed).toBe(4);
    expect(gen.params).toMatchObject({
      lab: 'flow',
      iteration: 25,
      points: 400,
      data: flow.data.source,
      metrics: flow.metrics,
    });
    expect(gen.params.settings).toMatchObject({ width: 16, batchSize: 64, layers: 4 });

    const listed = await call<Generation[]>('library.list', { kind: 'lab' });
    expect(listed.map((g) => g.id)).toContain(gen.id);
    const thumb = await call<{ mime: string; bytes: Uint8Array }>('library.asset', {
      id: gen.id,
      role: 'thumbnail',
    });
    expect(thumb.mime).toBe('image/png');
    expect(kinds.lab.fileName(gen)).toBe('moons-flow.atelier-lab.json');

    const { state } = await call<{ state: LabState }>('labs.open', { id: gen.id });
    expect(state).toEqual({ ...flow, title: 'Moons flow' });
    // …and it continues as a lab.
    const session = await LabSession.fromState(state);
    expect(session.iteration).toBe(25);
    session.dispose();
  });

  it('refuses hostile and malformed states naming the field, and writes nothing', async () => {
    const before = (await call<Generation[]>('library.list', {})).length;
    const folders = assetFolders().length;
    const weightName = Object.keys(flow.weights.tensors)[0]!;
    const deep: Record<string, unknown> = {};
    let cur = deep;
    for (let i = 0; i < 12; i++) cur = (cur.next = {}) as Record<string, unknown>;
    const cases: [string, unknown, RegExp | string][] = [
      ['format', { ...flow, format: 'ganlab' }, 'state.format'],
      ['newer version', { ...flow, version: 2 }, 'state.version'],
      ['unknown lab', { ...flow, lab: 'rnn' }, 'state.lab'],
      ['settings', { ...flow, settings: { ...flow.settings, learningRate: 'fast' } }, 'state.settings'],
      ['settings range', { ...flow, settings: { ...flow.settings, layers: 99 } }, 'state.settings'],
      ['points', { ...flow, data: { ...flow.data, points: 'not base64!' } }, 'state.data.points'],
      ['dim', { ...flow, data: { ...flow.data, dim: 3 } }, 'state.data.dim'],
      [
        'rows',
        { ...flow, data: { ...flow.data, points: encodeF32(new Float32Array(3)) } },
        'state.data.points',
      ],
      [
        'weight shape',
        {
          ...flow,
          weights: {
            ...flow.weights,
            tensors: {
              ...flow.weights.tensors,
              [weightName]: { shape: [3, 3], data: encodeF32(new Float32Array(9)) },
            },
          },
        },
        'state.weights',
      ],
      ['weights missing', { ...flow, weights: { ...flow.weights, tensors: {} } }, 'state.weights'],
      ['rng', { ...flow, weights: { ...flow.weights, rng: [1, 2] } }, 'state.weights.rng'],
      ['charts', { ...flow, charts: { iterations: [1, 2], series: { nll: [1] } } }, /^state\.charts\.series/],
      ['nesting', { ...flow, view: deep }, 'state'],
      ['latent on points', { ...vae, settings: { ...vae.settings, latentDim: 3 } }, 'state'],
    ];
    for (const [what, state, field] of cases) {
      const e = await refusal('labs.save', { title: 'x', state });
      expect(e.code, what).toBe('invalid-input');
      if (typeof field === 'string') expect(e.field, what).toBe(field);
      else expect(e.field, what).toMatch(field);
      expect(e.message.length, what).toBeLessThan(300);
    }
    expect((await refusal('labs.save', { title: '', state: flow })).field).toBe('title');
    expect(
      (await refusal('labs.save', { title: 'x', state: flow, thumbnail: new Uint8Array([1, 2, 3]) })).field,
    ).toBe('thumbnail');
    expect((await call<Generation[]>('library.list', {})).length).toBe(before);
    expect(assetFolders().length).toBe(folders);
  });

  it('names the record when its state file is missing or damaged', async () => {
    const gen = await call<Generation>('labs.save', { title: 'Fragile', state: vae });
    const path = env.atelier.library.assetPath(gen.id, 'state');
    writeFileSync(path, '{"format":"atelier-lab",');
    const damaged = await refusal('labs.open', { id: gen.id });
    expect(damaged.message).toMatch(
      new RegExp(`The lab "Fragile" \\(${gen.id}\\) cannot be opened: its state file is damaged`),
    );
    rmSync(path);
    const missing = await refusal('labs.open', { id: gen.id });
    expect(missing.code).toBe('not-found');
    expect(missing.message).toMatch(/"Fragile" .* its state file is missing/);
    const texture = await refusal('labs.open', { id: '00000000-0000-0000-0000-000000000000' });
    expect(texture.code).toBe('not-found');
  });
});

const maxDiff = (a: Float32Array, b: Float32Array): number => {
  expect(a.length).toBe(b.length);
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);
};

/** The exported graph run in the real inference process. */
async function runOnnx(
  bytes: Uint8Array,
  name: string,
  feed: string,
  dims: number[],
  data: Float32Array,
  outputs: string[],
) {
  const path = join(env.dataDir, `${name}.onnx`);
  writeFileSync(path, bytes);
  const r = await env.atelier.inference.run({
    model: { id: `test-${name}`, path },
    feeds: { [feed]: { dtype: 'float32', dims, data: data.buffer as ArrayBuffer } },
    outputs,
  });
  return Object.fromEntries(outputs.map((o) => [o, new Float32Array(r.outputs[o]!.data)]));
}

describe('labs.exportOnnx', () => {
  it("exports the flow (x → z, log_prob) with the engine's outputs to ~1e-5", async () => {
    const file = await call<{ fileName: string; mime: string; bytes: Uint8Array }>('labs.exportOnnx', {
      state: flow,
    });
    expect(file.fileName).toBe('flow-25.onnx');
    expect(file.mime).toBe('application/octet-stream');
    const x = new Rng(3).fillNormal(new Float32Array(64 * 2));
    const got = await runOnnx(file.bytes, 'flow', 'x', [64, 2], x, ['z', 'log_prob']);
    const session = await LabSession.fromState(flow);
    const engine = session.engine as unknown as FlowEngine;
    expect(engine).toBeInstanceOf(FlowEngine);
    const { z } = engine.forward(x);
    const logp = engine.logDensity(x);
    session.dispose();
    expect(maxDiff(got.z!, z)).toBeLessThan(1e-5);
    expect(maxDiff(got.log_prob!, logp)).toBeLessThan(1e-5);
  });

  it("exports the VAE's decoder (z → x) with the engine's decoded means", async () => {
    const file = await call<{ fileName: string; bytes: Uint8Array }>('labs.exportOnnx', { state: vae });
    const z = new Rng(8).fillNormal(new Float32Array(32 * 2));
    const got = await runOnnx(file.bytes, 'vae', 'z', [32, 2], z, ['x']);
    const session = await LabSession.fromState(vae);
    const engine = session.engine as unknown as VaeEngine;
    const want = tf.tidy(() => decodeMean(engine.nets, tf.tensor2d(z, [32, 2])).dataSync() as Float32Array);
    session.dispose();
    expect(maxDiff(got.x!, want)).toBeLessThan(1e-5);
  });

  it('refuses a lab without an ONNX graph in words', async () => {
    const gan = (
      await trainHeadless({
        lab: 'gan',
        data: preset('ring8', 200, 1),
        seed: 1,
        steps: 2,
        settings: { width: 8 },
      })
    ).state;
    const e = await refusal('labs.exportOnnx', { state: gan });
    expect(e).toMatchObject({ code: 'invalid-input', field: 'state.lab' });
    expect(e.message).toMatch(/The gan lab has no ONNX export/);
  });
});
