import { describe, expect, it } from 'vitest';
import type { PixelImage } from '../../../preload/contract';
import { pixelProblem, toRgba } from './pixels';

const gray = (pixels: number[], width = pixels.length, height = 1): PixelImage => ({
  width,
  height,
  channels: 1,
  pixels: Uint8Array.from(pixels),
});

describe('toRgba', () => {
  it('spreads gray to r = g = b with opaque alpha (paper stays white, ink dark)', () => {
    expect([...toRgba(gray([255, 0, 128]))]).toEqual([255, 255, 255, 255, 0, 0, 0, 255, 128, 128, 128, 255]);
  });

  it('copies RGB and adds alpha', () => {
    const img: PixelImage = { width: 2, height: 1, channels: 3, pixels: Uint8Array.from([1, 2, 3, 4, 5, 6]) };
    expect([...toRgba(img)]).toEqual([1, 2, 3, 255, 4, 5, 6, 255]);
  });

  it('reuses an output buffer of the right length and allocates otherwise', () => {
    const out = new Uint8ClampedArray(8);
    expect(toRgba(gray([9, 10]), out)).toBe(out);
    expect(out[4]).toBe(10);
    const wrong = new Uint8ClampedArray(4);
    expect(toRgba(gray([9, 10]), wrong)).not.toBe(wrong);
  });

  it('keeps row-major order for 2-D images', () => {
    const rgba = toRgba(gray([10, 20, 30, 40], 2, 2));
    expect(rgba[2 * 4]).toBe(30); // row 1, column 0
  });

  it('refuses a buffer shorter than its header says', () => {
    expect(pixelProblem(gray([1, 2], 3, 1))).toMatch(/2 bytes for 3/);
    expect(() => toRgba(gray([1, 2], 3, 1))).toThrow(/decoded image/);
    expect(pixelProblem({ width: 0, height: 1, channels: 1, pixels: new Uint8Array() })).toMatch(/size/);
  });
});
