/**
 * The GAN picture's pure parts: plane ↔ canvas coordinates, the discriminator's colour map and
 * heatmap pixels, arrow lengths, and the glyph grid's pixels, so the component only draws.
 */
import { PLANE } from '../../../../preload/labs/data';
import type { GanHeatmap } from '../../../../preload/labs/gan-view';
import { tileImages } from '../picture/tiles';

/** Plane x → canvas px (x = −PLANE at the left edge, +PLANE at the right). */
export function toPxX(x: number, size: number): number {
  return ((x + PLANE) / (2 * PLANE)) * size;
}

/** Plane y → canvas px (y = +PLANE at the top). */
export function toPxY(y: number, size: number): number {
  return ((PLANE - y) / (2 * PLANE)) * size;
}

/** Canvas px → plane coordinates (for pointer readouts). */
export { toPlane } from '../brush';

type Rgb = [number, number, number];

/** "Fake" end of the map (a muted violet), the middle (the canvas colour), the "real" end (a muted green). */
const FAKE: Rgb = [86, 46, 112];
const MIDDLE: Rgb = [24, 24, 28];
const REAL: Rgb = [38, 112, 74];

/**
 * Colour of the discriminator's belief t ∈ [0, 1] (0 = surely generated, 1 = surely real): dark
 * violet through the canvas colour to green, kept dark so the points on top stay readable.
 */
export function beliefColor(t: number): Rgb {
  const u = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0.5;
  const [from, to, k] = u < 0.5 ? [FAKE, MIDDLE, u * 2] : [MIDDLE, REAL, (u - 0.5) * 2];
  return [0, 1, 2].map((i) => Math.round(from[i]! + (to[i]! - from[i]!) * k)) as Rgb;
}

/** A heatmap value as a belief in [0, 1]: probabilities as they are, critic scores scaled to their range. */
export function belief(value: number, hm: Pick<GanHeatmap, 'kind' | 'min' | 'max'>): number {
  if (hm.kind === 'probability') return value;
  const span = hm.max - hm.min;
  return span > 1e-9 ? (value - hm.min) / span : 0.5;
}

/** RGBA pixels (side × side, row 0 at the top) of the heatmap, into `out` when it fits. */
export function heatmapPixels(
  hm: GanHeatmap,
  out?: Uint8ClampedArray<ArrayBuffer>,
): Uint8ClampedArray<ArrayBuffer> {
  const n = hm.side * hm.side;
  const px = out && out.length === n * 4 ? out : new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n; i++) {
    const [r, g, b] = beliefColor(belief(hm.values[i]!, hm));
    px[4 * i] = r;
    px[4 * i + 1] = g;
    px[4 * i + 2] = b;
    px[4 * i + 3] = 255;
  }
  return px;
}

/**
 * Arrow segments in canvas px for the first `count` points: from each point along its gradient,
 * the longest arrow `longest` px and the others in proportion (so the field's shape reads, not
 * its scale, which changes by orders of magnitude while training). [x0, y0, x1, y1] per arrow.
 */
export function arrowSegments(
  samples: Float32Array,
  gradients: Float32Array,
  size: number,
  longest = size * 0.06,
): Float32Array {
  const count = Math.min(gradients.length / 2, samples.length / 2);
  let max = 0;
  for (let i = 0; i < count; i++) max = Math.max(max, Math.hypot(gradients[2 * i]!, gradients[2 * i + 1]!));
  const out = new Float32Array(count * 4);
  const k = max > 0 && Number.isFinite(max) ? longest / max : 0;
  for (let i = 0; i < count; i++) {
    const x = toPxX(samples[2 * i]!, size);
    const y = toPxY(samples[2 * i + 1]!, size);
    out[4 * i] = x;
    out[4 * i + 1] = y;
    // Plane y points up, canvas y down.
    out[4 * i + 2] = x + gradients[2 * i]! * k;
    out[4 * i + 3] = y - gradients[2 * i + 1]! * k;
  }
  return out;
}

export interface GlyphGrid {
  cols: number;
  rows: number;
  /** Pixel width and height of the whole grid (tiles of `side` with a 1 px gap). */
  width: number;
  height: number;
  pixels: Uint8ClampedArray<ArrayBuffer>;
}

/** Ink colour of glyphs (the app's text colour) on the canvas colour. */
const INK: Rgb = [232, 232, 238];

/** RGBA pixels of `count` images of side×side (values in [0, 1], 1 = ink) tiled `cols` wide. */
export function glyphGrid(samples: Float32Array, side: number, count: number, cols = 8): GlyphGrid {
  const ink = (t: number): Rgb =>
    [0, 1, 2].map((c) => Math.round(MIDDLE[c]! + (INK[c]! - MIDDLE[c]!) * t)) as Rgb;
  return tileImages(samples, side, count, cols, ink);
}

/**
 * CSS colour of a belief: the heatmap's colour, or with `bright` a light version of the same
 * violet-to-green scale for small marks on the dark canvas.
 */
export function beliefCss(t: number, bright = false): string {
  if (bright) {
    const u = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0.5;
    return `hsl(${Math.round(285 - 145 * u)}, 55%, 62%)`;
  }
  const [r, g, b] = beliefColor(t);
  return `rgb(${r}, ${g}, ${b})`;
}
