/**
 * Patch statistics that describe a texture regardless of where its features sit: per-channel
 * mean and spread in Oklab (a perceptual colour space), Gram matrices of a fixed seeded random
 * filter bank at two scales, and the radially averaged autocorrelation of lightness. Everything
 * is computed without wrap-around (valid convolutions, centre windows), so a photo that does not
 * tile reads the same as a generated tile. Cheap: a few milliseconds at 128 px, on main.
 */

/** An RGB image as three float planes in 0..1, row-major. */
export interface RgbPlanes {
  width: number;
  height: number;
  /** [r, g, b], each width×height. */
  planes: [Float32Array, Float32Array, Float32Array];
}

export interface Descriptor {
  /** Oklab mean (3) then standard deviation (3). */
  colour: Float64Array;
  /** One Gram matrix (FILTERS×FILTERS, upper triangle) per scale. */
  grams: Float64Array[];
  /** Lightness autocorrelation at radii 1..MAX_RADIUS, normalised by the variance. */
  autocorr: Float64Array;
}

const FILTERS = 8;
const TAPS = 5;
const MAX_RADIUS = 12;

/** sRGB 0..1 to Oklab (Björn Ottosson's matrices). */
export function toOklab(img: RgbPlanes): RgbPlanes {
  const n = img.width * img.height;
  const out: RgbPlanes['planes'] = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
  const lin = (c: number): number => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  for (let i = 0; i < n; i++) {
    const r = lin(img.planes[0][i]!);
    const g = lin(img.planes[1][i]!);
    const b = lin(img.planes[2][i]!);
    const l = Math.cbrt(0.4122214708 * r + 0.5363015187 * g + 0.0514459929 * b);
    const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
    const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
    out[0][i] = 0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s;
    out[1][i] = 1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s;
    out[2][i] = 0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s;
  }
  return { width: img.width, height: img.height, planes: out };
}

/** The filter bank: FILTERS zero-mean, unit-norm 3×TAPS×TAPS kernels from a fixed seed. */
const BANK: Float32Array[] = (() => {
  let s = 0x9e3779b9;
  const rand = (): number => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
  return Array.from({ length: FILTERS }, () => {
    const k = Float32Array.from({ length: 3 * TAPS * TAPS }, rand);
    const mean = k.reduce((a, b) => a + b, 0) / k.length;
    let norm = 0;
    for (let i = 0; i < k.length; i++) norm += (k[i]! -= mean) ** 2;
    return k.map((v) => v / Math.sqrt(norm));
  });
})();

function halve(img: RgbPlanes): RgbPlanes {
  const w = img.width >> 1;
  const h = img.height >> 1;
  const planes = img.planes.map((p) => {
    const o = new Float32Array(w * h);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const i = 2 * y * img.width + 2 * x;
        o[y * w + x] = (p[i]! + p[i + 1]! + p[i + img.width]! + p[i + img.width + 1]!) / 4;
      }
    return o;
  }) as RgbPlanes['planes'];
  return { width: w, height: h, planes };
}

/** Gram matrix (upper triangle) of the bank's valid responses, averaged over positions. */
function gram(img: RgbPlanes): Float64Array {
  const { width: w, height: h } = img;
  const ow = w - TAPS + 1;
  const oh = h - TAPS + 1;
  const g = new Float64Array((FILTERS * (FILTERS + 1)) / 2);
  if (ow < 1 || oh < 1) return g;
  const resp = new Float64Array(FILTERS);
  for (let y = 0; y < oh; y++)
    for (let x = 0; x < ow; x++) {
      for (let f = 0; f < FILTERS; f++) {
        const k = BANK[f]!;
        let acc = 0;
        for (let c = 0; c < 3; c++) {
          const p = img.planes[c]!;
          for (let dy = 0; dy < TAPS; dy++) {
            const row = (y + dy) * w + x;
            const kr = (c * TAPS + dy) * TAPS;
            for (let dx = 0; dx < TAPS; dx++) acc += k[kr + dx]! * p[row + dx]!;
          }
        }
        resp[f] = acc;
      }
      let t = 0;
      for (let a = 0; a < FILTERS; a++) for (let b = a; b < FILTERS; b++) g[t++]! += resp[a]! * resp[b]!;
    }
  for (let i = 0; i < g.length; i++) g[i]! /= ow * oh;
  return g;
}

/** Radially averaged autocorrelation of `p` over a centre window (no wrap-around). */
function autocorrelation(p: Float32Array, w: number, h: number): Float64Array {
  const R = Math.min(MAX_RADIUS, Math.floor((Math.min(w, h) - 2) / 2));
  const x0 = R;
  const y0 = R;
  const x1 = w - R;
  const y1 = h - R;
  let mean = 0;
  for (let i = 0; i < p.length; i++) mean += p[i]!;
  mean /= p.length;
  let variance = 0;
  for (let i = 0; i < p.length; i++) variance += (p[i]! - mean) ** 2;
  variance = Math.max(variance / p.length, 1e-8);
  const sums = new Float64Array(MAX_RADIUS + 1);
  const counts = new Float64Array(MAX_RADIUS + 1);
  for (let dy = 0; dy <= R; dy++)
    for (let dx = -R; dx <= R; dx++) {
      if (dy === 0 && dx <= 0) continue;
      const r = Math.round(Math.hypot(dx, dy));
      if (r > R) continue;
      let acc = 0;
      for (let y = y0; y < y1; y++) {
        const row = y * w;
        const row2 = (y + dy) * w + dx;
        for (let x = x0; x < x1; x++) acc += (p[row + x]! - mean) * (p[row2 + x]! - mean);
      }
      sums[r]! += acc / ((x1 - x0) * (y1 - y0) * variance);
      counts[r]! += 1;
    }
  const out = new Float64Array(MAX_RADIUS);
  // Radii past this image's reach repeat the last one measured (small halves of a photo).
  for (let r = 1; r <= MAX_RADIUS; r++) out[r - 1] = counts[r]! > 0 ? sums[r]! / counts[r]! : out[r - 2]!;
  return out;
}

export function describe(rgb: RgbPlanes): Descriptor {
  const lab = toOklab(rgb);
  const n = lab.width * lab.height;
  const colour = new Float64Array(6);
  for (let c = 0; c < 3; c++) {
    const p = lab.planes[c]!;
    let m = 0;
    for (let i = 0; i < n; i++) m += p[i]!;
    m /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (p[i]! - m) ** 2;
    colour[c] = m;
    colour[3 + c] = Math.sqrt(v / n);
  }
  return {
    colour,
    grams: [gram(lab), gram(halve(lab))],
    autocorr: autocorrelation(lab.planes[0], lab.width, lab.height),
  };
}

/** How far apart two textures' statistics are: 0 for the same statistics, about 1 for unrelated ones. */
export function distance(a: Descriptor, b: Descriptor): number {
  let colour = 0;
  // Oklab lightness spans 0..1 and a/b about ±0.3: chroma differences count 3× per unit.
  const scale = [1, 3, 3, 2, 6, 6];
  for (let i = 0; i < 6; i++) colour += scale[i]! * Math.abs(a.colour[i]! - b.colour[i]!);
  let grams = 0;
  a.grams.forEach((ga, s) => {
    const gb = b.grams[s]!;
    let diff = 0;
    let norm = 0;
    for (let i = 0; i < ga.length; i++) {
      diff += (ga[i]! - gb[i]!) ** 2;
      norm += ga[i]! ** 2 + gb[i]! ** 2;
    }
    grams += Math.sqrt(diff / Math.max(norm, 1e-12));
  });
  let ac = 0;
  for (let i = 0; i < a.autocorr.length; i++) ac += Math.abs(a.autocorr[i]! - b.autocorr[i]!);
  return colour + grams / a.grams.length + ac / a.autocorr.length;
}

/** The window [x, y, w, h] of `img` as its own planes. */
export function crop(img: RgbPlanes, x: number, y: number, w: number, h: number): RgbPlanes {
  const planes = img.planes.map((p) => {
    const o = new Float32Array(w * h);
    for (let r = 0; r < h; r++)
      o.set(p.subarray((y + r) * img.width + x, (y + r) * img.width + x + w), r * w);
    return o;
  }) as RgbPlanes['planes'];
  return { width: w, height: h, planes };
}
