/**
 * The image mode's data: 16×16 glyphs rendered in the page from the fonts every system has (the
 * generic families serif, sans-serif and monospace, normal and bold, upright and italic), digits
 * or a few letters, each at a few small shifts — a few hundred images a small model learns in
 * minutes. This file is the pure part (which glyphs, placing the ink, averaging down to 16×16,
 * the dataset); glyph-render.ts draws them on a canvas.
 */
import type { Dataset } from '../../../preload/labs/types';

export const GLYPH_SIDE = 16;
/** Glyphs are drawn this many times larger, then averaged down (smooth, even edges). */
export const SUPERSAMPLE = 4;
export const RENDER_SIDE = GLYPH_SIDE * SUPERSAMPLE;
/** The ink's taller side fills this share of the image. */
export const INK_SHARE = 0.72;

export const GLYPH_FAMILIES = ['serif', 'sans-serif', 'monospace'] as const;
export const GLYPH_WEIGHTS = ['normal', 'bold'] as const;
export const GLYPH_STYLES = ['normal', 'italic'] as const;

export const GLYPH_SETS = {
  digits: { label: 'Digits 0–9', chars: '0123456789' },
  letters: { label: 'Letters A E H K M O S X', chars: 'AEHKMOSX' },
} as const;
export type GlyphSet = keyof typeof GLYPH_SETS;
export const isGlyphSet = (v: unknown): v is GlyphSet =>
  typeof v === 'string' && Object.hasOwn(GLYPH_SETS, v);

/** Shifts of each glyph, in output pixels: centred, one pixel left, right, up. */
export const GLYPH_SHIFTS: readonly (readonly [number, number])[] = [
  [0, 0],
  [-1, 0],
  [1, 0],
  [0, -1],
];

export interface GlyphFont {
  family: string;
  weight: string;
  style: string;
}

export interface GlyphSpec extends GlyphFont {
  char: string;
  dx: number;
  dy: number;
}

export const GLYPH_FONTS: readonly GlyphFont[] = GLYPH_FAMILIES.flatMap((family) =>
  GLYPH_WEIGHTS.flatMap((weight) => GLYPH_STYLES.map((style) => ({ family, weight, style }))),
);

/** The CSS font of a glyph at `px` pixels. */
export function fontCss(f: GlyphFont, px: number): string {
  return `${f.style} ${f.weight} ${px}px ${f.family}`;
}

/** A font's short name in the dataset's source ("serif bold italic"). */
export function fontName(f: GlyphFont): string {
  return [f.family, f.weight === 'normal' ? '' : f.weight, f.style === 'normal' ? '' : f.style]
    .filter(Boolean)
    .join(' ');
}

/** Every glyph of a set: each font × each character × each shift, in that order. */
export function glyphSpecs(
  chars: string,
  fonts: readonly GlyphFont[] = GLYPH_FONTS,
  shifts = GLYPH_SHIFTS,
): GlyphSpec[] {
  return fonts.flatMap((f) =>
    [...chars].flatMap((char) => shifts.map(([dx, dy]) => ({ ...f, char, dx, dy }))),
  );
}

export interface InkBox {
  x0: number;
  y0: number;
  /** Exclusive. */
  x1: number;
  y1: number;
}

/** The box around the ink (alpha above a small threshold) of a side×side RGBA image, or null when blank. */
export function inkBox(rgba: ArrayLike<number>, side: number, threshold = 24): InkBox | null {
  let x0 = side;
  let y0 = side;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      if (rgba[(y * side + x) * 4 + 3]! <= threshold) continue;
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x);
      y1 = Math.max(y1, y);
    }
  }
  return x1 < 0 ? null : { x0, y0, x1: x1 + 1, y1: y1 + 1 };
}

/**
 * How to redraw a glyph whose ink was `box` (drawn at the canvas origin transform) so its ink
 * fills INK_SHARE of the side, centred, then moved by (dx, dy) output pixels: scale about the
 * box centre, then translate.
 */
export function placement(
  box: InkBox,
  side: number,
  dx: number,
  dy: number,
): { scale: number; tx: number; ty: number } {
  const w = box.x1 - box.x0;
  const h = box.y1 - box.y0;
  const scale = (INK_SHARE * side) / Math.max(w, h, 1);
  const cx = (box.x0 + box.x1) / 2;
  const cy = (box.y0 + box.y1) / 2;
  const pixel = side / GLYPH_SIDE;
  return { scale, tx: side / 2 - cx * scale + dx * pixel, ty: side / 2 - cy * scale + dy * pixel };
}

/** Averages an RGBA image's alpha over `factor`×`factor` blocks: ink in [0, 1], row-major. */
export function downsample(rgba: ArrayLike<number>, side: number, factor: number): Float32Array {
  const out = side / factor;
  const values = new Float32Array(out * out);
  const norm = 1 / (255 * factor * factor);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const o = Math.floor(y / factor) * out + Math.floor(x / factor);
      values[o] = values[o]! + rgba[(y * side + x) * 4 + 3]! * norm;
    }
  }
  return values;
}

/** The images as a lab dataset (one row of side² values per image). */
export function glyphDataset(
  images: readonly Float32Array[],
  chars: string,
  fonts: readonly GlyphFont[],
): Dataset {
  const dim = GLYPH_SIDE * GLYPH_SIDE;
  const points = new Float32Array(images.length * dim);
  images.forEach((img, i) => {
    if (img.length !== dim) throw new Error(`a glyph image holds ${img.length} values, not ${dim}`);
    points.set(img, i * dim);
  });
  return {
    dim,
    side: GLYPH_SIDE,
    points,
    source: { kind: 'glyphs', chars, fonts: fonts.map(fontName), size: GLYPH_SIDE },
  };
}
