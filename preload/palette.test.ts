import { describe, expect, it } from 'vitest';
import {
  gamutExcess,
  hexToOklab,
  hexToRgb8,
  inGamut,
  isLightColor,
  lightnessRamp,
  lightnessRange,
  normalizeHex,
  oklabToHex,
  oklabToPalette,
  oklabToSrgb,
  paletteToOklab,
  percentileOf,
  rampAt,
  recolorPixels,
  rgb8ToHex,
  srgbToOklab,
  type RgbaPixels,
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

describe('recolouring with a palette (a gradient map along its lightness ramp)', () => {
  /** A dark-to-light palette given out of order: ramp order is by OKLab L. */
  const PALETTE = ['#e9c46a', '#264653', '#f4a261', '#2a9d8f', '#e76f51'];
  const byLightness = [...PALETTE].sort((p, q) => hexToOklab(p)[0] - hexToOklab(q)[0]);
  const darkest = byLightness[0]!;
  const lightest = byLightness[4]!;

  /** A seeded stream of bytes (a small LCG). */
  const bytesFrom = (seed: number) => {
    let x = seed >>> 0;
    return (): number => {
      x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
      return x >>> 24;
    };
  };

  const picture = (width: number, height: number, pixel: (x: number, y: number) => number[]): RgbaPixels => {
    const data = new Uint8Array(width * height * 4);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const [r, g, b, a = 255] = pixel(x, y);
        data.set([r!, g!, b!, a], (y * width + x) * 4);
      }
    return { width, height, data };
  };

  const hexAt = (data: Uint8Array, p: number): string =>
    rgb8ToHex([data[p * 4]!, data[p * 4 + 1]!, data[p * 4 + 2]!]);
  const lightnessAt = (data: Uint8Array, p: number): number =>
    srgbToOklab([data[p * 4]! / 255, data[p * 4 + 1]! / 255, data[p * 4 + 2]! / 255])[0];

  it('builds the ramp darkest first and walks it with non-decreasing lightness, clamped at the ends', () => {
    const ramp = lightnessRamp(PALETTE);
    expect(ramp.map((lab) => oklabToHex(lab))).toEqual(byLightness);
    expect(oklabToHex(rampAt(ramp, -1))).toBe(darkest);
    expect(oklabToHex(rampAt(ramp, 2))).toBe(lightest);
    expect(oklabToHex(rampAt(ramp, 0.5))).toBe(byLightness[2]);
    let prev = -Infinity;
    for (let t = 0; t <= 1; t += 1 / 512) {
      const L = rampAt(ramp, t)[0];
      expect(L).toBeGreaterThanOrEqual(prev - 1e-12);
      prev = L;
    }
  });

  it('keeps the lightness order of the pixels (full and half strength)', () => {
    const next = bytesFrom(7);
    const img = picture(64, 64, () => [next(), next(), next()]);
    const n = 64 * 64;
    const order = Array.from({ length: n }, (_, p) => p).sort(
      (p, q) => lightnessAt(img.data, p) - lightnessAt(img.data, q),
    );
    for (const strength of [1, 0.5]) {
      const out = recolorPixels(img, PALETTE, strength);
      let worst = 0;
      let highest = -Infinity;
      for (const p of order) {
        const L = lightnessAt(out, p);
        // A darker source pixel never ends up lighter than a lighter one (8-bit rounding aside).
        worst = Math.max(worst, highest - L);
        highest = Math.max(highest, L);
      }
      // At half strength a's and b's of the original mix in: order holds to a 1/50 of the L range.
      expect(worst).toBeLessThan(strength === 1 ? 0.006 : 0.02);
    }
  });

  it('maps black and white to the palette’s darkest and lightest colours (a glyph’s ink and paper)', () => {
    // Dark ink on light paper, with anti-aliased greys between.
    const img = picture(40, 20, (x, y) => {
      const v = x < 8 ? 0 : x >= 32 ? 255 : (y * 13 + x * 7) % 256;
      return [v, v, v];
    });
    const out = recolorPixels(img, PALETTE);
    for (let y = 0; y < 20; y++) {
      expect(hexAt(out, y * 40)).toBe(darkest);
      expect(hexAt(out, y * 40 + 39)).toBe(lightest);
    }
    // A sheet that is mostly paper: the paper is still the lightest colour, the ink the darkest.
    const sheet = picture(100, 100, (x, y) =>
      x > 40 && x < 44 && y > 20 && y < 80 ? [10, 10, 12] : [250, 249, 245],
    );
    const inked = recolorPixels(sheet, PALETTE);
    expect(hexAt(inked, 0)).toBe(lightest);
    expect(hexAt(inked, 50 * 100 + 42)).toBe(darkest);
  });

  it('returns the original pixels at strength 0, alpha kept at any strength', () => {
    const next = bytesFrom(11);
    const img = picture(32, 16, () => [next(), next(), next(), next()]);
    expect(recolorPixels(img, PALETTE, 0)).toEqual(img.data);
    const out = recolorPixels(img, PALETTE, 0.7);
    for (let p = 0; p < 32 * 16; p++) expect(out[p * 4 + 3]).toBe(img.data[p * 4 + 3]);
    // Tiny strengths stay within a level of the original.
    const faint = recolorPixels(img, PALETTE, 1e-6);
    for (let i = 0; i < faint.length; i++) expect(Math.abs(faint[i]! - img.data[i]!)).toBeLessThanOrEqual(1);
  });

  it('keeps a seamless tile seamless: equal edge columns and rows stay equal', () => {
    // A tile that wraps: column W-1 continues into column 0 (here they are equal), row H-1 into row 0.
    const W = 48;
    const H = 32;
    const wave = (x: number, y: number): number[] => {
      const u = (2 * Math.PI * (x % (W - 1))) / (W - 1);
      const v = (2 * Math.PI * (y % (H - 1))) / (H - 1);
      return [128 + 100 * Math.sin(u), 128 + 90 * Math.cos(v + u), 128 + 60 * Math.sin(2 * v)].map(
        Math.round,
      );
    };
    const img = picture(W, H, wave);
    for (let y = 0; y < H; y++) expect(hexAt(img.data, y * W)).toBe(hexAt(img.data, y * W + W - 1));
    for (const strength of [1, 0.35]) {
      const out = recolorPixels(img, PALETTE, strength);
      for (let y = 0; y < H; y++) expect(hexAt(out, y * W + W - 1)).toBe(hexAt(out, y * W));
      for (let x = 0; x < W; x++) expect(hexAt(out, (H - 1) * W + x)).toBe(hexAt(out, x));
    }
  });

  it('moves strength 0.5 half way in OKLab, and a flat picture to the middle of the ramp', () => {
    const img = picture(8, 8, (x) => (x < 4 ? [0, 0, 0] : [255, 255, 255]));
    const half = recolorPixels(img, PALETTE, 0.5);
    const black = srgbToOklab([0, 0, 0]);
    const dark = hexToOklab(darkest);
    const got = srgbToOklab([half[0]! / 255, half[1]! / 255, half[2]! / 255]);
    for (let c = 0; c < 3; c++) expect(got[c]).toBeCloseTo((black[c]! + dark[c]!) / 2, 2);
    const flat = recolorPixels(
      picture(4, 4, () => [90, 120, 60]),
      PALETTE,
    );
    const middle = hexToOklab(byLightness[2]!);
    const mid = hexToOklab(hexAt(flat, 0));
    expect(Math.hypot(mid[0] - middle[0], mid[1] - middle[1], mid[2] - middle[2])).toBeLessThan(0.01);
  });

  it('finds the lightness range from the picture’s own percentiles', () => {
    const L = Float32Array.from({ length: 1000 }, (_, i) => 0.2 + (0.6 * i) / 999);
    const [lo, hi] = lightnessRange(L);
    expect(lo).toBeCloseTo(0.203, 2);
    expect(hi).toBeCloseTo(0.797, 2);
    expect(lightnessRange([])).toEqual([0, 1]);
  });
});
