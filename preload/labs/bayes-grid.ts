/**
 * Exact inference on a latent grid (plain math, no model): the posterior from the log joint
 * per cell, its moments and mode, KL(q ‖ p) between the encoder's Gaussian and it, and a
 * measure of whether it has two bumps.
 */
import { logSumExp } from './vae-quad';

/** Cell centre coordinate of index i on a side-cell grid over [-half, half]. */
export function cellCentre(i: number, side: number, half: number): number {
  return -half + ((i + 0.5) * 2 * half) / side;
}

/**
 * The posterior on the grid from log p(x|z_g) + log p(z_g)·cell per cell: its values (sum 1)
 * and log p(x), the log of the sum.
 */
export function gridPosterior(logJoint: Float64Array): { values: Float32Array; logPx: number } {
  const logPx = logSumExp(logJoint);
  const values = new Float32Array(logJoint.length);
  let sum = 0;
  for (let g = 0; g < logJoint.length; g++) sum += Math.exp(logJoint[g]! - logPx);
  // the float64 sum is 1 up to rounding; dividing by it keeps the float32 cells summing to 1
  for (let g = 0; g < logJoint.length; g++) values[g] = Math.exp(logJoint[g]! - logPx) / sum;
  return { values, logPx };
}

/** Mean and variance per latent dimension of a distribution over cells with centres `z` (count × 2). */
export function gridMoments(
  values: ArrayLike<number>,
  z: Float32Array,
): { mean: [number, number]; variance: [number, number] } {
  let m0 = 0;
  let m1 = 0;
  let s00 = 0;
  let s11 = 0;
  for (let g = 0; g < values.length; g++) {
    const p = values[g]!;
    const z0 = z[2 * g]!;
    const z1 = z[2 * g + 1]!;
    m0 += p * z0;
    m1 += p * z1;
    s00 += p * z0 * z0;
    s11 += p * z1 * z1;
  }
  // rounding can leave a hair below zero for a posterior inside one cell
  return { mean: [m0, m1], variance: [Math.max(0, s00 - m0 * m0), Math.max(0, s11 - m1 * m1)] };
}

/** The centre of the most probable cell. */
export function gridMap(values: ArrayLike<number>, z: Float32Array): [number, number] {
  let best = 0;
  for (let g = 1; g < values.length; g++) if (values[g]! > values[best]!) best = g;
  return [z[2 * best]!, z[2 * best + 1]!];
}

/**
 * KL(q ‖ p) over cells with centres `z`: q the Gaussian N(mean, diag σ²) at the centres,
 * normalised over the cells (equal-sized), p the posterior given by its log joint and log p(x).
 */
export function gridKl(
  q: { mean: [number, number]; sigma: [number, number] },
  logJoint: Float64Array,
  logPx: number,
  z: Float32Array,
): number {
  const logQ = new Float64Array(logJoint.length);
  for (let g = 0; g < logQ.length; g++) {
    const r0 = (z[2 * g]! - q.mean[0]) / q.sigma[0];
    const r1 = (z[2 * g + 1]! - q.mean[1]) / q.sigma[1];
    logQ[g] = -0.5 * (r0 * r0 + r1 * r1);
  }
  const norm = logSumExp(logQ);
  let kl = 0;
  for (let g = 0; g < logQ.length; g++) {
    const lq = logQ[g]! - norm;
    const w = Math.exp(lq);
    if (w > 0) kl += w * (lq - (logJoint[g]! - logPx));
  }
  return kl;
}

/** Bumps lower than this share of the highest one are ignored (grid ripples). */
const PEAK_FLOOR = 0.01;

/**
 * How clearly the posterior has two bumps: for each lower local maximum k (a cell above its 8
 * neighbours), (h_k / h_top) × (1 − valley / h_k), where the valley is the lowest value on the
 * straight line between the two; the score is the largest over k (0 for one bump, near 1 for two
 * equal bumps with nothing between). `peaks` are the top bump and the one that scored. Measured
 * on a lightly blurred copy, so a ridge thinner than a cell does not read as a row of bumps.
 */
export function bimodality(raw: Float32Array, side: number): { score: number; peaks: number[] } {
  const values = blur(raw, side);
  const peaks: number[] = [];
  for (let j = 0; j < side; j++) {
    for (let i = 0; i < side; i++) {
      const v = values[j * side + i]!;
      if (v <= 0) continue;
      let top = true;
      for (let dj = -1; dj <= 1 && top; dj++) {
        for (let di = -1; di <= 1; di++) {
          if ((di === 0 && dj === 0) || i + di < 0 || j + dj < 0 || i + di >= side || j + dj >= side)
            continue;
          const n = values[(j + dj) * side + i + di]!;
          // ties go to the earlier cell, so a flat top counts once
          const earlier = dj < 0 || (dj === 0 && di < 0);
          if (n > v || (n === v && earlier)) {
            top = false;
            break;
          }
        }
      }
      if (top) peaks.push(j * side + i);
    }
  }
  if (peaks.length === 0) return { score: 0, peaks: [] };
  peaks.sort((a, b) => values[b]! - values[a]!);
  const first = peaks[0]!;
  const h1 = values[first]!;
  let score = 0;
  let second = -1;
  for (const k of peaks.slice(1)) {
    const hk = values[k]!;
    if (hk < PEAK_FLOOR * h1) break;
    const valley = lineMin(values, side, first, k);
    const s = (hk / h1) * (1 - valley / hk);
    if (s > score) {
      score = s;
      second = k;
    }
  }
  return { score, peaks: second >= 0 ? [first, second] : [first] };
}

/** The lowest value on the straight line between two cells (nearest cells, half-cell steps). */
function lineMin(values: Float32Array, side: number, a: number, b: number): number {
  const [ai, aj] = [a % side, Math.floor(a / side)];
  const [bi, bj] = [b % side, Math.floor(b / side)];
  const steps = Math.max(1, 2 * Math.max(Math.abs(bi - ai), Math.abs(bj - aj)));
  let min = Infinity;
  for (let s = 0; s <= steps; s++) {
    const i = Math.round(ai + ((bi - ai) * s) / steps);
    const j = Math.round(aj + ((bj - aj) * s) / steps);
    min = Math.min(min, values[j * side + i]!);
  }
  return min;
}

/** A [1 2 1]² / 16 blur (edges clamped). */
function blur(values: Float32Array, side: number): Float32Array {
  const k = [1, 2, 1];
  const at = (i: number, j: number): number =>
    values[Math.min(side - 1, Math.max(0, j)) * side + Math.min(side - 1, Math.max(0, i))]!;
  const out = new Float32Array(values.length);
  for (let j = 0; j < side; j++) {
    for (let i = 0; i < side; i++) {
      let s = 0;
      for (let dj = -1; dj <= 1; dj++)
        for (let di = -1; di <= 1; di++) s += k[di + 1]! * k[dj + 1]! * at(i + di, j + dj);
      out[j * side + i] = s / 16;
    }
  }
  return out;
}
