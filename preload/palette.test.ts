import { describe, expect, it } from 'vitest';
import {
  gamutExcess,
  hexToOklab,
  hexToRgb8,
  inGamut,
  isLightColor,
  normalizeHex,
  oklabToHex,
  oklabToPalette,
  oklabToSrgb,
  paletteToOklab,
  percentileOf,
  rgb8ToHex,
  srgbToOklab,
} from './palette';

describe('sRGB ↔ OKLab', () => {
  it('round-trips 8-bit colours within 1e-6 (every 3rd level per channel, 0 and 255 included)', () => {
    const levels = [...Array.from({ length: 86 }, (_, i) => i * 3), 255];
    let worst = 0;
    for (const r of levels)
      for (const g of levels)
        for (const b of levels) {
          const rgb = [r / 255, g / 255, b / 255] as const;
          const back = oklabToSrgb(srgbToOklab(rgb));
          for (let c = 0; c < 3; c++) worst = Math.max(worst, Math.abs(back[c]! - rgb[c]!));
        }
    expect(worst).toBeLessThan(1e-6);
  });

  it('every 8-bit colour of the sample comes back as the same hex', () => {
    for (let v = 0; v < 256; v += 17)
      for (const hex of [rgb8ToHex([v, 255 - v, (v * 7) % 256]), rgb8ToHex([v, v, v])])
        expect(oklabToHex(hexToOklab(hex))).toBe(hex);
  });

  it('matches the published reference values', () => {
    // Björn Ottosson's table (https://bottosson.github.io/posts/oklab/) and the sRGB primaries.
    const close = (hex: string, lab: [number, number, number], tol = 2e-4): void => {
      const got = hexToOklab(hex);
      got.forEach((v, i) => expect(Math.abs(v - lab[i]!)).toBeLessThan(tol));
    };
    close('#ffffff', [1, 0, 0]);
    close('#000000', [0, 0, 0]);
    close('#ff0000', [0.62796, 0.22486, 0.12585]);
    close('#00ff00', [0.86644, -0.23389, 0.1795]);
    close('#0000ff', [0.45201, -0.03246, -0.31153]);
    // A mid grey has no chroma.
    const grey = hexToOklab('#777777');
    expect(Math.abs(grey[1])).toBeLessThan(1e-6);
    expect(Math.abs(grey[2])).toBeLessThan(1e-6);
  });

  it('extends the transfer curve outside the gamut without NaNs, and says what is inside', () => {
    const outside = [0.9, 0.3, 0.3] as const; // far too chromatic for sRGB
    const c = oklabToSrgb(outside);
    expect(c.every(Number.isFinite)).toBe(true);
    expect(inGamut(outside)).toBe(false);
    expect(gamutExcess(outside)).toBeGreaterThan(0);
    expect(inGamut(hexToOklab('#3366cc'))).toBe(true);
    expect(gamutExcess(hexToOklab('#3366cc'))).toBe(0);
    // Clipped to the nearest displayable colour.
    expect(oklabToHex(outside)).toMatch(/^#[0-9a-f]{6}$/);
  });
});

describe('hex', () => {
  it('parses and writes #rrggbb', () => {
    expect(hexToRgb8('#FF8000')).toEqual([255, 128, 0]);
    expect(rgb8ToHex([255, 128, 0])).toBe('#ff8000');
    expect(rgb8ToHex([300, -4, 127.6])).toBe('#ff0080');
    expect(() => hexToRgb8('#ff80')).toThrow(/#rrggbb/);
  });

  it('normalises what people type', () => {
    expect(normalizeHex(' #AABBCC ')).toBe('#aabbcc');
    expect(normalizeHex('aabbcc')).toBe('#aabbcc');
    expect(normalizeHex('#abc')).toBe('#aabbcc');
    expect(normalizeHex('#abcd')).toBeNull();
    expect(normalizeHex('red')).toBeNull();
    expect(normalizeHex('')).toBeNull();
  });

  it('a palette goes to a 15-vector and back', () => {
    const colors = ['#1f2a44', '#e4572e', '#f3a712', '#a8c686', '#669bbc'];
    const x = paletteToOklab(colors);
    expect(x).toHaveLength(15);
    expect(oklabToPalette(x)).toEqual(colors);
    expect(oklabToPalette([0, 0, 0, ...x], 3)).toEqual(colors);
  });

  it('tells light swatches from dark ones', () => {
    expect(isLightColor('#ffffff')).toBe(true);
    expect(isLightColor('#f3a712')).toBe(true);
    expect(isLightColor('#1f2a44')).toBe(false);
  });
});

describe('percentileOf', () => {
  const q = Array.from({ length: 101 }, (_, i) => i / 10); // 0.0 … 10.0

  it('interpolates between the quantiles', () => {
    expect(percentileOf(5, q)).toBeCloseTo(50, 9);
    expect(percentileOf(5.05, q)).toBeCloseTo(50.5, 9);
    expect(percentileOf(0.01, q)).toBeCloseTo(0.1, 9);
  });

  it('is 0 below the lowest and 100 above the highest, and monotone', () => {
    expect(percentileOf(-3, q)).toBe(0);
    expect(percentileOf(11, q)).toBe(100);
    expect(percentileOf(Number.NaN, q)).toBe(0);
    let prev = -1;
    for (let v = -1; v <= 11; v += 0.037) {
      const p = percentileOf(v, q);
      expect(p).toBeGreaterThanOrEqual(prev);
      prev = p;
    }
  });

  it('handles tied quantiles', () => {
    expect(percentileOf(1, [0, 1, 1, 1, 2])).toBeGreaterThanOrEqual(25);
  });
});
