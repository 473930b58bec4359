/**
 * What the flow lab's picture asks for and gets (plain data: it crosses postMessage), and the pure
 * pieces both the engine and the page use: the base-space grid and the layer interpolation. No
 * tensors here, so the page can import it without the training library.
 */

export interface FlowRequest {
  /**
   * How far from the base toward the data the grid and samples are carried: 0 = the base N(0, I)
   * itself, `layers` = data space; fractional values interpolate between layer outputs.
   */
  layer?: number;
  /** Heatmap cells per side (default 64). */
  grid?: number;
  /** A point of the plane to score (log p, z, log|det|, typical or outlier), or none. */
  probe?: [number, number] | null;
  /** Model samples to draw (default 500). */
  samples?: number;
}

export interface FlowProbe {
  x: [number, number];
  /** Exact log p(x). */
  logDensity: number;
  /** z = f(x), the point's place in the base. */
  z: [number, number];
  /** log|det ∂f/∂x| at x. */
  logDet: number;
  /** Percentage of the training points whose log p is below this one's. */
  percentile: number;
  /** False below the outlier percentile (2 %). */
  typical: boolean;
}

export interface FlowView {
  /** Coupling layers in the model (the layer slider's end). */
  layers: number;
  /** The layer the grid and samples are shown at (the request's, clamped). */
  layer: number;
  /** Heatmap cells per side. */
  side: number;
  /** log p(x) per cell, side × side, row 0 at the top (y = +PLANE), column 0 at x = −PLANE. */
  logDensity: Float32Array;
  /** Finite range of `logDensity`. */
  min: number;
  max: number;
  /** Grid lines: `gridLines` polylines of `gridPoints` points each (the first half horizontal in z). */
  gridLines: number;
  gridPoints: number;
  /**
   * The lines of a regular grid in the base (z) space carried through the inverse one layer at a
   * time: (layers + 1) stages × gridLines × gridPoints × 2; stage 0 is the base, the last is data
   * space. The page interpolates between stages itself so a slider moves without waiting.
   */
  gridStages: Float32Array;
  /** The grid at `layer` (gridLines × gridPoints × 2). */
  grid: Float32Array;
  /** The same for samples: (layers + 1) stages × sampleCount × 2, from base draws to x = f⁻¹(z). */
  sampleCount: number;
  sampleStages: Float32Array;
  /** Samples in data space (the last stage). */
  samples: Float32Array;
  probe: FlowProbe | null;
}

/** The base-space grid: lines at every half unit over [−GRID_EXTENT, GRID_EXTENT]. */
export const GRID_EXTENT = 3;
export const GRID_LINES_PER_AXIS = 13;
export const GRID_POINTS_PER_LINE = 49;

/**
 * Points of the base grid's lines: GRID_LINES_PER_AXIS horizontal lines (constant z₂) then as
 * many vertical ones (constant z₁), each GRID_POINTS_PER_LINE points long, as [x, y] pairs.
 */
export function baseGridLines(): Float32Array {
  const n = GRID_LINES_PER_AXIS;
  const m = GRID_POINTS_PER_LINE;
  const out = new Float32Array(2 * n * m * 2);
  for (let l = 0; l < n; l++) {
    const fixed = -GRID_EXTENT + (2 * GRID_EXTENT * l) / (n - 1);
    for (let p = 0; p < m; p++) {
      const along = -GRID_EXTENT + (2 * GRID_EXTENT * p) / (m - 1);
      const h = (l * m + p) * 2;
      out[h] = along;
      out[h + 1] = fixed;
      const v = ((n + l) * m + p) * 2;
      out[v] = fixed;
      out[v + 1] = along;
    }
  }
  return out;
}

/**
 * The stage at a fractional `layer` of `stages` stacked stages of `size` floats each: a straight
 * blend between the two layer outputs around it (clamped to the first and last stage).
 */
export function stageAt(stages: Float32Array, size: number, layer: number): Float32Array {
  const count = Math.floor(stages.length / size);
  if (count === 0) return new Float32Array(size);
  const at = Math.min(count - 1, Math.max(0, Number.isFinite(layer) ? layer : count - 1));
  const lo = Math.floor(at);
  const hi = Math.min(count - 1, lo + 1);
  const f = at - lo;
  const a = stages.subarray(lo * size, lo * size + size);
  if (f === 0 || hi === lo) return a.slice();
  const b = stages.subarray(hi * size, hi * size + size);
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = a[i]! + (b[i]! - a[i]!) * f;
  return out;
}
