import { describe, expect, it } from 'vitest';
import type { PixelImage } from '../../../preload/contract';
import { meanSquaredError } from './pixels';

const gray = (pixels: number[], width = pixels.length, height = 1): PixelImage => ({
  width,
  height,
  channels: 1,
  pixels: Uint8Array.from(pixels),
});

describe('meanSquaredError', () => {
  it('is 0 for equal images and 1 for black against white', () => {
    expect(meanSquaredError(gray([7, 8]), gray([7, 8]))).toBe(0);
    expect(meanSquaredError(gray([0, 0]), gray([255, 255]))).toBe(1);
    expect(meanSquaredError(gray([0, 255]), gray([255, 255]))).toBeCloseTo(0.5);
  });

  it('is null for images of different shapes', () => {
    expect(meanSquaredError(gray([0, 0]), gray([0, 0, 0]))).toBeNull();
  });
});
