/**
 * Measures of a 2-D density given as log p on a grid over the plane (plain arrays, no tensors):
 * its total mass, the share of it far from any data point, and where a point's log-density falls
 * among the training data's.
 */
import { PLANE } from './data';

/** Cells per side of the grid the density is integrated on (metrics and the CLI). */
export const INTEGRAL_SIDE = 200;
/** A grid cell farther than this from every data point counts as "off the data". */
export const OFF_DATA_DISTANCE = 0.5;
/** Below this percentile of the training data's log p, a point is called an outlier. */
export const OUTLIER_PERCENTILE = 2;

/**
 * Cell centres of a side×side grid over [-PLANE, PLANE]², row-major, row 0 at the top (y = +PLANE)
 * and column 0 at the left (x = −PLANE): the layout of an ImageData, so a heatmap draws as is.
 */
export function planeGrid(side: number): Float32Array {
  const out = new Float32Array(side * side * 2);
  const cell = (2 * PLANE) / side;
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      const i = r * side + c;
      out[2 * i] = -PLANE + (c + 0.5) * cell;
      out[2 * i + 1] = PLANE - (r + 0.5) * cell;
    }
  }
  return out;
}

/** Σ exp(log p) × cell area over the grid: 1 for a density whose mass lies inside the plane. */
export function densityIntegral(logDensity: Float32Array, side: number): number {
  const area = ((2 * PLANE) / side) ** 2;
  let sum = 0;
  for (const v of logDensity) sum += Math.exp(v);
  return sum * area;
}

/**
 * 1 for each grid cell (layout of {@link planeGrid}) whose centre lies within `radius` of some
 * data point, else 0. Each point marks the cells around it, so the cost is n × (radius/cell)².
 */
export function nearDataMask(points: Float32Array, side: number, radius = OFF_DATA_DISTANCE): Uint8Array {
  const mask = new Uint8Array(side * side);
  const cell = (2 * PLANE) / side;
  const reach = Math.ceil(radius / cell) + 1;
  const r2 = radius * radius;
  for (let i = 0; i < points.length / 2; i++) {
    const x = points[2 * i]!;
    const y = points[2 * i + 1]!;
    const c0 = Math.floor((x + PLANE) / cell);
    const r0 = Math.floor((PLANE - y) / cell);
    for (let r = Math.max(0, r0 - reach); r <= Math.min(side - 1, r0 + reach); r++) {
      const cy = PLANE - (r + 0.5) * cell;
      for (let c = Math.max(0, c0 - reach); c <= Math.min(side - 1, c0 + reach); c++) {
        const cx = -PLANE + (c + 0.5) * cell;
        if ((cx - x) ** 2 + (cy - y) ** 2 <= r2) mask[r * side + c] = 1;
      }
    }
  }
  return mask;
}

/** The share of the grid's mass in cells the mask calls off the data (0 where near is 1). */
export function massOffData(logDensity: Float32Array, near: Uint8Array): number {
  let off = 0;
  let all = 0;
  for (let i = 0; i < logDensity.length; i++) {
    const p = Math.exp(logDensity[i]!);
    all += p;
    if (!near[i]) off += p;
  }
  return all > 0 ? off / all : 0;
}

/** The percentage (0–100) of `sorted` (ascending) strictly below `value`. */
export function percentileOf(sorted: Float32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return sorted.length ? (100 * lo) / sorted.length : 50;
}

/** Smallest and largest finite values (0, 0 when there are none). */
export function finiteRange(values: Float32Array): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return Number.isFinite(min) ? { min, max } : { min: 0, max: 0 };
}
