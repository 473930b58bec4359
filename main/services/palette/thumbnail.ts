/**
 * A palette's picture for the library's cards: its five colours as equal vertical stripes, edge to
 * edge (a few thousand pixels: cheap on main).
 */
import { hexToRgb8 } from '../../../preload/palette';
import type { Rgba } from '../../inference/image';

export function drawSwatches(colors: readonly string[], width: number, height: number): Rgba {
  const data = new Uint8Array(width * height * 4);
  const n = Math.max(1, colors.length);
  for (let x = 0; x < width; x++) {
    const k = Math.min(n - 1, Math.floor((x * n) / width));
    const [r, g, b] = colors[k] ? hexToRgb8(colors[k]) : [0, 0, 0];
    for (let y = 0; y < height; y++) {
      const i = (y * width + x) * 4;
      data[i] = r;
      data[i + 1] = g;
      data[i + 2] = b;
      data[i + 3] = 255;
    }
  }
  return { width, height, data };
}
