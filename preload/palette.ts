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
