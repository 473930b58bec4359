/**
 * The Stable Diffusion formats people publish, against the real inference process and the real
 * app service: the fp16 pipeline (float16 inputs and outputs, a float16 timestep, external data
 * `model.onnx_data`), a few-step Turbo pipeline (Euler ancestral, trailing spacing, external data
 * `weights.pb`), an LCM (a `timestep_cond` guidance embedding) and a v-prediction copy — each
 * made by models/training/images/make_tiny_sd_variants.py — imported and generating, the same
 * seed giving the same bytes; and the folders and values the import and the studio refuse.
 */
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImageOutput, ModelStatus } from '../../../preload/contract';
import { fromHalf, toHalf } from '../../inference/half';
import { decodePng } from '../../inference/image';
import { fileAtelier } from '../../testing/file-atelier';

const FIXTURES = resolve('models/training/images');
const t = fileAtelier('atelier-sd-formats-');
const { call } = t;
const models: Record<string, ModelStatus> = {};
const copyOf = (name: string, as: string): string => t.copyOf(join(FIXTURES, name), as);

/** Rewrites the scheduler_config.json of the pipeline folder `dir` with `patch` over its values. */
function patchScheduler(dir: string, patch: Record<string, unknown>): void {
  const sched = join(dir, 'scheduler', 'scheduler_config.json');
  writeFileSync(sched, JSON.stringify({ ...JSON.parse(readFileSync(sched, 'utf8')), ...patch }));
}

beforeAll(async () => {
  const v = copyOf('tiny-sd', 'tiny-sd2-v');
  patchScheduler(v, {
    _class_name: 'EulerDiscreteScheduler',
    prediction_type: 'v_prediction',
    timestep_spacing: 'linspace',
  });
  for (const [key, path] of [
    ['fp16', join(FIXTURES, 'tiny-sd-fp16')],
    ['turbo', join(FIXTURES, 'tiny-sd-turbo')],
    ['lcm', join(FIXTURES, 'tiny-lcm')],
    ['v', v],
  ] as const)
    models[key] = await call<ModelStatus>('models.import', { path });
});

let jobs = 0;
async function generate(model: string, params: Record<string, unknown>): Promise<ImageOutput> {
  const jobId = `formats-${++jobs}`;
  return call<ImageOutput>('image.generate', {
    jobId,
    params: { model, prompt: 'a red apple', seed: 4, ...params },
  });
}
const pixels = async (g: ImageOutput) =>
  Buffer.from(
    decodePng(
      (await call<{ bytes: Uint8Array }>('library.asset', { id: g.results[0]!.id, role: 'image' })).bytes,
    ).data,
  );
async function refusal(
  model: string,
  params: Record<string, unknown>,
): Promise<{ field?: string; message: string }> {
  const e = await t.refusal('image.generate', {
    jobId: `formats-bad-${++jobs}`,
    params: { model, prompt: 'x', seed: 1, ...params },
  });
  return { message: e.message, ...(e.field ? { field: e.field } : {}) };
}

describe('fp16 Stable Diffusion (float16 graphs, external data)', () => {
  it('imports with its dtype, and its UNet gives PyTorch’s float32 values within the fp16 tolerance', async () => {
    const m = models.fp16!;
    expect(m.ok, m.error).toBe(true);
    expect(m.image).toMatchObject({ kind: 'latent', dtype: 'float16', img2img: true });
    const dir = join(t.env.dataDir, 'models', m.id);
    expect(readdirSync(join(dir, 'unet')).sort()).toEqual(['config.json', 'model.onnx', 'model.onnx_data']);
    const manifest = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as {
      image: { timestep: { dtype: string }; floats: Record<string, string> };
    };
    expect(manifest.image.timestep.dtype).toBe('float16');
    expect(manifest.image.floats).toMatchObject({
      sample: 'float16',
      hiddenStates: 'float16',
      latent: 'float16',
    });
    const ref = JSON.parse(readFileSync(join(FIXTURES, 'tiny-sd-fp16', 'reference.json'), 'utf8')) as {
      tolerance: number;
      vaeDecoder: { sampleFirst8: number[] };
    };
    const latent = Float32Array.from({ length: 4 * 8 * 8 }, (_, i) => 0.8 * Math.sin(0.37 * i));
    const r = await t.env.atelier.inference.run({
      model: { id: 'fp16-vae', path: join(dir, 'vae_decoder', 'model.onnx') },
      feeds: {
        latent_sample: { dtype: 'float16', dims: [1, 4, 8, 8], data: toHalf(latent).buffer as ArrayBuffer },
      },
      outputs: ['sample'],
    });
    expect(r.outputs.sample!.dtype).toBe('float16');
    const got = fromHalf(new Uint16Array(r.outputs.sample!.data));
    ref.vaeDecoder.sampleFirst8.forEach((v, i) => expect(Math.abs(got[i]! - v)).toBeLessThan(ref.tolerance));
  });

  it('generates, img2img included; the same seed gives the same bytes', async () => {
    const a = await generate(models.fp16!.id, { steps: 4, width: 64, height: 64 });
    const b = await generate(models.fp16!.id, { steps: 4, width: 64, height: 64 });
    expect((await pixels(a)).equals(await pixels(b))).toBe(true);
    expect(a.results[0]!.params).toMatchObject({ steps: 4, sampler: 'euler', guidance: 7.5 });
    const i2i = await generate(models.fp16!.id, {
      steps: 4,
      width: 64,
      height: 64,
      init: { generationId: a.results[0]!.id },
      strength: 0.5,
    });
    expect(i2i.results[0]!.parentId).toBe(a.results[0]!.id);
  });
});

describe('a mixed pipeline', () => {
  it('an fp16 text encoder before an fp32 UNet: its float16 states are converted for the UNet', async () => {
    const dir = copyOf('tiny-sd', 'mixed-fp16-text');
    cpSync(
      join(FIXTURES, 'tiny-sd-fp16', 'text_encoder', 'model.onnx'),
      join(dir, 'text_encoder', 'model.onnx'),
    );
    const m = await call<ModelStatus>('models.import', { path: dir });
    expect(m.image?.dtype).toBe('float32');
    const a = await generate(m.id, { steps: 3, width: 64, height: 64 });
    const b = await generate(m.id, { steps: 3, width: 64, height: 64 });
    expect((await pixels(a)).equals(await pixels(b))).toBe(true);
  });
});

describe('a few-step Turbo pipeline', () => {
  it('says so in the model list, with 1 step and no guidance by default', () => {
    const m = models.turbo!;
    expect(m.ok, m.error).toBe(true);
    expect(m.image).toMatchObject({
      defaults: { steps: 1, guidance: 0, sampler: 'euler-ancestral' },
      fewStep: { family: 'turbo', steps: { min: 1, max: 4 }, summary: 'few-step: 1–4 steps, no guidance' },
      scheduler: { className: 'EulerAncestralDiscreteScheduler', spacing: 'trailing' },
      dtype: 'float32',
    });
    expect(readdirSync(join(t.env.dataDir, 'models', m.id, 'unet')).sort()).toEqual([
      'config.json',
      'model.onnx',
      'weights.pb',
    ]);
  });

  it('draws in 1 step with one UNet pass (no guidance) and in 4 ancestral steps, deterministically', async () => {
    // Same batch each time: a UNet batch of another size may round one byte of a picture apart.
    const one = await generate(models.turbo!.id, { width: 64, height: 64 });
    expect(one.results[0]!.params).toMatchObject({ steps: 1, guidance: 0, sampler: 'euler-ancestral' });
    const again = await generate(models.turbo!.id, { width: 64, height: 64 });
    expect((await pixels(one)).equals(await pixels(again))).toBe(true);
    const four = await generate(models.turbo!.id, { width: 64, height: 64, steps: 4 });
    const fourAgain = await generate(models.turbo!.id, { width: 64, height: 64, steps: 4 });
    expect((await pixels(four)).equals(await pixels(fourAgain))).toBe(true);
    expect((await pixels(four)).equals(await pixels(one))).toBe(false);
  });

  it('refuses steps and guidance it was not distilled for, naming the field', async () => {
    const id = models.turbo!.id;
    expect(await refusal(id, { steps: 50 })).toEqual({
      field: 'params.steps',
      message: 'This is a few-step Turbo model: it draws in 1–4 steps (asked 50).',
    });
    expect((await refusal(id, { steps: 0 })).field).toBe('params.steps');
    expect(await refusal(id, { guidance: 7.5 })).toMatchObject({ field: 'params.guidance' });
    expect((await refusal(id, { sampler: 'lcm' })).message).toMatch(/cannot drive it/);
  });
});

describe('a latent consistency model (timestep_cond)', () => {
  it('imports as LCM, 4 steps at guidance 8.5, and generates deterministically', async () => {
    const m = models.lcm!;
    expect(m.ok, m.error).toBe(true);
    expect(m.image).toMatchObject({
      defaults: { steps: 4, guidance: 8.5, sampler: 'lcm' },
      samplers: ['lcm'],
    });
    const a = await generate(m.id, { width: 64, height: 64 });
    const b = await generate(m.id, { width: 64, height: 64 });
    expect((await pixels(a)).equals(await pixels(b))).toBe(true);
    // The guidance is an input of the UNet: another guidance, another picture.
    const c = await generate(m.id, { width: 64, height: 64, guidance: 3 });
    expect((await pixels(c)).equals(await pixels(a))).toBe(false);
    expect(await refusal(m.id, { guidance: 20 })).toMatchObject({ field: 'params.guidance' });
    expect(await refusal(m.id, { sampler: 'ddim' })).toMatchObject({ field: 'params.sampler' });
  });
});

describe('a v-prediction (SD 2.x) pipeline', () => {
  it('imports with its prediction and generates with Euler over linspace timesteps', async () => {
    const m = models.v!;
    expect(m.image?.scheduler).toEqual({
      className: 'EulerDiscreteScheduler',
      spacing: 'linspace',
      prediction: 'v_prediction',
    });
    const a = await generate(m.id, { width: 64, height: 64, steps: 3 });
    const b = await generate(m.id, { width: 64, height: 64, steps: 3 });
    expect((await pixels(a)).equals(await pixels(b))).toBe(true);
  });
});

describe('refused formats leave nothing behind, and say which file and why', () => {
  const refused = async (path: string): Promise<string> => (await t.refusedImport({ path })).message;
  const withUnet = (bad: string): string => {
    const dir = copyOf('tiny-sd', `bad-${bad}`);
    cpSync(join(FIXTURES, 'bad-graphs', `${bad}.onnx`), join(dir, 'unet', 'model.onnx'));
    return dir;
  };

  it('a UNet with an operator onnxruntime cannot run', async () => {
    expect(await refused(withUnet('unet-custom-op'))).toMatch(
      /unet\/model\.onnx uses the operator FancyDenoise \(domain com\.example\), which onnxruntime cannot run/,
    );
  });

  it('a UNet whose sample is float64', async () => {
    expect(await refused(withUnet('unet-double'))).toMatch(
      /unet\/model\.onnx's "sample" is float64; Atelier feeds and reads float32 or float16 tensors/,
    );
  });

  it('an unknown scheduler class, before any graph is opened', async () => {
    const dir = copyOf('tiny-sd-turbo', 'flow-match');
    patchScheduler(dir, { _class_name: 'FlowMatchEulerDiscreteScheduler' });
    writeFileSync(join(dir, 'unet', 'model.onnx'), 'not a graph');
    expect(await refused(dir)).toMatch(/scheduler_config\.json names "FlowMatchEulerDiscreteScheduler"/);
  });

  it('an fp16 UNet whose external data is missing', async () => {
    const dir = copyOf('tiny-sd-fp16', 'no-data');
    rmSync(join(dir, 'unet', 'model.onnx_data'));
    expect(await refused(dir)).toMatch(/unet\/model\.onnx/);
  });
});
