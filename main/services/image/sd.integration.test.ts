/**
 * Stable Diffusion 1.x folders in the Hugging Face Optimum layout, against the real inference
 * process: the tiny random-weight pipeline our own script makes
 * (models/training/images/make_tiny_sd.py: CLIP text encoder, UNet, VAE decoder and encoder,
 * CLIP tokenizer, scheduler) is imported and runs the whole pipeline; broken copies are refused.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImageOutput, ImagePreview, ModelStatus } from '../../../preload/contract';
import { decodePng } from '../../inference/image';
import { fileAtelier, withEvents } from '../../testing/file-atelier';
import { loadTokenizer } from '../text/tokenizer';

const TINY = resolve('models/training/images/tiny-sd');
const t = fileAtelier('atelier-sd-src-');
const { call } = t;
let sd: ModelStatus;
beforeAll(async () => {
  sd = await call<ModelStatus>('models.import', { path: TINY });
});

let jobs = 0;
async function generate(
  params: Record<string, unknown>,
  onPreview?: (p: ImagePreview, jobId: string) => void,
): Promise<{ out: ImageOutput; previews: ImagePreview[] }> {
  const jobId = `sd-test-${++jobs}-${Date.now()}`;
  const run = () => call<ImageOutput>('image.generate', { jobId, params: { model: sd.id, ...params } });
  const { result, events } = await withEvents(t.env, 'image.preview', jobId, run, onPreview);
  return { out: result, previews: events };
}

const png = async (id: string) =>
  decodePng((await call<{ bytes: Uint8Array }>('library.asset', { id, role: 'image' })).bytes);

const copyOf = (as: string): string => t.copyOf(TINY, as);
const refused = async (path: string): Promise<string> => (await t.refusedImport({ path })).message;

describe('a Stable Diffusion pipeline (tiny, random weights)', () => {
  it('imports as an image model with img2img, and its manifest describes the pipeline', () => {
    expect(sd.ok, sd.error).toBe(true);
    expect(sd).toMatchObject({ task: 'image', family: 'diffusion', source: 'imported' });
    expect(sd.image).toMatchObject({ kind: 'latent', img2img: true });
    const manifest = JSON.parse(readFileSync(join(t.env.dataDir, 'models', sd.id, 'model.json'), 'utf8')) as {
      image: {
        conditioning: { input: string; maxLength: number; idsType: string };
        timestep: { dtype: string };
      };
    };
    expect(manifest.image.conditioning).toEqual({ input: 'clip', maxLength: 77, idsType: 'int32' });
    expect(manifest.image.timestep.dtype).toBe('int64');
    // One down block in this UNet: sizes divide by 8 px (Stable Diffusion's four blocks give 64).
    expect((manifest.image as { sizeMultiple?: number }).sizeMultiple).toBe(8);
  });

  it('CLIP tokens, text encoder, UNet and VAE decoder give PyTorch’s values on the reference inputs', async () => {
    const ref = JSON.parse(readFileSync(join(TINY, 'reference.json'), 'utf8')) as {
      prompt: string;
      inputIds: number[];
      textEncoder: { lastHiddenStateFirst8: number[] };
      unet: { timestep: number; outSampleFirst8: number[] };
      vaeDecoder: { sampleFirst8: number[] };
      tolerance: number;
    };
    const dir = join(t.env.dataDir, 'models', sd.id);
    const tok = await loadTokenizer(join(dir, 'tokenizer'));
    const ids = tok.encode(ref.prompt);
    const eos = tok.tokenId('<|endoftext|>')!;
    while (ids.length < 77) ids.push(eos);
    expect(ids).toEqual(ref.inputIds);
    const close = (got: Float32Array, want: number[]): void => {
      for (let i = 0; i < want.length; i++) expect(Math.abs(got[i]! - want[i]!)).toBeLessThan(ref.tolerance);
    };
    const te = await t.env.atelier.inference.run({
      model: { id: 'sd-ref-te', path: join(dir, 'text_encoder', 'model.onnx') },
      feeds: { input_ids: { dtype: 'int32', dims: [1, 77], data: Int32Array.from(ids).buffer } },
      outputs: ['last_hidden_state'],
    });
    const states = te.outputs.last_hidden_state!;
    close(new Float32Array(states.data), ref.textEncoder.lastHiddenStateFirst8);
    const latent = Float32Array.from({ length: 4 * 8 * 8 }, (_, i) => 0.8 * Math.sin(0.37 * i));
    const unet = await t.env.atelier.inference.run({
      model: { id: 'sd-ref-unet', path: join(dir, 'unet', 'model.onnx') },
      feeds: {
        sample: { dtype: 'float32', dims: [1, 4, 8, 8], data: latent.slice().buffer },
        timestep: { dtype: 'int64', dims: [1], data: BigInt64Array.from([BigInt(ref.unet.timestep)]).buffer },
        encoder_hidden_states: states,
      },
      outputs: ['out_sample'],
    });
    close(new Float32Array(unet.outputs.out_sample!.data), ref.unet.outSampleFirst8);
    const vae = await t.env.atelier.inference.run({
      model: { id: 'sd-ref-vae', path: join(dir, 'vae_decoder', 'model.onnx') },
      feeds: { latent_sample: { dtype: 'float32', dims: [1, 4, 8, 8], data: latent.slice().buffer } },
      outputs: ['sample'],
    });
    expect(vae.outputs.sample!.dims).toEqual([1, 3, 64, 64]);
    close(new Float32Array(vae.outputs.sample!.data), ref.vaeDecoder.sampleFirst8);
  });

  it('generates an image of the requested size, with previews during sampling, deterministically', async () => {
    const { out, previews } = await generate({
      prompt: 'a red apple',
      seed: 3,
      steps: 6,
      width: 64,
      height: 48,
      batch: 2,
    });
    expect(out.results).toHaveLength(2);
    expect(out.results.map((g) => g.seed)).toEqual([3, 4]);
    const img = await png(out.results[0]!.id);
    expect([img.width, img.height]).toEqual([64, 48]);
    expect(previews.length).toBeGreaterThanOrEqual(5);
    expect(previews.map((p) => p.step)).toEqual([...previews.map((p) => p.step)].sort((a, b) => a - b));
    expect(previews[0]!.images).toHaveLength(2);
    expect(previews[0]!.images[0]).toMatchObject({ width: 64, height: 48, channels: 3 });
    // The estimate changes while sampling.
    expect(
      Buffer.from(previews[0]!.images[0]!.pixels).equals(Buffer.from(previews.at(-1)!.images[0]!.pixels)),
    ).toBe(false);
    const again = await generate({
      prompt: 'a red apple',
      seed: 3,
      steps: 6,
      width: 64,
      height: 48,
      batch: 1,
    });
    expect(Buffer.from((await png(again.out.results[0]!.id)).data).equals(Buffer.from(img.data))).toBe(true);
    const other = await generate({ prompt: 'a red apple', seed: 9, steps: 6, width: 64, height: 48 });
    expect(Buffer.from((await png(other.out.results[0]!.id)).data).equals(Buffer.from(img.data))).toBe(false);
  });

  it('runs both samplers, and img2img from a library image records its parent', async () => {
    const base = await generate({
      prompt: 'a cat',
      seed: 1,
      steps: 4,
      width: 64,
      height: 64,
      sampler: 'euler',
    });
    const g = base.out.results[0]!;
    expect(g.params).toMatchObject({ sampler: 'euler', steps: 4 });
    const i2i = await generate({
      prompt: 'a cat',
      seed: 1,
      steps: 4,
      width: 64,
      height: 64,
      init: { generationId: g.id },
      strength: 0.5,
    });
    expect(i2i.out.results[0]!.parentId).toBe(g.id);
    expect(i2i.out.results[0]!.params).toMatchObject({ strength: 0.5, init: g.id });
  });

  it('Cancel stops within one step and saves nothing', async () => {
    const before = (await call<unknown[]>('library.list', { kind: 'image', limit: 500 })).length;
    let jobId = '';
    const r = generate({ prompt: 'x', seed: 5, steps: 60, width: 64, height: 64 }, (p, id) => {
      jobId = id;
      if (p.step === 3) void call('jobs.cancel', { jobId: id });
    }).then(
      () => 'finished',
      (e: { info?: { code: string } }) => e.info?.code,
    );
    expect(await r).toBe('cancelled');
    expect(jobId).not.toBe('');
    expect((await call<unknown[]>('library.list', { kind: 'image', limit: 500 })).length).toBe(before);
  });
});

describe('the image queue', () => {
  it('jobs run one at a time, oldest first; a queued job can be removed before it starts', async () => {
    const queues: { jobId: string; state: string }[][] = [];
    const off = t.env.atelier.events.on('image.queue', (items) =>
      queues.push(items.map((i) => ({ jobId: i.jobId, state: i.state }))),
    );
    const params = { model: sd.id, prompt: 'a pear', seed: 2, steps: 12, width: 64, height: 64 };
    const a = call<ImageOutput>('image.generate', { jobId: 'queue-test-a', params });
    const b = call<ImageOutput>('image.generate', { jobId: 'queue-test-b', params }).then(
      () => 'ran',
      (e: { info?: { code: string } }) => e.info?.code,
    );
    const c = call<ImageOutput>('image.generate', { jobId: 'queue-test-c', params: { ...params, seed: 7 } });
    await expect
      .poll(() => call<{ jobId: string; state: string }[]>('image.queue', {}))
      .toEqual([
        expect.objectContaining({ jobId: 'queue-test-a', state: 'running' }),
        expect.objectContaining({ jobId: 'queue-test-b', state: 'queued' }),
        expect.objectContaining({ jobId: 'queue-test-c', state: 'queued' }),
      ]);
    await call('jobs.cancel', { jobId: 'queue-test-b' });
    expect(await b).toBe('cancelled');
    const [ra, rc] = await Promise.all([a, c]);
    off();
    expect(ra.results).toHaveLength(1);
    expect(rc.results[0]!.seed).toBe(7);
    // b never ran: it was never the running job.
    expect(queues.flat().some((i) => i.jobId === 'queue-test-b' && i.state === 'running')).toBe(false);
    expect(queues.at(-1)).toEqual([]);
    expect(await call('image.queue', {})).toEqual([]);
  });
});

describe('refused Stable Diffusion folders leave nothing behind', () => {
  it('a folder without its unet', async () => {
    const dir = copyOf('no-unet');
    rmSync(join(dir, 'unet'), { recursive: true });
    expect(await refused(dir)).toMatch(/unet\/model\.onnx is missing/);
  });

  it('a unet with a wrong input name', async () => {
    const dir = copyOf('wrong-input');
    const bytes = readFileSync(join(dir, 'unet', 'model.onnx'));
    const from = Buffer.from('encoder_hidden_states');
    const to = Buffer.from('encoder_hidden_stuffs');
    let n = 0;
    for (let i = bytes.indexOf(from); i !== -1; i = bytes.indexOf(from, i + 1), n++) to.copy(bytes, i);
    expect(n).toBeGreaterThan(0);
    writeFileSync(join(dir, 'unet', 'model.onnx'), bytes);
    expect(await refused(dir)).toMatch(/no input "encoder_hidden_states"/);
  });

  it('a corrupt VAE decoder and a missing tokenizer', async () => {
    const dir = copyOf('corrupt-vae');
    writeFileSync(join(dir, 'vae_decoder', 'model.onnx'), Buffer.from('not an onnx file'));
    expect(await refused(dir)).toMatch(/vae_decoder\/model\.onnx cannot be opened/);
    const dir2 = copyOf('no-tokenizer');
    rmSync(join(dir2, 'tokenizer', 'tokenizer.json'));
    expect(await refused(dir2)).toMatch(/tokenizer\/tokenizer\.json is missing/);
    expect(existsSync(join(t.env.dataDir, 'models', 'no-tokenizer'))).toBe(false);
  });
});
