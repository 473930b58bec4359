/**
 * A saved lab's picture when the studio sent none (a state opened from a file and saved as it is):
 * its training data — 2-D points as dots on the plane, or the first glyph images as a grid. A few
 * tens of thousands of pixels: cheap on main.
 */
import { PLANE } from '../../../preload/labs/data';
import type { Rgba } from '../../inference/image';

const PAPER = [250, 248, 244];
const INK = [40, 44, 60];
const AXIS = [225, 222, 215];

export const THUMB_SIZE = 160;

export function drawDataThumbnail(dim: number, points: Float32Array, side?: number): Rgba {
  const size = THUMB_SIZE;
  const data = new Uint8Array(size * size * 4);
  const paint = (x: number, y: number, c: number[], alpha = 1): void => {
    if (x < 0 || y < 0 || x >= size || y >= size) return;
    const i = (y * size + x) * 4;
    for (let k = 0; k < 3; k++) data[i + k] = Math.round(data[i + k]! * (1 - alpha) + c[k]! * alpha);
  };
  for (let i = 0; i < size * size; i++) data.set([...PAPER, 255], i * 4);
  if (side && side * side === dim) drawGlyphs(points, side, size, paint);
  else if (dim === 2) {
    const mid = size / 2;
    for (let t = 0; t < size; t++) {
      paint(t, Math.round(mid), AXIS);
      paint(Math.round(mid), t, AXIS);
    }
    const scale = size / (2 * PLANE);
    for (let i = 0; i + 1 < points.length; i += 2) {
      const x = Math.round(mid + points[i]! * scale);
      const y = Math.round(mid - points[i + 1]! * scale);
      paint(x, y, INK, 0.5);
      paint(x + 1, y, INK, 0.25);
      paint(x, y + 1, INK, 0.25);
    }
  }
  return { width: size, height: size, data };
}

/** Up to 25 images (ink = 1) in a 5×5 grid. */
function drawGlyphs(
  points: Float32Array,
  side: number,
  size: number,
  paint: (x: number, y: number, c: number[], alpha: number) => void,
): void {
  const per = 5;
  const cell = Math.floor(size / per);
  const images = Math.min(per * per, Math.floor(points.length / (side * side)));
  for (let k = 0; k < images; k++) {
    const ox = (k % per) * cell;
    const oy = Math.floor(k / per) * cell;
    for (let y = 0; y < cell; y++)
      for (let x = 0; x < cell; x++) {
        const v =
          points[k * side * side + Math.floor((y * side) / cell) * side + Math.floor((x * side) / cell)]!;
        paint(ox + x, oy + y, INK, Math.min(1, Math.max(0, v)));
      }
  }
}
