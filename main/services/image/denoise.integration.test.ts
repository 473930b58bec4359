/**
 * The shared denoising pass with the real bundled `emoji` model and the tiny Stable Diffusion
 * folder (models/training/images/tiny-sd) in the real inference process: it gives the Image
 * studio's exact bytes, an image depends on its seed alone whatever the batch, prompts become
 * one conditioning row per guidance half (unknown words reported), `onStep` sees every step, an
 * abort stops the run between steps, and a picture goes into model space and back.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AtelierError, type ImageOutput, type ModelStatus } from '../../../preload/contract';
import { decodePng, type Rgba } from '../../inference/image';
import { callOk, realAtelier } from '../../testing/atelier';
import { defaultModelsDir } from '../paths';
import { createDenoiser, imageModel, type ImageModel } from './denoise';

let env: Awaited<ReturnType<typeof realAtelier>>;
let sd: ModelStatus;
beforeAll(async () => {
  env = await realAtelier();
  sd = await call<ModelStatus>('models.import', { path: resolve('models/training/images/tiny-sd') });
});
afterAll(async () => env.cleanup());

const call = <T>(method: string, input: unknown): Promise<T> => callOk<T>(env.atelier, method, input);

let jobs = 0;
/** The studio's images for `params`, read back from the library. */
async function studio(params: Record<string, unknown>): Promise<Rgba[]> {
  const jobId = `denoise-test-${++jobs}-${Date.now()}`;
  const out = await call<ImageOutput>('image.generate', { jobId, params: { previewEvery: 0, ...params } });
  const assets = out.results.map((g) =>
    call<{ bytes: Uint8Array }>('library.asset', { id: g.id, role: 'image' }),
  );
  return (await Promise.all(assets)).map((a) => decodePng(a.bytes));
}

const denoiser = (id: string) =>
  createDenoiser(env.atelier.inference, imageModel(env.atelier.registry, id, 'model'));
const same = (a: Rgba, b: Rgba): boolean => Buffer.from(a.data).equals(Buffer.from(b.data));
const cat = (): Uint8Array =>
  new Uint8Array(readFileSync(join(defaultModelsDir(), 'emoji', 'examples', 'first-model', 'cat.png')));

describe('the shared denoising pass', () => {
  it('gives the Image studio’s bytes: text-to-image and img2img, pixel and latent models', async () => {
    const emoji = denoiser('emoji');
    const cond = await emoji.condition('red heart', 'blue', 5);
    const t2i = await emoji.denoise({
      cond,
      width: 48,
      height: 48,
      seeds: [7, 8],
      sampler: 'ddim',
      steps: 6,
    });
    const mine = await emoji.decode(t2i.x0, 2, 48, 48);
    const asked = { model: 'emoji', prompt: 'red heart', negative: 'blue', guidance: 5 };
    const theirs = await studio({ ...asked, seed: 7, steps: 6, sampler: 'ddim', batch: 2 });
    expect(mine.map((img, k) => same(img, theirs[k]!))).toEqual([true, true]);

    const init = await emoji.initFromFile(cat(), 48);
    const i2i = await emoji.denoise({
      cond,
      width: 48,
      height: 48,
      seeds: [3],
      sampler: 'euler',
      steps: 8,
      strength: 0.5,
      init,
    });
    const [fromCat] = await emoji.decode(i2i.x0, 1, 48, 48);
    const [studioCat] = await studio({
      ...asked,
      seed: 3,
      steps: 8,
      sampler: 'euler',
      strength: 0.5,
      init: { bytes: cat() },
    });
    expect(same(fromCat!, studioCat!)).toBe(true);

    const tiny = denoiser(sd.id);
    const sdCond = await tiny.condition('a cat', '', 7.5);
    const side = tiny.model.manifest.image.trainSize;
    const r = await tiny.denoise({
      cond: sdCond,
      width: side,
      height: side,
      seeds: [9],
      sampler: 'ddim',
      steps: 3,
    });
    const [sdMine] = await tiny.decode(r.x0, 1, side, side);
    const [sdTheirs] = await studio({
      model: sd.id,
      prompt: 'a cat',
      negative: '',
      guidance: 7.5,
      seed: 9,
      steps: 3,
      sampler: 'ddim',
    });
    expect([sdMine!.width, sdMine!.height]).toEqual([side, side]);
    expect(same(sdMine!, sdTheirs!)).toBe(true);
  });

  it('makes each image from its seed alone, alone or in a batch', async () => {
    for (const id of ['emoji', sd.id]) {
      const dn = denoiser(id);
      const side = dn.model.manifest.image.trainSize;
      const cond = await dn.condition('cat', '', 4);
      const run = (seeds: number[]) =>
        dn.denoise({ cond, width: side, height: side, seeds, sampler: 'ddim', steps: 3 });
      const both = await dn.decode((await run([21, 22])).x0, 2, side, side);
      const [alone] = await dn.decode((await run([22])).x0, 1, side, side);
      expect(same(both[1]!, alone!), id).toBe(true);
      expect(same(both[0]!, both[1]!), id).toBe(false);
    }
  });

  it('prepares one conditioning row per guidance half and reports unknown words', async () => {
    const emoji = denoiser('emoji');
    const words = emoji.model.manifest.image.conditioning;
    const maxWords = words.input === 'words' ? words.maxWords : 0;
    const two = await emoji.condition('red heart zorgle', 'blorp', 5);
    expect(two.halves).toEqual(['uncond', 'cond']);
    expect(two.feeds.words!.dims).toEqual([2, maxWords]);
    expect(two.unknown.sort()).toEqual(['blorp', 'zorgle']);
    expect((await emoji.condition('red heart', '', 1)).halves).toEqual(['cond']);
    expect((await emoji.condition('red heart', '', 0)).halves).toEqual(['uncond']);
    const clip = await denoiser(sd.id).condition('a cat', 'a dog', 3);
    expect(clip.feeds.encoder_hidden_states!.dims.slice(0, 2)).toEqual([2, 77]);
    expect(clip.unknown).toEqual([]);
  });

  it('calls onStep after every step and stops between steps when aborted', async () => {
    const emoji = denoiser('emoji');
    const cond = await emoji.condition('cat', '', 3);
    const init = await emoji.initFromFile(cat(), 48);
    const seen: [number, number][] = [];
    await emoji.denoise({
      cond,
      width: 48,
      height: 48,
      seeds: [1],
      init,
      sampler: 'ddim',
      steps: 10,
      strength: 0.4,
      onStep: (step, total, estimate) => {
        seen.push([step, total]);
        expect(estimate.length).toBe(3 * 48 * 48);
      },
    });
    expect(seen).toEqual([1, 2, 3, 4].map((s) => [s, 4]));

    const ac = new AbortController();
    let last = 0;
    const stopped = emoji.denoise({
      cond,
      width: 48,
      height: 48,
      seeds: [1],
      sampler: 'euler',
      steps: 10,
      signal: ac.signal,
      onStep: (step) => {
        last = step;
        if (step === 2) ac.abort();
      },
    });
    await expect(stopped).rejects.toSatisfy((e) => e instanceof AtelierError && e.code === 'cancelled');
    expect(last).toBe(2);
  });

  it('puts a picture into model space and back; a latent model without a VAE encoder cannot', async () => {
    const emoji = denoiser('emoji');
    const img: Rgba = { width: 48, height: 48, data: new Uint8Array(48 * 48 * 4) };
    for (let i = 0; i < img.data.length; i += 4) img.data.set([(i / 4) % 256, 30, 200, 255], i);
    const [back] = await emoji.decode(await emoji.initFromRgba(img), 1, 48, 48);
    const worst = back!.data.reduce((m, v, i) => Math.max(m, Math.abs(v - img.data[i]!)), 0);
    expect(worst).toBeLessThanOrEqual(1);
    expect(emoji.img2img && denoiser(sd.id).img2img).toBe(true);

    const m = imageModel(env.atelier.registry, sd.id, 'model');
    const image = m.manifest.image;
    const latent = { ...image.latent!, vaeEncoder: undefined };
    const noEncoder = { ...m, manifest: { ...m.manifest, image: { ...image, latent } } } as ImageModel;
    expect(createDenoiser(env.atelier.inference, noEncoder).img2img).toBe(false);
  });
});
