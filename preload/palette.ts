/**
 * Colour math shared by main (the palette flow's inputs and outputs, the exports, the CLI) and the
 * renderer (the Palettes studio's swatches and hex fields): 8-bit sRGB hex ↔ gamma-encoded sRGB
 * (0..1) ↔ linear sRGB ↔ OKLab, and a palette's typicality percentile. No Node, no DOM.
 *
 * OKLab is Björn Ottosson's perceptual space (https://bottosson.github.io/posts/oklab/) with his
 * published matrices, exactly as the palette model was trained (models/training/palettes/color.py):
 * linear sRGB → LMS → cube root → (L, a, b), and back with his inverse matrices. The sRGB transfer
 * curve (IEC 61966-2-1) is extended sign-symmetrically outside [0, 1], so a colour slightly out of
 * gamut converts both ways without NaNs; `inGamut` says which colours an 8-bit sRGB screen can show.
 */

/** Colours in a palette (the model's strip). */
export const PALETTE_COLORS = 5;
/** Numbers per palette in OKLab: (L, a, b) of each colour in order. */
export const PALETTE_DIM = 3 * PALETTE_COLORS;

export type Rgb = readonly [number, number, number];
export type Lab = readonly [number, number, number];

/** "#rrggbb" (either case). */
export const HEX_PATTERN = /^#[0-9a-fA-F]{6}$/;

/** Whether `s` is a colour as "#rrggbb". */
export const isHex = (s: string): boolean => HEX_PATTERN.test(s);

/**
 * A colour typed by a person as "#rrggbb", "rrggbb" or "#rgb" (spaces around kept out), in lower
 * case with its "#"; null when it is not one of those.
 */
export function normalizeHex(text: string): string | null {
  const t = text.trim().toLowerCase();
  const body = t.startsWith('#') ? t.slice(1) : t;
  if (/^[0-9a-f]{6}$/.test(body)) return `#${body}`;
  if (/^[0-9a-f]{3}$/.test(body)) return `#${[...body].map((c) => c + c).join('')}`;
  return null;
}

// linear sRGB → LMS
const M1 = [
  [0.4122214708, 0.5363325363, 0.0514459929],
  [0.2119034982, 0.6806995451, 0.1073969566],
  [0.0883024619, 0.2817188376, 0.6299787005],
] as const;
// LMS^(1/3) → OKLab
const M2 = [
  [0.2104542553, 0.793617785, -0.0040720468],
  [1.9779984951, -2.428592205, 0.4505937099],
  [0.0259040371, 0.7827717662, -0.808675766],
] as const;

type M3 = readonly (readonly [number, number, number])[];

/**
 * The inverse of a 3×3 matrix. The way back uses the exact inverses of M1 and M2 rather than the
 * published 10-digit ones (which invert them only to about 2e-6 in sRGB): a colour then
 * round-trips to 1e-12, and what the model reads (sRGB → OKLab) is exactly the training code's.
 */
function invert3(m: M3): M3 {
  const [[a, b, c], [d, e, f], [g, h, i]] = m as [Rgb, Rgb, Rgb];
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [
    [A / det, -(b * i - c * h) / det, (b * f - c * e) / det],
    [B / det, (a * i - c * g) / det, -(a * f - c * d) / det],
    [C / det, -(a * h - b * g) / det, (a * e - b * d) / det],
  ];
}

// OKLab → LMS^(1/3), LMS → linear sRGB
const M2_INV = invert3(M2);
const M1_INV = invert3(M1);

const mul = (m: M3, v: Rgb): [number, number, number] => [
  m[0]![0] * v[0] + m[0]![1] * v[1] + m[0]![2] * v[2],
  m[1]![0] * v[0] + m[1]![1] * v[1] + m[1]![2] * v[2],
  m[2]![0] * v[0] + m[2]![1] * v[1] + m[2]![2] * v[2],
];

/** One gamma-encoded sRGB channel (0..1) → linear light. */
export function srgbToLinear(c: number): number {
  const a = Math.abs(c);
  const lin = a <= 0.04045 ? a / 12.92 : ((a + 0.055) / 1.055) ** 2.4;
  return Math.sign(c) * lin;
}

/** One linear channel → gamma-encoded sRGB (0..1 in gamut). */
export function linearToSrgb(l: number): number {
  const a = Math.abs(l);
  const c = a <= 0.0031308 ? 12.92 * a : 1.055 * a ** (1 / 2.4) - 0.055;
  return Math.sign(l) * c;
}

export function linearToOklab(lin: Rgb): Lab {
  const lms = mul(M1, lin);
  return mul(M2, [Math.cbrt(lms[0]), Math.cbrt(lms[1]), Math.cbrt(lms[2])]);
}

export function oklabToLinear(lab: Lab): Rgb {
  const l = mul(M2_INV, lab);
  return mul(M1_INV, [l[0] ** 3, l[1] ** 3, l[2] ** 3]);
}

/** Gamma-encoded sRGB (0..1 per channel) → OKLab. */
export function srgbToOklab(rgb: Rgb): Lab {
  return linearToOklab([srgbToLinear(rgb[0]), srgbToLinear(rgb[1]), srgbToLinear(rgb[2])]);
}

/** OKLab → gamma-encoded sRGB, not clipped (outside 0..1 when out of gamut). */
export function oklabToSrgb(lab: Lab): Rgb {
  const l = oklabToLinear(lab);
  return [linearToSrgb(l[0]), linearToSrgb(l[1]), linearToSrgb(l[2])];
}

/** "#rrggbb" → 8-bit channels. Throws on anything else (check with `isHex` first). */
export function hexToRgb8(hex: string): Rgb {
  if (!isHex(hex)) throw new Error(`not a colour as #rrggbb: ${hex.slice(0, 16)}`);
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** 8-bit channels (rounded and clipped to 0..255) → "#rrggbb" in lower case. */
export function rgb8ToHex(rgb: Rgb): string {
  return `#${rgb.map((v) => clampByte(v).toString(16).padStart(2, '0')).join('')}`;
}

const clampByte = (v: number): number => Math.min(255, Math.max(0, Math.round(Number.isFinite(v) ? v : 0)));

export function hexToOklab(hex: string): Lab {
  const [r, g, b] = hexToRgb8(hex);
  return srgbToOklab([r / 255, g / 255, b / 255]);
}

/** OKLab → 8-bit sRGB channels (clipped to the gamut, rounded). */
export function oklabToRgb8(lab: Lab): Rgb {
  const c = oklabToSrgb(lab);
  return [clampByte(c[0] * 255), clampByte(c[1] * 255), clampByte(c[2] * 255)];
}

/** OKLab → the nearest 8-bit sRGB colour as "#rrggbb" (clipped to the gamut, rounded). */
export function oklabToHex(lab: Lab): string {
  const c = oklabToSrgb(lab);
  return rgb8ToHex([c[0] * 255, c[1] * 255, c[2] * 255]);
}

/** Whether an OKLab colour is inside the sRGB gamut: every gamma-encoded channel within [-tol, 1 + tol]. */
export function inGamut(lab: Lab, tol = 0): boolean {
  const c = oklabToSrgb(lab);
  return c.every((v) => v >= -tol && v <= 1 + tol);
}

/** How far outside the sRGB gamut a colour is: the largest channel excess (0 inside). */
export function gamutExcess(lab: Lab): number {
  const c = oklabToSrgb(lab);
  return Math.max(0, ...c.map((v) => Math.max(-v, v - 1)));
}

/** A palette's 15-vector in OKLab: (L, a, b) of each colour in order. */
export function paletteToOklab(colors: readonly string[]): number[] {
  return colors.flatMap((c) => [...hexToOklab(c)]);
}

/** A 15-vector in OKLab → the palette's colours as "#rrggbb" (each clipped to the gamut). */
export function oklabToPalette(x: ArrayLike<number>, offset = 0): string[] {
  return Array.from({ length: PALETTE_COLORS }, (_, k) => {
    const i = offset + 3 * k;
    return oklabToHex([x[i]!, x[i + 1]!, x[i + 2]!]);
  });
}

/**
 * Where a log-likelihood falls among the training palettes': `quantiles` are the 0th…100th
 * percentiles (101 ascending numbers); the answer is 0..100, linear between them (0 below the
 * lowest, 100 above the highest).
 */
export function percentileOf(logLik: number, quantiles: readonly number[]): number {
  const n = quantiles.length;
  if (n < 2 || !Number.isFinite(logLik)) return logLik === Infinity ? 100 : 0;
  if (logLik <= quantiles[0]!) return 0;
  if (logLik >= quantiles[n - 1]!) return 100;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (quantiles[mid]! <= logLik) lo = mid;
    else hi = mid;
  }
  const a = quantiles[lo]!;
  const b = quantiles[hi]!;
  const t = b > a ? (logLik - a) / (b - a) : 0;
  return ((lo + t) / (n - 1)) * 100;
}

/** OKLab lightness above which a swatch is light enough for dark text on it. */
export const LIGHT_SWATCH_L = 0.62;

/** Whether text on this colour should be dark (the colour is light). */
export function isLightColor(hex: string): boolean {
  return isHex(hex) && hexToOklab(hex)[0] > LIGHT_SWATCH_L;
}

// ---------------------------------------------------------------------------------- recolouring

/**
 * How a palette recolours a picture (a library texture, image or glyph sheet), named in the new
 * record's `params.recolor.method`: a gradient map along the palette's lightness ramp in OKLab.
 *
 *   1. The palette becomes a ramp: its five colours sorted by OKLab lightness (darkest first),
 *      evenly spaced, linear in OKLab between neighbours, clamped at the ends (`lightnessRamp`,
 *      `rampAt`).
 *   2. Each pixel's OKLab lightness L is placed on the ramp by a linear stretch of the picture's
 *      own lightness range (its 0.5th…99.5th percentiles of L → 0…1, clamped): t = (L − lo) / (hi − lo);
 *      a range narrower than RECOLOR_MIN_SPAN is widened about its middle, so a flat picture is
 *      not blown up into the whole ramp.
 *      The darkest tones (a glyph's ink) take the palette's darkest colour, the lightest (the
 *      paper) its lightest, and every colour of the palette gets a fifth of the tonal range.
 *   3. The pixel becomes the ramp's colour at t — its L, a and b — so the target lightness follows
 *      the source's through a non-decreasing map: a darker pixel never ends up lighter than a
 *      lighter one (up to 8-bit rounding and the gamut clip).
 *   4. `strength` blends the original and the ramp colour in OKLab (0 = the original pixels,
 *      1 = the full map); back to sRGB, clipped to the gamut, alpha kept.
 * The map is one function of a pixel's colour for the whole picture, so a seamless texture stays
 * seamless and neighbouring pixels that were equal stay equal.
 */
export const RECOLOR_METHOD = 'oklab-lightness-ramp';

/** The share of the darkest and of the lightest pixels the stretch leaves out (clamped to the ends). */
export const RECOLOR_CLIP = 0.005;

/** The narrowest lightness range a picture is stretched from (a flat one lands mid-ramp). */
export const RECOLOR_MIN_SPAN = 0.05;

/** An RGBA picture, 8 bits a channel, rows top to bottom. */
export interface RgbaPixels {
  width: number;
  height: number;
  data: Uint8Array;
}

/** The palette as a ramp: its colours in OKLab, darkest first (equal lightness keeps palette order). */
export function lightnessRamp(colors: readonly string[]): Lab[] {
  if (colors.length === 0) throw new Error('a ramp needs at least one colour');
  return colors
    .map((c, k) => ({ lab: hexToOklab(c), k }))
    .sort((p, q) => p.lab[0] - q.lab[0] || p.k - q.k)
    .map((p) => p.lab);
}

/** The ramp's colour at t (clamped to 0…1): stops evenly spaced, linear in OKLab between them. */
export function rampAt(ramp: readonly Lab[], t: number): Lab {
  const last = ramp.length - 1;
  const x = (Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0) * last;
  const k = Math.min(Math.max(0, last - 1), Math.floor(x));
  const a = ramp[k]!;
  const b = ramp[Math.min(last, k + 1)]!;
  const f = x - k;
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

/** Linear light of each 8-bit sRGB level. */
let linearLevels: Float64Array | null = null;
const levels = (): Float64Array =>
  (linearLevels ??= Float64Array.from({ length: 256 }, (_, v) => srgbToLinear(v / 255)));

// The four matrices as numbers, for the per-pixel loops (no array reads, no allocation).
const [[f00, f01, f02], [f10, f11, f12], [f20, f21, f22]] = M1;
const [[g00, g01, g02], [g10, g11, g12], [g20, g21, g22]] = M2;
const [[h00, h01, h02], [h10, h11, h12], [h20, h21, h22]] = M2_INV as [Rgb, Rgb, Rgb];
const [[k00, k01, k02], [k10, k11, k12], [k20, k21, k22]] = M1_INV as [Rgb, Rgb, Rgb];

/** OKLab of the 8-bit sRGB pixel at byte offset i of `data`, written into out[o…o+2]. */
function pixelLab(lin: Float64Array, data: Uint8Array, i: number, out: Float32Array, o: number): void {
  const r = lin[data[i]!]!;
  const g = lin[data[i + 1]!]!;
  const b = lin[data[i + 2]!]!;
  const l = Math.cbrt(f00 * r + f01 * g + f02 * b);
  const m = Math.cbrt(f10 * r + f11 * g + f12 * b);
  const s = Math.cbrt(f20 * r + f21 * g + f22 * b);
  out[o] = g00 * l + g01 * m + g02 * s;
  out[o + 1] = g10 * l + g11 * m + g12 * s;
  out[o + 2] = g20 * l + g21 * m + g22 * s;
}

/** Linear light (0…1, 2^16 steps) → 8-bit sRGB: within 0.05 of a level of the exact curve. */
const BYTE_STEPS = 65536;
let byteLevels: Uint8Array | null = null;
const bytes = (): Uint8Array =>
  (byteLevels ??= Uint8Array.from({ length: BYTE_STEPS + 1 }, (_, i) =>
    clampByte(linearToSrgb(i / BYTE_STEPS) * 255),
  ));

/** OKLab (L, A, B) → 8-bit sRGB (clipped, rounded) written into out[o…o+2]. */
function writeRgb8(L: number, A: number, B: number, out: Uint8Array, o: number, table: Uint8Array): void {
  const l_ = h00 * L + h01 * A + h02 * B;
  const m_ = h10 * L + h11 * A + h12 * B;
  const s_ = h20 * L + h21 * A + h22 * B;
  const l = l_ * l_ * l_;
  const m = m_ * m_ * m_;
  const s = s_ * s_ * s_;
  out[o] = table[linearIndex(k00 * l + k01 * m + k02 * s)]!;
  out[o + 1] = table[linearIndex(k10 * l + k11 * m + k12 * s)]!;
  out[o + 2] = table[linearIndex(k20 * l + k21 * m + k22 * s)]!;
}

const linearIndex = (v: number): number => (v > 0 ? (v < 1 ? Math.round(v * BYTE_STEPS) : BYTE_STEPS) : 0);

const HIST_BINS = 4096;
/** Samples of the ramp along t a recolour looks up (finer than 8-bit steps across any ramp). */
const RAMP_STEPS = 4096;

/**
 * The lightness range a picture's ramp spans: the `clip` and 1 − `clip` quantiles of its pixels'
 * OKLab L (from a 4096-bin histogram of `L`, one value a pixel).
 */
export function lightnessRange(L: ArrayLike<number>, clip = RECOLOR_CLIP): [number, number] {
  const n = L.length;
  if (n === 0) return [0, 1];
  const hist = new Uint32Array(HIST_BINS);
  for (let i = 0; i < n; i++) hist[Math.min(HIST_BINS - 1, Math.max(0, Math.floor(L[i]! * HIST_BINS)))]!++;
  const at = (q: number): number => {
    const target = q * n;
    let acc = 0;
    for (let b = 0; b < HIST_BINS; b++) {
      const next = acc + hist[b]!;
      if (next > target) return (b + (hist[b]! > 0 ? (target - acc) / hist[b]! : 0.5)) / HIST_BINS;
      acc = next;
    }
    return 1;
  };
  return [at(clip), at(1 - clip)];
}

/**
 * A picture recoloured with a palette (see `RECOLOR_METHOD`): a new RGBA buffer of the same size,
 * alpha kept. `strength` 0 returns the original pixels, 1 the full gradient map.
 */
export function recolorPixels(
  img: RgbaPixels,
  colors: readonly string[],
  strength = 1,
): Uint8Array<ArrayBuffer> {
  const { width, height, data } = img;
  const n = width * height;
  if (data.length < n * 4) throw new Error(`expected ${n * 4} bytes of RGBA, got ${data.length}`);
  const out = new Uint8Array(data.subarray(0, n * 4));
  const s = Number.isFinite(strength) ? Math.min(1, Math.max(0, strength)) : 1;
  if (s === 0 || n === 0) return out;
  const lin = levels();
  const lab = new Float32Array(n * 3);
  const L = new Float32Array(n);
  for (let p = 0; p < n; p++) {
    pixelLab(lin, data, p * 4, lab, p * 3);
    L[p] = lab[p * 3]!;
  }
  // A nearly flat picture is not stretched past RECOLOR_MIN_SPAN: its noise stays noise.
  const [p0, p1] = lightnessRange(L);
  const span = Math.max(p1 - p0, RECOLOR_MIN_SPAN);
  const lo = (p0 + p1) / 2 - span / 2;
  // The ramp sampled finely along t: each pixel takes the nearest sample.
  const steps = RAMP_STEPS;
  const ramp = lightnessRamp(colors);
  const table = new Float64Array((steps + 1) * 3);
  for (let k = 0; k <= steps; k++) table.set(rampAt(ramp, k / steps), k * 3);
  const stepOf = (l: number): number => {
    const t = (l - lo) / span;
    return Math.round((t <= 0 ? 0 : t >= 1 ? 1 : t) * steps) * 3;
  };
  if (s === 1) {
    // Full strength: the result depends on L alone, so each sample's sRGB is worked out once.
    const rgb = new Uint8Array((steps + 1) * 3);
    for (let k = 0; k <= steps; k++)
      rgb.set(oklabToRgb8([table[k * 3]!, table[k * 3 + 1]!, table[k * 3 + 2]!]), k * 3);
    for (let p = 0; p < n; p++) {
      const k = stepOf(L[p]!);
      out[p * 4] = rgb[k]!;
      out[p * 4 + 1] = rgb[k + 1]!;
      out[p * 4 + 2] = rgb[k + 2]!;
    }
    return out;
  }
  const toByte = bytes();
  for (let p = 0; p < n; p++) {
    const q = p * 3;
    const k = stepOf(lab[q]!);
    const l0 = lab[q]!;
    const a0 = lab[q + 1]!;
    const b0 = lab[q + 2]!;
    writeRgb8(
      l0 + (table[k]! - l0) * s,
      a0 + (table[k + 1]! - a0) * s,
      b0 + (table[k + 2]! - b0) * s,
      out,
      p * 4,
      toByte,
    );
  }
  return out;
}
