/**
 * Image quilting and the texture re-synthesis method: seeded and per item, at the source's size,
 * a new arrangement (not a copy) with the source's colour statistics, stripes kept striped, small
 * sources and bad params handled with a sentence naming the field.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../preload/rng';
import { decodePng, type Rgba } from '../../inference/image';
import { defaultModelsDir } from '../paths';
import { textureMethod, textureParams, TEXTURE_DEFAULTS } from './method-texture';
import { quilt } from './quilt';
import { refusalOf as refusal } from './testing';

function crop(img: Rgba, x: number, y: number, w: number, h: number): Rgba {
  const data = new Uint8Array(w * h * 4);
  for (let r = 0; r < h; r++)
    data.set(img.data.subarray(((y + r) * img.width + x) * 4, ((y + r) * img.width + x + w) * 4), r * w * 4);
  return { width: w, height: h, data };
}

/** A real texture: the leopard fur reference cell of the bundled texture model's contact sheet. */
const sheet = decodePng(readFileSync(join(defaultModelsDir(), 'texture', 'contact-sheet.png')));
const leopard = crop(sheet, 490, 492, 92, 80);

/** Vertical stripes, `period` px, with seeded noise so no two columns are exactly alike. */
function stripes(w: number, h: number, period: number): Rgba {
  const rng = new Rng(3);
  const data = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const v = (x % period < period / 2 ? 60 : 190) + (rng.nextU32() % 21) - 10;
      data.set([v, v, v, 255], (y * w + x) * 4);
    }
  return { width: w, height: h, data };
}

const same = (a: Rgba, b: Rgba): boolean => Buffer.from(a.data).equals(Buffer.from(b.data));
const meanAbs = (a: Rgba, b: Rgba): number => {
  let s = 0;
  for (let i = 0; i < a.data.length; i++) s += Math.abs(a.data[i]! - b.data[i]!);
  return s / a.data.length;
};

function stats(img: Rgba, ch: number): { mean: number; std: number } {
  let s = 0;
  let s2 = 0;
  const n = img.width * img.height;
  for (let i = ch; i < img.data.length; i += 4) {
    s += img.data[i]!;
    s2 += img.data[i]! ** 2;
  }
  const mean = s / n;
  return { mean, std: Math.sqrt(s2 / n - mean * mean) };
}

/** Correlation of the column means with themselves shifted by `lag`. */
function columnAutocorrelation(img: Rgba, lag: number): number {
  const cols = Array.from({ length: img.width }, (_, x) => {
    let s = 0;
    for (let y = 0; y < img.height; y++) s += img.data[(y * img.width + x) * 4]!;
    return s / img.height;
  });
  const m = cols.reduce((a, b) => a + b, 0) / cols.length;
  let num = 0;
  let den = 0;
  for (let x = 0; x < cols.length; x++) {
    den += (cols[x]! - m) ** 2;
    if (x + lag < cols.length) num += (cols[x]! - m) * (cols[x + lag]! - m);
  }
  return (num / (cols.length - lag)) * (cols.length / den);
}

describe('image quilting', () => {
  it('gives the same bytes for the same seed, other bytes for another, at the asked size', () => {
    const a = quilt(leopard, 92, 80, 7, TEXTURE_DEFAULTS);
    const b = quilt(leopard, 92, 80, 7, TEXTURE_DEFAULTS);
    const c = quilt(leopard, 92, 80, 8, TEXTURE_DEFAULTS);
    expect([a.width, a.height, a.data.length]).toEqual([92, 80, 92 * 80 * 4]);
    expect(same(a, b)).toBe(true);
    expect(same(a, c)).toBe(false);
  });

  it('makes new arrangements, not copies, that keep the colour statistics per channel', () => {
    const outs = [1, 2, 3].map((s) => quilt(leopard, 92, 80, s, TEXTURE_DEFAULTS));
    for (const out of outs) {
      // Far from the source pixel by pixel (the spots moved), yet the same stuff.
      expect(meanAbs(out, leopard)).toBeGreaterThan(20);
      for (let ch = 0; ch < 3; ch++) {
        const want = stats(leopard, ch);
        const got = stats(out, ch);
        expect(Math.abs(got.mean - want.mean), `mean of channel ${ch}`).toBeLessThan(12);
        expect(Math.abs(got.std - want.std) / want.std, `std of channel ${ch}`).toBeLessThan(0.15);
      }
    }
    expect(meanAbs(outs[0]!, outs[1]!)).toBeGreaterThan(20);
    expect(meanAbs(outs[1]!, outs[2]!)).toBeGreaterThan(20);
  });

  it('keeps a periodic stripe texture striped at its period', () => {
    const src = stripes(64, 64, 8);
    expect(columnAutocorrelation(src, 8)).toBeGreaterThan(0.9);
    for (const seed of [1, 2]) {
      const out = quilt(src, 64, 64, seed, { patch: 20, overlap: 0.25, tolerance: 0.1 });
      expect(same(out, src)).toBe(false);
      expect(columnAutocorrelation(out, 8)).toBeGreaterThan(0.8);
      expect(columnAutocorrelation(out, 4)).toBeLessThan(-0.8);
    }
  });

  it('shrinks the patch to a source smaller than it, and refuses one too small to quilt, naming patch', () => {
    const small = crop(leopard, 0, 0, 20, 12);
    const out = quilt(small, 20, 12, 1, { ...TEXTURE_DEFAULTS, patch: 64 });
    expect([out.width, out.height]).toEqual([20, 12]);
    const e = refusal(() => quilt(crop(leopard, 0, 0, 3, 30), 3, 30, 1, TEXTURE_DEFAULTS));
    expect([e.code, e.field]).toEqual(['invalid-input', 'params.patch']);
    expect(e.message).toMatch(/^The source is 3×30 px: a patch must be at least 4 px/);
  });
});

describe('texture re-synthesis method', () => {
  it('completes and checks its params, naming the field', () => {
    expect(textureParams(undefined)).toEqual({ patch: 32, overlap: 0.25, tolerance: 0.1 });
    expect(textureParams({ patch: 16, tolerance: 0 })).toEqual({ patch: 16, overlap: 0.25, tolerance: 0 });
    const cases: [object, string, string][] = [
      [{ patch: 4 }, 'params.patch', 'patch must be from 8 to 128 px'],
      [{ patch: 12.5 }, 'params.patch', 'patch must be a whole number of px'],
      [{ overlap: 0.9 }, 'params.overlap', 'overlap must be from 0.1 to 0.5 of the patch'],
      [{ tolerance: 'some' }, 'params.tolerance', 'tolerance must be a number from 0 to 1'],
      [
        { colour: 1 },
        'params.colour',
        'Texture re-synthesis has no parameter "colour" (it takes patch, overlap and tolerance).',
      ],
    ];
    for (const [input, field, message] of cases) {
      const e = refusal(() => textureParams(input));
      expect([e.code, e.field, e.message]).toEqual(['invalid-input', field, message]);
    }
  });

  it('makes item j from seeds[j] alone, at the source size, off the main thread, and stops on the signal', async () => {
    const source = { path: 'leopard/a.png', label: 'leopard', image: leopard };
    const p = textureParams({});
    const [a, b] = await textureMethod.generate(source, [11, 12], p);
    const [alone] = await textureMethod.generate(source, [12], p);
    expect(same(alone!, b!)).toBe(true);
    expect(same(a!, b!)).toBe(false);
    expect([a!.width, a!.height]).toEqual([92, 80]);
    // Made in the worker thread, bit for bit what quilting here makes.
    expect(same(a!, quilt(leopard, 92, 80, 11, p))).toBe(true);
    const tiny = { path: 'leopard/tiny.png', label: 'leopard', image: crop(leopard, 0, 0, 3, 3) };
    await expect(textureMethod.generate(tiny, [1], p)).rejects.toMatchObject({
      code: 'invalid-input',
      field: 'params.patch',
    });
    const stop = new AbortController();
    stop.abort();
    await expect(textureMethod.generate(source, [1], p, stop.signal)).rejects.toMatchObject({
      code: 'cancelled',
    });
  });
});
