/**
 * Latent-space math shared by main (CLI, GIF export) and the renderer (pad, sliders, scrub):
 * interpolation paths and coordinates along a model's principal directions. No Node, no DOM.
 */
import type { LatentPathMode } from './contract';

export type Vec = readonly number[];

export function lerp(a: Vec, b: Vec, t: number): number[] {
  return a.map((x, i) => x + (b[i]! - x) * t);
}

/**
 * Spherical interpolation (Shoemake): keeps a path between two prior samples at the typical
 * radius of the prior, where a straight line would pass through the improbable region near 0.
 * Falls back to a straight line when the two points point the same way (or one is zero).
 */
export function slerp(a: Vec, b: Vec, t: number): number[] {
  const na = Math.hypot(...a);
  const nb = Math.hypot(...b);
  if (na === 0 || nb === 0) return lerp(a, b, t);
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += (a[i]! / na) * (b[i]! / nb);
  dot = Math.min(1, Math.max(-1, dot));
  const omega = Math.acos(dot);
  if (omega < 1e-4) return lerp(a, b, t);
  const s = Math.sin(omega);
  const wa = Math.sin((1 - t) * omega) / s;
  const wb = Math.sin(t * omega) / s;
  return a.map((x, i) => wa * x + wb * b[i]!);
}

export function interpolate(a: Vec, b: Vec, t: number, mode: LatentPathMode): number[] {
  return mode === 'slerp' ? slerp(a, b, t) : lerp(a, b, t);
}

/** `frames` points from a to b inclusive. */
export function pathPoints(a: Vec, b: Vec, frames: number, mode: LatentPathMode): number[][] {
  const n = Math.max(2, Math.floor(frames));
  return Array.from({ length: n }, (_, k) => interpolate(a, b, k / (n - 1), mode));
}

export interface Pca {
  mean: Vec;
  /** Unit-length, mutually orthogonal rows. */
  directions: readonly Vec[];
  variance: Vec;
}

/** The point's coordinate along direction k, in standard deviations of the training set. */
export function coordinate(pca: Pca, point: Vec, k: number): number {
  const dir = pca.directions[k]!;
  const sd = Math.sqrt(pca.variance[k]!) || 1;
  let dot = 0;
  for (let i = 0; i < point.length; i++) dot += (point[i]! - pca.mean[i]!) * dir[i]!;
  return dot / sd;
}

/** The point moved so that its coordinate along direction k is `value` (in SDs); other directions keep theirs. */
export function withCoordinate(pca: Pca, point: Vec, k: number, value: number): number[] {
  const delta = (value - coordinate(pca, point, k)) * (Math.sqrt(pca.variance[k]!) || 1);
  const dir = pca.directions[k]!;
  return point.map((x, i) => x + delta * dir[i]!);
}

/** The point a step along one or more directions (SDs), e.g. a grid cell or an arrow-key nudge. */
export function offsetAlong(pca: Pca, point: Vec, steps: ReadonlyArray<readonly [number, number]>): number[] {
  const out = point.slice();
  for (const [k, amount] of steps) {
    const sd = Math.sqrt(pca.variance[k]!) || 1;
    const dir = pca.directions[k]!;
    for (let i = 0; i < out.length; i++) out[i]! += amount * sd * dir[i]!;
  }
  return out;
}

/**
 * The posterior given several observations of one thing (glyphs of one font), from each one's own
 * Gaussian posterior under the prior N(0, I): p(z | x₁…xₙ) ∝ p(z) Πᵢ q(z | xᵢ) / p(z). Precisions
 * add, less (n − 1) prior precisions; the mean is the precision-weighted mean. Each observation's
 * precision is floored at the prior's, so one can only add information. The training code uses the
 * same formula (glyphs.model.product_of_experts).
 */
export function combinePosteriors(posteriors: readonly { mean: Vec; std: Vec }[]): {
  mean: number[];
  std: number[];
} {
  const dim = posteriors[0]?.mean.length ?? 0;
  const mean: number[] = [];
  const std: number[] = [];
  for (let i = 0; i < dim; i++) {
    let total = 1 - posteriors.length;
    let weighted = 0;
    for (const p of posteriors) {
      const precision = Math.max(1, 1 / p.std[i]! ** 2);
      total += precision;
      weighted += precision * p.mean[i]!;
    }
    mean.push(weighted / total);
    std.push(1 / Math.sqrt(total));
  }
  return { mean, std };
}

/**
 * The uncertainty of a point with per-dimension `std`, seen in the plane of two principal
 * directions: the 2×2 covariance's one-sigma ellipse, in the units `coordinate` gives (training-set
 * standard deviations along each axis); the angle in radians from the first axis.
 */
export function planeEllipse(
  pca: Pca,
  std: Vec,
  axes: readonly [number, number],
): { rx: number; ry: number; angle: number } {
  const [u, v] = [pca.directions[axes[0]]!, pca.directions[axes[1]]!];
  let [a, b, c] = [0, 0, 0];
  for (let i = 0; i < std.length; i++) {
    const s2 = std[i]! ** 2;
    a += u[i]! ** 2 * s2;
    b += u[i]! * v[i]! * s2;
    c += v[i]! ** 2 * s2;
  }
  const [su, sv] = [Math.sqrt(pca.variance[axes[0]]!) || 1, Math.sqrt(pca.variance[axes[1]]!) || 1];
  a /= su * su;
  b /= su * sv;
  c /= sv * sv;
  const mid = (a + c) / 2;
  const spread = Math.sqrt(((a - c) / 2) ** 2 + b * b);
  return {
    rx: Math.sqrt(Math.max(0, mid + spread)),
    ry: Math.sqrt(Math.max(0, mid - spread)),
    angle: 0.5 * Math.atan2(2 * b, a - c),
  };
}
