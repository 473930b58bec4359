import { describe, expect, it } from 'vitest';
import { Rng } from '../../../preload/rng';
import { adjustColour, classicAugment, CLASSIC_DEFAULTS, cropBox, hflip, randomResizedCrop } from './classic';
import { picture } from './testing';

describe('classic augmentations', () => {
  const img = picture(20, 14, 7);

  it('gives the same bytes for the same seed and different bytes for another', () => {
    const a = classicAugment(img, 42, CLASSIC_DEFAULTS);
    const b = classicAugment(img, 42, CLASSIC_DEFAULTS);
    const c = classicAugment(img, 43, CLASSIC_DEFAULTS);
    expect(Buffer.from(a.data).equals(Buffer.from(b.data))).toBe(true);
    expect(Buffer.from(a.data).equals(Buffer.from(c.data))).toBe(false);
    expect([a.width, a.height]).toEqual([20, 14]);
  });

  it('leaves the image as it was when every transform is off, and never aliases the input', () => {
    const out = classicAugment(img, 1, { flip: 0, crop: null, jitter: null });
    expect(Buffer.from(out.data).equals(Buffer.from(img.data))).toBe(true);
    expect(out.data).not.toBe(img.data);
  });

  it('flips horizontally, and twice is the identity', () => {
    const f = hflip(img);
    expect(Array.from(f.data.subarray(0, 4))).toEqual(Array.from(img.data.subarray(19 * 4, 20 * 4)));
    expect(Buffer.from(hflip(f).data).equals(Buffer.from(img.data))).toBe(true);
    const always = classicAugment(img, 5, { flip: 1, crop: null, jitter: null });
    expect(Buffer.from(always.data).equals(Buffer.from(f.data))).toBe(true);
  });

  it('crops within the scale range and the image, and a full-area crop is the identity', () => {
    const rng = new Rng(3);
    for (let i = 0; i < 200; i++) {
      const [x, y, w, h] = cropBox(40, 30, rng, [0.3, 0.6], [0.75, 4 / 3]);
      expect(x >= 0 && y >= 0 && x + w <= 40 && y + h <= 30).toBe(true);
      expect((w * h) / 1200).toBeGreaterThan(0.25);
      expect((w * h) / 1200).toBeLessThan(0.66);
    }
    const sq = picture(16, 16, 2);
    const full = randomResizedCrop(sq, new Rng(1), [1, 1], [1, 1]);
    expect(Buffer.from(full.data).equals(Buffer.from(sq.data))).toBe(true);
  });

  it('adjusts colour as factors say and keeps alpha', () => {
    const half = { ...img, data: new Uint8Array(img.data) };
    half.data[3] = 17;
    expect(Buffer.from(adjustColour(half, 1, 1, 1).data).equals(Buffer.from(half.data))).toBe(true);
    const dark = adjustColour(half, 0, 1, 1);
    expect(dark.data[0]).toBe(0);
    expect(dark.data[3]).toBe(17);
    const grey = adjustColour(half, 1, 1, 0);
    expect(Math.abs(grey.data[4]! - grey.data[5]!)).toBeLessThanOrEqual(1);
  });
});
