import { describe, expect, it } from 'vitest';
import { greyArea } from './evaluate-folder';

const rgba = (w: number, h: number, grey: (x: number, y: number) => number, alpha = 255) => {
  const data = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const g = grey(x, y);
      data.set([g, g, g, alpha], (y * w + x) * 4);
    }
  return { width: w, height: h, data };
};

describe('greyArea', () => {
  it('averages whole blocks when the side divides the size', () => {
    // 4×4 → 2×2: each output is the mean of a 2×2 block.
    const img = rgba(4, 4, (x, y) => (x < 2 ? (y < 2 ? 0 : 255) : y < 2 ? 51 : 102));
    expect(Array.from(greyArea(img, 2)).map((v) => Math.round(v * 255))).toEqual([0, 51, 255, 102]);
  });

  it('weighs partly covered pixels by their area for any ratio, and keeps the mean', () => {
    // 3 columns → 2: the middle column is split half and half.
    const img = rgba(3, 1, (x) => [0, 255, 0][x]!);
    const out = Array.from(greyArea(img, 2));
    expect(out[0]).toBeCloseTo((0 * 1 + 1 * 0.5) / 1.5, 6);
    expect(out[1]).toBeCloseTo(out[0]!, 6);
    const up = greyArea(
      rgba(2, 3, (x, y) => (x + y) * 40),
      16,
    );
    expect(up).toHaveLength(256);
    expect(Math.min(...up)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...up)).toBeLessThanOrEqual(1);
  });

  it('puts transparent pixels on white and uses luma for colour', () => {
    expect(
      greyArea(
        rgba(2, 2, () => 0, 0),
        1,
      )[0],
    ).toBe(1);
    const red = { width: 1, height: 1, data: new Uint8Array([255, 0, 0, 255]) };
    expect(greyArea(red, 1)[0]).toBeCloseTo(0.299, 5);
  });
});
