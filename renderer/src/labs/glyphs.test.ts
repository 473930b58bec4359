import { describe, expect, it } from 'vitest';
import {
  downsample,
  fontCss,
  fontName,
  GLYPH_FONTS,
  GLYPH_SETS,
  GLYPH_SIDE,
  glyphDataset,
  glyphSpecs,
  INK_SHARE,
  inkBox,
  placement,
} from './glyphs';

/** A side×side RGBA image with alpha 255 inside the box. */
function square(side: number, x0: number, y0: number, x1: number, y1: number): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(side * side * 4);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) rgba[(y * side + x) * 4 + 3] = 255;
  return rgba;
}

describe('glyph images', () => {
  it('lists a few hundred glyphs: 12 fonts × the characters × 4 shifts', () => {
    expect(GLYPH_FONTS).toHaveLength(12);
    const specs = glyphSpecs(GLYPH_SETS.digits.chars);
    expect(specs).toHaveLength(12 * 10 * 4);
    expect(new Set(specs.map((s) => `${fontCss(s, 10)}|${s.char}|${s.dx},${s.dy}`)).size).toBe(specs.length);
    expect(fontCss(GLYPH_FONTS[3]!, 48)).toBe('italic bold 48px serif');
    expect(fontName(GLYPH_FONTS[3]!)).toBe('serif bold italic');
  });

  it('finds the ink and places it centred at the chosen size, then shifted', () => {
    const box = inkBox(square(64, 10, 20, 30, 60), 64)!;
    expect(box).toEqual({ x0: 10, y0: 20, x1: 30, y1: 60 });
    expect(inkBox(new Uint8ClampedArray(64 * 64 * 4), 64)).toBeNull();
    const p = placement(box, 64, 0, 0);
    expect(p.scale).toBeCloseTo((INK_SHARE * 64) / 40);
    // The box centre (20, 40) lands on the image centre.
    expect(20 * p.scale + p.tx).toBeCloseTo(32);
    expect(40 * p.scale + p.ty).toBeCloseTo(32);
    const moved = placement(box, 64, 1, -1);
    expect(moved.tx - p.tx).toBeCloseTo(4);
    expect(moved.ty - p.ty).toBeCloseTo(-4);
  });

  it('averages alpha down to 16×16 ink in [0, 1]', () => {
    const small = downsample(square(64, 0, 0, 4, 4), 64, 4);
    expect(small).toHaveLength(GLYPH_SIDE * GLYPH_SIDE);
    expect(small[0]).toBeCloseTo(1);
    expect(small[1]).toBe(0);
    const half = downsample(square(64, 0, 0, 2, 4), 64, 4);
    expect(half[0]).toBeCloseTo(0.5);
  });

  it('assembles the images into a dataset the engines take', () => {
    const img = new Float32Array(256).fill(0.25);
    const data = glyphDataset([img, img], '01', GLYPH_FONTS.slice(0, 2));
    expect(data.dim).toBe(256);
    expect(data.side).toBe(16);
    expect(data.points).toHaveLength(512);
    expect(data.source).toEqual({ kind: 'glyphs', chars: '01', fonts: ['serif', 'serif italic'], size: 16 });
    expect(() => glyphDataset([new Float32Array(3)], '0', GLYPH_FONTS)).toThrow(/256/);
  });
});
