import { describe, expect, it } from 'vitest';
import { decodePng, encodePng, nchwToRgba, thumbnail, upscaleWrap, type Rgba } from './image';

function img(width: number, height: number, f: (x: number, y: number) => number): Rgba {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      data.set([f(x, y), f(x, y), f(x, y), 255], o);
    }
  return { width, height, data };
}

describe('nchwToRgba', () => {
  it('maps planar float channels in range to interleaved bytes, clamping outside it', () => {
    // 1x3x1x2: R = [0, 1], G = [0.5, -1], B = [2, 0.25]
    const t = new Float32Array([0, 1, 0.5, -1, 2, 0.25]);
    const { data, width, height } = nchwToRgba(t, [1, 3, 1, 2], [0, 1]);
    expect([width, height]).toEqual([2, 1]);
    expect([...data]).toEqual([0, 128, 255, 255, 255, 0, 64, 255]);
  });

  it('honours a [-1, 1] range', () => {
    const { data } = nchwToRgba(new Float32Array([-1, 0, 1]), [1, 3, 1, 1], [-1, 1]);
    expect([...data.slice(0, 3)]).toEqual([0, 128, 255]);
  });

  it('rejects tensors that are not a single RGB image', () => {
    expect(() => nchwToRgba(new Float32Array(4), [1, 1, 2, 2], [0, 1])).toThrow(/\[1,3,H,W\]/);
  });
});

describe('upscaleWrap', () => {
  it('keeps a periodic image periodic: the wrap seam is no bigger than interior steps', () => {
    const w = 16;
    const src = img(w, w, (x) => Math.round(127.5 + 127.5 * Math.sin((2 * Math.PI * x) / w)));
    const big = upscaleWrap(src, 4);
    expect(big.width).toBe(64);
    const row = (x: number): number => big.data[x * 4] as number;
    const interior = Math.max(...Array.from({ length: 62 }, (_, x) => Math.abs(row(x + 1) - row(x))));
    expect(Math.abs(row(0) - row(63))).toBeLessThanOrEqual(interior);
  });

  it('is the identity at factor 1', () => {
    const src = img(3, 3, (x, y) => x * 10 + y);
    expect(upscaleWrap(src, 1)).toBe(src);
  });
});

describe('thumbnail', () => {
  it('box-filters down so the longest side fits', () => {
    const src = img(8, 8, (x) => (x % 2 === 0 ? 0 : 200));
    const t = thumbnail(src, 4);
    expect([t.width, t.height]).toEqual([4, 4]);
    expect(t.data[0]).toBe(100);
  });
});

describe('PNG', () => {
  it('round-trips RGBA pixels exactly', () => {
    const src = img(5, 4, (x, y) => (x * 37 + y * 11) % 256);
    const back = decodePng(encodePng(src));
    expect([back.width, back.height]).toEqual([5, 4]);
    expect(Buffer.from(back.data).equals(Buffer.from(src.data))).toBe(true);
  });
});
