/** Small images (glyphs) tiled into one RGBA picture, for the labs that work on images. */
import type { Rgba } from './canvas';

export type Rgb = readonly [number, number, number];

/** The colour between tiles. */
const SEPARATOR: Rgb = [42, 42, 50];

/**
 * RGBA of `count` images (side², values in [0, 1], 1 = ink) tiled `cols` wide with a 1 px gap,
 * each value coloured by `ink` (non-finite values as 0).
 */
export function tileImages(
  values: Float32Array,
  side: number,
  count: number,
  cols: number,
  ink: (t: number) => Rgb,
): Rgba & { cols: number; rows: number } {
  const rows = Math.max(1, Math.ceil(count / cols));
  const width = cols * (side + 1) - 1;
  const height = rows * (side + 1) - 1;
  const pixels = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) pixels.set([...SEPARATOR, 255], 4 * p);
  const dim = side * side;
  for (let s = 0; s < count; s++) {
    const ox = (s % cols) * (side + 1);
    const oy = Math.floor(s / cols) * (side + 1);
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        const v = values[s * dim + y * side + x]!;
        const t = Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0;
        pixels.set([...ink(t), 255], ((oy + y) * width + ox + x) * 4);
      }
    }
  }
  return { cols, rows, width, height, pixels };
}
