/**
 * Small labelled images made on the spot, for the classifier's and the evaluation's tests and the
 * bench: bars, crosses, rings and square outlines on a 16×16 grey grid at varied positions, sizes
 * and thicknesses, and shifted copies (a faithful "synthetic" variation of an item).
 */
import { Rng } from '../rng';
import type { LabelledRows } from './classifier-input';

export const SHAPES = ['horizontal bar', 'vertical bar', 'cross', 'ring', 'square'] as const;
export const SHAPE_SIDE = 16;

/** One shape (index into SHAPES) centred at (cx, cy) with half-size `size` and stroke `thickness`. */
export function shapeImage(
  shape: number,
  cx: number,
  cy: number,
  size: number,
  thickness: number,
): Float32Array {
  const side = SHAPE_SIDE;
  const out = new Float32Array(side * side);
  const half = thickness / 2;
  for (let py = 0; py < side; py++) {
    for (let px = 0; px < side; px++) {
      const dx = px + 0.5 - cx;
      const dy = py + 0.5 - cy;
      const h = Math.abs(dy) < half && Math.abs(dx) <= size;
      const v = Math.abs(dx) < half && Math.abs(dy) <= size;
      let ink: boolean;
      if (shape === 0) ink = h;
      else if (shape === 1) ink = v;
      else if (shape === 2) ink = h || v;
      else if (shape === 3) ink = Math.abs(Math.hypot(dx, dy) - size) < half;
      else ink = Math.abs(Math.max(Math.abs(dx), Math.abs(dy)) - size) < half;
      if (ink) out[py * side + px] = 1;
    }
  }
  return out;
}

/** `perClass` random shapes of each of the first `classes` kinds, seeded, in class order. */
export function shapeSet(seed: number, perClass: number, classes = SHAPES.length): LabelledRows {
  const rng = new Rng(seed);
  const dim = SHAPE_SIDE * SHAPE_SIDE;
  const x = new Float32Array(classes * perClass * dim);
  const y = new Int32Array(classes * perClass);
  const between = (lo: number, hi: number): number => lo + (hi - lo) * rng.nextFloat();
  for (let c = 0; c < classes; c++) {
    for (let i = 0; i < perClass; i++) {
      const k = c * perClass + i;
      const size = between(3, 5);
      x.set(shapeImage(c, between(5.5, 10.5), between(5.5, 10.5), size, between(1, 2.5)), k * dim);
      y[k] = c;
    }
  }
  return { x, y };
}

/** The image moved by (dx, dy) whole pixels, the uncovered edge left empty. */
export function shiftImage(image: Float32Array, dx: number, dy: number, side = SHAPE_SIDE): Float32Array {
  const out = new Float32Array(side * side);
  for (let y = 0; y < side; y++) {
    const sy = y - dy;
    if (sy < 0 || sy >= side) continue;
    for (let x = 0; x < side; x++) {
      const sx = x - dx;
      if (sx >= 0 && sx < side) out[y * side + x] = image[sy * side + sx]!;
    }
  }
  return out;
}

/** Shifted copies of every item of `rows` by each of `shifts`, with their labels and sources. */
export function shiftedCopies(rows: LabelledRows, shifts: [number, number][], side = SHAPE_SIDE) {
  const dim = side * side;
  const n = rows.y.length;
  const x = new Float32Array(n * shifts.length * dim);
  const y = new Int32Array(n * shifts.length);
  const source = new Int32Array(n * shifts.length);
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (const [dx, dy] of shifts) {
      x.set(shiftImage(rows.x.subarray(i * dim, (i + 1) * dim), dx, dy, side), k * dim);
      y[k] = rows.y[i]!;
      source[k] = i;
      k++;
    }
  }
  return { x, y, source };
}
