import { GifReader } from 'omggif';
import { describe, expect, it } from 'vitest';
import type { PixelImage } from '../../preload/contract';
import { encodeGif } from './gif';
import { enlarge, inkColumns, layoutText, padTo, strip, tileToPixels, toRgba } from './pixels';

const gray = (w: number, h: number, f: (x: number, y: number) => number): PixelImage => {
  const pixels = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) pixels[y * w + x] = f(x, y);
  return { width: w, height: h, channels: 1, pixels };
};

describe('tileToPixels', () => {
  it('ink models draw 1 as black on white paper; clamps out-of-range values', () => {
    const data = new Float32Array([0, 1, 0.5, 2, /* tile 2 */ 1, 1, 1, 1]);
    const t = tileToPixels(data, 0, { width: 2, height: 2, channels: 1, ink: true });
    expect(Array.from(t.pixels)).toEqual([255, 0, 128, 0]);
    expect(Array.from(tileToPixels(data, 1, { width: 2, height: 2, channels: 1, ink: true }).pixels)).toEqual(
      [0, 0, 0, 0],
    );
  });

  it('colour models interleave planar RGB', () => {
    const data = new Float32Array([1, 0, /* G */ 0, 1, /* B */ 0, 0]);
    const t = tileToPixels(data, 0, { width: 2, height: 1, channels: 3, ink: false });
    expect(Array.from(t.pixels)).toEqual([255, 0, 0, 0, 255, 0]);
  });
});

describe('layoutText', () => {
  // A "glyph" is a 10 px tile with a 4 px black bar at columns 3..6.
  const glyph = (): PixelImage => gray(10, 8, (x) => (x >= 3 && x < 7 ? 0 : 255));

  it('trims each glyph to its ink and joins them with a fixed gap', () => {
    expect(inkColumns(glyph())).toEqual([3, 7]);
    const one = layoutText('A', glyph, 8);
    const two = layoutText('AB', glyph, 8);
    expect(two.width - one.width).toBe(4 + 3); // one more glyph (4 px) and one gap (3 px)
    expect(two.height).toBe(8);
  });

  it('spaces advance, newlines stack lines', () => {
    const spaced = layoutText('A B', glyph, 8);
    const tight = layoutText('AB', glyph, 8);
    expect(spaced.width).toBeGreaterThan(tight.width);
    expect(layoutText('A\nB', glyph, 8).height).toBe(16);
  });

  it('draws ink where the glyphs are', () => {
    const img = layoutText('A', glyph, 8);
    expect(Math.min(...img.pixels)).toBe(0);
    expect(img.pixels[0]).toBe(255); // margin is paper
  });
});

describe('enlarge, strip, padTo', () => {
  it('enlarge keeps flat colours and scales size', () => {
    const img = enlarge(
      gray(3, 2, () => 77),
      4,
    );
    expect([img.width, img.height]).toEqual([12, 8]);
    expect(new Set(img.pixels)).toEqual(new Set([77]));
  });

  it('strip lays frames out with gaps, padTo pads with white', () => {
    const a = gray(4, 4, () => 0);
    const s = strip([a, a, a], 'row', 2);
    expect([s.width, s.height]).toEqual([16, 4]);
    expect(s.pixels[4]).toBe(255); // the gap
    const col = strip([a, gray(6, 2, () => 0)], 'column', 1);
    expect([col.width, col.height]).toEqual([6, 7]);
    const p = padTo(a, 6, 5);
    expect([p.width, p.height, p.pixels[5], p.pixels[6 * 4]]).toEqual([6, 5, 255, 255]);
  });

  it('toRgba expands gray and RGB', () => {
    expect(Array.from(toRgba(gray(1, 1, () => 9)).data)).toEqual([9, 9, 9, 255]);
    expect(
      Array.from(toRgba({ width: 1, height: 1, channels: 3, pixels: new Uint8Array([1, 2, 3]) }).data),
    ).toEqual([1, 2, 3, 255]);
  });
});

describe('encodeGif', () => {
  const frameCount = (gif: Uint8Array): number => new GifReader(Buffer.from(gif)).numFrames();

  it('writes a GIF89a with one frame per image, gray and colour', () => {
    const frames = Array.from({ length: 5 }, (_, k) => gray(8, 8, (x) => (x * 30 + k * 10) % 256));
    const g = encodeGif(frames, 80);
    expect(new TextDecoder().decode(g.subarray(0, 6))).toBe('GIF89a');
    expect(frameCount(g)).toBe(5);
    const rgb: PixelImage = { width: 4, height: 4, channels: 3, pixels: new Uint8Array(48).fill(200) };
    const c = encodeGif([rgb, rgb, rgb], 50);
    expect(frameCount(c)).toBe(3);
    expect(c[c.length - 1]).toBe(0x3b); // trailer
  });

  it('refuses frames of different sizes', () => {
    expect(() => encodeGif([gray(2, 2, () => 0), gray(3, 2, () => 0)], 50)).toThrow(/same size/);
  });
});
