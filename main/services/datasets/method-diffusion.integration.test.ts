/**
 * Diffusion img2img augmentation with the real bundled `emoji` model in the real inference
 * process: the model's hash and licence, params checked naming the field, determinism per item,
 * strength that moves the image as far as it says, unknown words that do not fail, a missing or
 * wrong model refused naming `model`, and a run through `datasets.augment` whose manifest rows
 * carry the method, the params and the model's hash.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type DatasetsAugmentResult } from '../../../preload/contract';
import type { Rgba } from '../../inference/image';
import { diffusionMethod, diffusionParams, promptFor } from './method-diffusion';
import type { SourceImage } from './method';
import { refusalOf as refusal, sharedAtelier, tinyImageFolder } from './testing';

const t = sharedAtelier();

const deps = () => ({ registry: t.env.atelier.registry, inference: t.env.atelier.inference });
const same = (a: Rgba, b: Rgba): boolean => Buffer.from(a.data).equals(Buffer.from(b.data));
const meanAbs = (a: Rgba, b: Rgba): number => {
  let s = 0;
  for (let i = 0; i < a.data.length; i += 4)
    for (let ch = 0; ch < 3; ch++) s += Math.abs(a.data[i + ch]! - b.data[i + ch]!);
  return s / ((a.data.length / 4) * 3);
};

/** A red disc on white, w×h px, like the emoji the model was trained on. */
function redDisc(w: number, h: number, label = 'red_heart'): SourceImage {
  const data = new Uint8Array(w * h * 4);
  const r = Math.min(w, h) * 0.38;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const inside = (x - w / 2) ** 2 + (y - h / 2) ** 2 < r * r;
      data.set(inside ? [220, 30, 40, 255] : [255, 255, 255, 255], (y * w + x) * 4);
    }
  return { path: `${label}/disc.png`, label, image: { width: w, height: h, data } };
}

describe('diffusion img2img method (emoji)', () => {
  it('names the model, its hash and licence, and checks its params naming the field', () => {
    const method = diffusionMethod(deps(), 'emoji');
    expect(method.id).toBe('img2img');
    expect(method.model).toEqual({
      id: 'emoji',
      sha256: t.env.atelier.registry.get('emoji')!.sha256,
      licence: 'CC-BY-4.0',
    });
    expect(method.model!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(method.params(undefined)).toEqual({ strength: 0.5, steps: 20, guidance: 5, prompt: '{label}' });
    const cases: [object, string, string][] = [
      [{ strength: 0.01 }, 'params.strength', 'strength must be from 0.05 to 1'],
      [{ steps: 2.5 }, 'params.steps', 'steps must be a whole number'],
      [{ steps: 500 }, 'params.steps', 'steps must be from 1 to 100'],
      [{ guidance: 'lots' }, 'params.guidance', 'guidance must be a number from 0 to 20'],
      [{ prompt: 5 }, 'params.prompt', 'prompt must be text, e.g. "{label}"'],
      [{ prompt: 'a {class}' }, 'params.prompt', 'prompt can use only {label} in braces'],
      [
        { seed: 1 },
        'params.seed',
        'Diffusion img2img has no parameter "seed" (it takes strength, steps, guidance and prompt).',
      ],
    ];
    for (const [input, field, message] of cases) {
      const e = refusal(() => diffusionParams(input));
      expect([e.code, e.field, e.message]).toEqual(['invalid-input', field, message]);
    }
    expect(promptFor('{label}, emoji', 'red_heart-big')).toBe('red heart big, emoji');
  });

  it('refuses a missing model and a model that is not an image model, naming model', () => {
    const missing = refusal(() => diffusionMethod(deps(), 'no-such-model'));
    expect([missing.code, missing.field]).toEqual(['model-unavailable', 'model']);
    expect(missing.message).toMatch(/no-such-model/);
    const wrong = refusal(() => diffusionMethod(deps(), 'glyphs'));
    expect([wrong.code, wrong.field]).toEqual(['invalid-input', 'model']);
    expect(wrong.message).toMatch(/not a image model|not an image model/);
  });

  it('is deterministic per item, at the source size: same seed same bytes, alone or batched', async () => {
    const method = diffusionMethod(deps(), 'emoji');
    const source = redDisc(40, 30);
    const p = method.params({ steps: 10 });
    const a = await method.generate(source, [101, 202], p);
    const b = await method.generate(source, [101, 202], p);
    expect(a.map((i) => [i.width, i.height])).toEqual([
      [40, 30],
      [40, 30],
    ]);
    expect(same(a[0]!, b[0]!) && same(a[1]!, b[1]!)).toBe(true);
    expect(same(a[0]!, a[1]!)).toBe(false);
    const [alone] = await method.generate(source, [202], p);
    expect(same(alone!, a[1]!)).toBe(true);
  });

  it('stays close to the source at strength 0.05 and moves far at 1', async () => {
    const method = diffusionMethod(deps(), 'emoji');
    const source = redDisc(48, 48);
    const seeds = [1, 2, 3];
    const near = await method.generate(source, seeds, method.params({ strength: 0.05, steps: 20 }));
    const far = await method.generate(source, seeds, method.params({ strength: 1, steps: 20 }));
    const d = (imgs: Rgba[]) => imgs.reduce((s, img) => s + meanAbs(img, source.image), 0) / imgs.length;
    expect(d(near)).toBeLessThan(6);
    expect(d(far)).toBeGreaterThan(25);
    expect(d(far)).toBeGreaterThan(5 * d(near));
  });

  it('does not fail on class words the model does not know', async () => {
    const method = diffusionMethod(deps(), 'emoji');
    const out = await method.generate(redDisc(32, 32, 'zzqx_flurbo'), [7], method.params({ steps: 4 }));
    expect([out[0]!.width, out[0]!.height]).toEqual([32, 32]);
  });
});

describe('datasets.augment with diffusion-img2img', () => {
  it('writes manifest rows with the method, the completed params and the model hash', async () => {
    const input = tinyImageFolder(t.root);
    const out = join(t.root, 'img2img');
    const r = await t.env.atelier.router.call('datasets.augment', {
      input,
      out,
      method: 'diffusion-img2img',
      k: 1,
      seed: 3,
      params: { steps: 4, strength: 0.6 },
    });
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    expect(r.value as DatasetsAugmentResult).toMatchObject({ written: 12, dropped: 0 });
    const rows = readFileSync(join(out, 'train', 'metadata.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const made = rows.filter((row) => row.method !== 'real');
    expect(made).toHaveLength(6);
    const sha = t.env.atelier.registry.get('emoji')!.sha256;
    for (const row of made)
      expect(row).toMatchObject({
        method: 'img2img',
        model: 'emoji',
        model_sha256: sha,
        params: { strength: 0.6, steps: 4, guidance: 5, prompt: '{label}' },
      });
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toContain(`emoji (sha256 ${sha.slice(0, 12)}…)`);
    const refused = await t.env.atelier.router.call('datasets.augment', {
      input,
      out: join(t.root, 'nope'),
      method: 'diffusion-img2img',
      model: 'no-such-model',
      k: 1,
      seed: 0,
    });
    expect(refused.ok ? null : [refused.error.code, refused.error.field]).toEqual([
      'model-unavailable',
      'model',
    ]);
  });
});
