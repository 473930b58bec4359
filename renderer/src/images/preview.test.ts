import { describe, expect, it } from 'vitest';
import type { ImagePreview, PixelImage } from '../../../preload/contract';
import { PreviewStore, pixelHash, stepText } from './preview';

const img = (fill: number, w = 8, h = 8): PixelImage => ({
  width: w,
  height: h,
  channels: 3,
  pixels: new Uint8Array(w * h * 3).fill(fill),
});
const preview = (jobId: string, step: number): ImagePreview => ({
  jobId,
  step,
  steps: 10,
  images: [img(step)],
});

describe('pixelHash', () => {
  it('is stable for the same pixels and changes with them', () => {
    expect(pixelHash(img(3))).toBe(pixelHash(img(3)));
    expect(pixelHash(img(3))).not.toBe(pixelHash(img(4)));
    expect(pixelHash(img(3, 8, 8))).not.toBe(pixelHash(img(3, 16, 4)));
    expect(pixelHash(img(0))).toMatch(/^[0-9a-f]{8}$/);
  });
  it('samples large images', () => {
    const big = img(1, 256, 256);
    const other = img(1, 256, 256);
    other.pixels[0] = 200;
    expect(pixelHash(big)).not.toBe(pixelHash(other));
  });
});

describe('PreviewStore', () => {
  it('keeps the newest preview per wanted job until taken', () => {
    const s = new PreviewStore();
    const wanted = (id: string): boolean => id !== 'other';
    expect(s.put(preview('a', 1), wanted)).toBe(true);
    expect(s.put(preview('a', 3), wanted)).toBe(true);
    expect(s.put(preview('a', 2), wanted)).toBe(false);
    expect(s.put(preview('other', 1), wanted)).toBe(false);
    expect(s.put(preview('b', 1), wanted)).toBe(true);
    const taken = s.take();
    expect(taken.map((p) => [p.jobId, p.step])).toEqual([
      ['a', 3],
      ['b', 1],
    ]);
    expect(s.size).toBe(0);
    s.put(preview('a', 4), wanted);
    s.drop('a');
    expect(s.take()).toEqual([]);
  });
});

describe('stepText', () => {
  it('says where a job stands', () => {
    expect(stepText('queued', 0, 40)).toBe('Queued');
    expect(stepText('running', 0, 40)).toBe('Starting…');
    expect(stepText('running', 3, 40)).toBe('Step 3 / 40');
  });
});
