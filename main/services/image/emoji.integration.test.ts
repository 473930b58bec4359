/**
 * The bundled diffusion model (Atelier Emoji) through the Image studio's service, against the
 * real inference process and a real SQLite library: the UNet gives PyTorch's output, prompts
 * become the model's words (unknown ones reported), seeds replay, sizes and batches come out
 * as asked, guidance and the words change the picture, img2img starts from a file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageOutput, ModelStatus } from '../../../preload/contract';
import { promptWords } from '../../../preload/image';
import { decodePng } from '../../inference/image';
import { callOk, realAtelier } from '../../testing/atelier';
import { defaultModelsDir } from '../paths';

let env: Awaited<ReturnType<typeof realAtelier>>;
let emoji: ModelStatus;
beforeAll(async () => {
  env = await realAtelier();
  emoji = env.atelier.registry.status().find((m) => m.id === 'emoji')!;
});
afterAll(async () => env.cleanup());

const call = <T>(method: string, input: unknown): Promise<T> => callOk<T>(env.atelier, method, input);

let jobs = 0;
const generate = (params: Record<string, unknown>) =>
  call<ImageOutput>('image.generate', {
    jobId: `emoji-test-${++jobs}-${Date.now()}`,
    params: { steps: 12, ...params },
  });
const pixels = async (id: string) =>
  decodePng((await call<{ bytes: Uint8Array }>('library.asset', { id, role: 'image' })).bytes);
const same = (a: { data: Uint8Array }, b: { data: Uint8Array }): boolean =>
  Buffer.from(a.data).equals(Buffer.from(b.data));
const meanAbs = (a: { data: Uint8Array }, b: { data: Uint8Array }): number => {
  let s = 0;
  for (let i = 0; i < a.data.length; i++) s += Math.abs(a.data[i]! - b.data[i]!);
  return s / a.data.length;
};

describe('the bundled emoji model', () => {
  it('loads with a valid manifest, its sizes and its words', () => {
    expect(emoji?.ok, emoji?.error).toBe(true);
    expect(emoji).toMatchObject({ task: 'image', family: 'diffusion', source: 'bundled' });
    expect(emoji.image!.kind).toBe('pixel');
    expect(emoji.image!.sizes).toContain(emoji.image!.defaultSize);
    expect(emoji.image!.words!.vocab.length).toBeGreaterThan(100);
    expect(emoji.image!.words!.vocab).toEqual(expect.arrayContaining(['heart', 'red', 'face']));
  });

  it('lists its size limits and refuses 1024 px × 8 before any inference, saying why', async () => {
    expect(emoji.image).toMatchObject({ defaultSize: 48, maxSize: 192, maxPixelsPerJob: 192 * 192 * 2 });
    const before = env.atelier.inference.queued;
    const r = await env.atelier.router.call('image.generate', {
      jobId: `emoji-test-big-${Date.now()}`,
      params: { model: 'emoji', prompt: 'red heart', seed: 1, width: 1024, height: 1024, batch: 8 },
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error).toMatchObject({
        code: 'invalid-input',
        field: 'params.width',
        message: 'This model was trained at 48 px; it draws at most 192 px (asked 1024).',
      });
    expect(env.atelier.inference.queued).toBe(before);
    expect(await call('image.queue', {})).toEqual([]);
  });

  it('the UNet gives PyTorch’s output on the reference input', async () => {
    const ref = JSON.parse(readFileSync(join(defaultModelsDir(), 'emoji', 'reference.json'), 'utf8')) as {
      prompt: string;
      size: number;
      timestep: number;
      words: number[];
      sampleFirst16: number[];
      outFirst16: number[];
      tolerance: number;
    };
    // The prompt reads as the reference's words.
    expect(promptWords(ref.prompt, emoji.image!.words!).ids).toEqual(ref.words);
    const S = ref.size;
    const sample = Float32Array.from({ length: 3 * S * S }, (_, i) => Math.sin(0.37 * i) * 0.8);
    for (let i = 0; i < 16; i++) expect(Math.abs(sample[i]! - ref.sampleFirst16[i]!)).toBeLessThan(1e-5);
    const m = env.atelier.registry.get('emoji')!;
    const r = await env.atelier.inference.run({
      model: { id: 'emoji-ref', path: join(m.dir, m.manifest!.image!.unet) },
      feeds: {
        sample: { dtype: 'float32', dims: [1, 3, S, S], data: sample.buffer },
        timestep: { dtype: 'float32', dims: [1], data: Float32Array.from([ref.timestep]).buffer },
        words: {
          dtype: 'int64',
          dims: [1, ref.words.length],
          data: BigInt64Array.from(ref.words.map(BigInt)).buffer,
        },
      },
      outputs: ['out_sample'],
    });
    const out = new Float32Array(r.outputs.out_sample!.data);
    for (let i = 0; i < 16; i++) expect(Math.abs(out[i]! - ref.outFirst16[i]!)).toBeLessThan(ref.tolerance);
  });

  it('a batch gives one record per image, seeds seed..seed+k, the asked size, and replays exactly', async () => {
    const a = await generate({ prompt: 'red heart', seed: 40, batch: 3 });
    expect(a.results.map((g) => g.seed)).toEqual([40, 41, 42]);
    expect(a.unknownWords).toEqual([]);
    const size = emoji.image!.defaultSize;
    const first = await pixels(a.results[0]!.id);
    expect([first.width, first.height]).toEqual([size, size]);
    expect(a.results[0]!.params).toMatchObject({
      prompt: 'red heart',
      steps: 12,
      sampler: 'ddim',
      batchIndex: 0,
    });
    const b = await generate({ prompt: 'red heart', seed: 41, batch: 1 });
    expect(same(await pixels(b.results[0]!.id), await pixels(a.results[1]!.id))).toBe(true);
    expect(same(await pixels(a.results[0]!.id), await pixels(a.results[1]!.id))).toBe(false);
  });

  it.each([32, 64])('draws at %i px', async (size) => {
    const r = await generate({ prompt: 'star', seed: 1, width: size, height: size, steps: 6 });
    const img = await pixels(r.results[0]!.id);
    expect([img.width, img.height]).toEqual([size, size]);
  });

  it('reports words it does not know, and the words and the guidance change the picture', async () => {
    const r = await generate({ prompt: 'a red zorblax heart', seed: 7 });
    expect(r.unknownWords).toEqual(['zorblax']);
    expect(r.results[0]!.params).toMatchObject({ unknownWords: ['zorblax'] });
    const heart = await pixels(r.results[0]!.id);
    const pizza = await pixels((await generate({ prompt: 'pizza', seed: 7 })).results[0]!.id);
    const unguided = await pixels(
      (await generate({ prompt: 'red heart', seed: 7, guidance: 0 })).results[0]!.id,
    );
    expect(meanAbs(heart, pizza)).toBeGreaterThan(5);
    expect(meanAbs(heart, unguided)).toBeGreaterThan(2);
  });

  it('Euler runs too; img2img from PNG bytes keeps the init image close at low strength', async () => {
    const base = await generate({ prompt: 'blue circle', seed: 3, sampler: 'euler' });
    const init = (
      await call<{ bytes: Uint8Array }>('library.asset', { id: base.results[0]!.id, role: 'image' })
    ).bytes;
    const near = await generate({ prompt: 'blue circle', seed: 99, init: { bytes: init }, strength: 0.2 });
    const far = await generate({ prompt: 'blue circle', seed: 99, strength: 1 });
    const a = await pixels(base.results[0]!.id);
    expect(meanAbs(await pixels(near.results[0]!.id), a)).toBeLessThan(
      meanAbs(await pixels(far.results[0]!.id), a),
    );
    expect(near.results[0]!.params).toMatchObject({ strength: 0.2, init: 'file' });
  });
});
