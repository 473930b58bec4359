/**
 * The material maps' maths: known height fields give known normals in both conventions, every
 * map of a tileable picture tiles (its wrap seam no rougher than its interior), the filters wrap,
 * and 16-bit PNGs really hold 16 bits.
 */
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { greyPng, mapFiles, normalPng } from './encode';
import { blur, plane, scharr } from './filters';
import { seamScore } from './seam';
import { DEFAULT_MATERIAL, materialMaps, NORMAL_GAIN, normalsFrom, type Rgba } from './maps';

const TAU = 2 * Math.PI;

/** A tileable picture: sines whose periods divide the side. */
function tileable(w: number, h: number): Rgba {
  const data = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const u = (TAU * x) / w;
      const v = (TAU * y) / h;
      const l = 128 + 60 * Math.sin(4 * u) * Math.cos(3 * v) + 40 * Math.sin(9 * u + 7 * v);
      data.set(
        [l, l * 0.9, l * 0.7, 255].map((c) => Math.max(0, Math.min(255, Math.round(c)))),
        (y * w + x) * 4,
      );
    }
  return { width: w, height: h, data };
}

describe('normals from a height field', () => {
  it('point away from the slope: OpenGL green up the picture, DirectX green flipped', () => {
    const w = 64;
    const h = 64;
    // h = a·sin(2πx/w) + b·sin(2πy/h): known slopes at every pixel.
    const a = 0.2;
    const b = 0.1;
    const d = new Float32Array(w * h);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) d[y * w + x] = a * Math.sin((TAU * x) / w) + b * Math.sin((TAU * y) / h);
    const hp = plane(w, h, d);
    const gl = normalsFrom(hp, 1, 'gl');
    const dx = normalsFrom(hp, 1, 'dx');
    for (const [x, y] of [
      [0, 0],
      [5, 40],
      [33, 17],
      [63, 63],
    ] as [number, number][]) {
      const i = y * w + x;
      // Analytic slopes (x right, y down the rows), times the gain.
      const sx = NORMAL_GAIN * a * (TAU / w) * Math.cos((TAU * x) / w);
      const sy = NORMAL_GAIN * b * (TAU / h) * Math.cos((TAU * y) / h);
      const len = Math.hypot(sx, sy, 1);
      expect(gl[3 * i]).toBeCloseTo(-sx / len, 2);
      // Height rising down the picture tilts the normal up the picture (+y in OpenGL).
      expect(gl[3 * i + 1]).toBeCloseTo(sy / len, 2);
      expect(gl[3 * i + 2]).toBeCloseTo(1 / len, 2);
      expect(dx[3 * i]).toBeCloseTo(gl[3 * i] as number, 6);
      expect(dx[3 * i + 1]).toBeCloseTo(-(gl[3 * i + 1] as number), 6);
    }
  });

  it('a ramp rising to the right tilts left; a flat field points straight out', () => {
    const w = 8;
    const d = new Float32Array(w * w);
    for (let y = 0; y < w; y++) for (let x = 0; x < w; x++) d[y * w + x] = 0.01 * x;
    const n = normalsFrom(plane(w, w, d), 1, 'gl');
    const i = 3 * (4 * w + 4); // away from the wrap
    expect(n[i]).toBeLessThan(0);
    expect(n[i + 1]).toBeCloseTo(0, 6);
    const flat = normalsFrom(plane(w, w, new Float32Array(w * w).fill(0.5)), 5, 'dx');
    expect(Math.abs(flat[0]!) + Math.abs(flat[1]!)).toBe(0);
    expect(flat[2]).toBe(1);
  });
});

describe('wrap-around filters', () => {
  it('blur and Scharr treat the left edge as the right one’s neighbour', () => {
    const w = 32;
    const d = new Float32Array(w * w);
    d[0] = 1; // a spike in the corner spreads to the opposite corners
    const b = blur(plane(w, w, d), 2).data;
    expect(b[w * w - 1]).toBeGreaterThan(0);
    expect(b[w - 1]).toBeCloseTo(b[1] as number, 6);
    expect(b[(w - 1) * w]).toBeCloseTo(b[w] as number, 6);
    const { gx } = scharr(plane(w, w, d));
    expect(gx[w - 1]).toBeGreaterThan(0); // the spike is to its right, across the edge
  });
});

describe('maps of a tileable picture', () => {
  it('tile seamlessly: every map’s wrap seam is within its interior’s range', () => {
    const w = 128;
    const h = 96;
    const img = tileable(w, h);
    for (const conv of ['gl', 'dx'] as const) {
      const m = materialMaps(img, DEFAULT_MATERIAL, conv);
      const at =
        (p: Float32Array, stride = 1, off = 0) =>
        (x: number, y: number) =>
          p[(y * w + x) * stride + off] as number;
      for (const [label, get] of [
        ['height', at(m.heightMap.data)],
        ['roughness', at(m.roughness.data)],
        ['ao', at(m.ao.data)],
        ['normal x', at(m.normal, 3, 0)],
        ['normal y', at(m.normal, 3, 1)],
      ] as const) {
        const score = seamScore(get, w, h);
        expect(score, label).toBeLessThan(1.5);
      }
    }
  });

  it('keep a picture’s own seam: the score sees one where the picture has one', () => {
    // A ramp left to right: a jump at the wrap, gentle steps inside.
    const w = 96;
    const img = tileable(w, w);
    for (let y = 0; y < w; y++)
      for (let x = 0; x < w; x++) {
        const l = 40 + 2 * x;
        img.data.fill(Math.round(l), (y * w + x) * 4, (y * w + x) * 4 + 3);
      }
    const m = materialMaps(img, DEFAULT_MATERIAL, 'gl');
    expect(seamScore((x, y) => m.heightMap.data[y * w + x] as number, w, w)).toBeGreaterThan(2);
  });

  it('AO darkens the crevices and leaves the ridges open; roughness stays in its range', () => {
    const img = tileable(64, 64);
    const m = materialMaps(img, { ...DEFAULT_MATERIAL, roughnessMin: 0.2, roughnessMax: 0.6 }, 'gl');
    let low = 0;
    let high = 0;
    for (let i = 0; i < m.ao.data.length; i++) {
      if ((m.heightMap.data[i] as number) < 0.2) low = Math.max(low, 1 - (m.ao.data[i] as number));
      if ((m.heightMap.data[i] as number) > 0.9) high = Math.max(high, 1 - (m.ao.data[i] as number));
    }
    expect(low).toBeGreaterThan(high);
    for (const r of m.roughness.data) {
      expect(r).toBeGreaterThanOrEqual(0.2 - 1e-6);
      expect(r).toBeLessThanOrEqual(0.6 + 1e-6);
    }
  });
});

describe('PNG output', () => {
  it('writes 16-bit greyscale and RGB that really hold 16 bits, and 8-bit when asked', () => {
    const w = 16;
    const d = new Float32Array(w * w);
    // A gentle ramp: 256 steps within 1% of the range, which 8 bits would collapse to 3 values.
    for (let i = 0; i < d.length; i++) d[i] = 0.5 + (0.01 * i) / (d.length - 1);
    const png16 = greyPng(plane(w, w, d), 16);
    expect(png16[24]).toBe(16); // IHDR bit depth
    expect(png16[25]).toBe(0); // greyscale
    const back = PNG.sync.read(Buffer.from(png16), { skipRescale: true });
    const values = new Set<number>();
    for (let i = 0; i < w * w; i++) values.add(back.data[i * 4] as number);
    expect(values.size).toBe(256);
    expect(Math.min(...values)).toBe(Math.round(0.5 * 65535));
    const back8 = PNG.sync.read(Buffer.from(greyPng(plane(w, w, d), 8)));
    expect(new Set(Array.from({ length: w * w }, (_, i) => back8.data[i * 4])).size).toBeLessThanOrEqual(3);
    const n = normalsFrom(plane(w, w, d), 1, 'gl');
    const rgb16 = normalPng(n, w, w, 16);
    expect([rgb16[24], rgb16[25]]).toEqual([16, 2]);
    expect(greyPng(plane(w, w, d), 8)[24]).toBe(8);
  });

  it('names the set <name>_<map>.png with the normal’s convention', () => {
    const img = tileable(32, 32);
    const names = (conv: 'gl' | 'dx') =>
      mapFiles('oak', img, materialMaps(img, DEFAULT_MATERIAL, conv), conv, 8).map((f) => f.fileName);
    expect(names('gl')).toEqual([
      'oak_basecolor.png',
      'oak_height.png',
      'oak_normal_gl.png',
      'oak_roughness.png',
      'oak_ao.png',
    ]);
    expect(names('dx')).toContain('oak_normal_dx.png');
  });
});
