/**
 * Measures shared by every lab and the CLI: sliced Wasserstein distance between point sets, the
 * Gaussian baseline (a Gaussian fitted to the data), and the ring's mode coverage.
 */
import { Rng } from '../rng';
import { RING8 } from './data';

/**
 * Sliced Wasserstein-1 distance between two 2-D (or d-D) point sets: the mean over `projections`
 * random directions (from `seed`) of the 1-D Wasserstein distance of the projections (sets of
 * different sizes compared through their quantile functions at 512 levels).
 */
export function slicedWasserstein(
  a: Float32Array,
  b: Float32Array,
  dim: number,
  projections = 128,
  seed = 7,
): number {
  const rng = new Rng(seed);
  const na = a.length / dim;
  const nb = b.length / dim;
  const dir = new Float32Array(dim);
  const pa = new Float64Array(na);
  const pb = new Float64Array(nb);
  const levels = 512;
  let total = 0;
  for (let k = 0; k < projections; k++) {
    rng.fillNormal(dir);
    let norm = 0;
    for (let d = 0; d < dim; d++) norm += dir[d]! * dir[d]!;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < na; i++) {
      let s = 0;
      for (let d = 0; d < dim; d++) s += a[i * dim + d]! * dir[d]!;
      pa[i] = s / norm;
    }
    for (let i = 0; i < nb; i++) {
      let s = 0;
      for (let d = 0; d < dim; d++) s += b[i * dim + d]! * dir[d]!;
      pb[i] = s / norm;
    }
    pa.sort();
    pb.sort();
    let w = 0;
    for (let l = 0; l < levels; l++) {
      const q = (l + 0.5) / levels;
      w += Math.abs(pa[Math.min(na - 1, Math.floor(q * na))]! - pb[Math.min(nb - 1, Math.floor(q * nb))]!);
    }
    total += w / levels;
  }
  return total / projections;
}

export interface Gaussian2 {
  mean: [number, number];
  /** Covariance [[a, b], [b, c]] as [a, b, c]. */
  cov: [number, number, number];
}

export function fitGaussian(points: Float32Array): Gaussian2 {
  const n = points.length / 2;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += points[2 * i]!;
    my += points[2 * i + 1]!;
  }
  mx /= n;
  my /= n;
  let a = 0;
  let b = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const dx = points[2 * i]! - mx;
    const dy = points[2 * i + 1]! - my;
    a += dx * dx;
    b += dx * dy;
    c += dy * dy;
  }
  return { mean: [mx, my], cov: [a / n, b / n, c / n] };
}

/** `n` samples of a 2-D Gaussian (Cholesky of its covariance). */
export function sampleGaussian(g: Gaussian2, n: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  const z = rng.fillNormal(new Float32Array(n * 2));
  const [a, b, c] = g.cov;
  const l11 = Math.sqrt(Math.max(a, 1e-12));
  const l21 = b / l11;
  const l22 = Math.sqrt(Math.max(c - l21 * l21, 1e-12));
  const out = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    const u = z[2 * i]!;
    const v = z[2 * i + 1]!;
    out[2 * i] = g.mean[0] + l11 * u;
    out[2 * i + 1] = g.mean[1] + l21 * u + l22 * v;
  }
  return out;
}

/** Samples drawn for a lab's metrics (the CLI's and the worker's). */
export const METRIC_SAMPLES = 2000;

/** The SWD of a Gaussian fitted to the data, against the data: the bar a model must beat. */
export function swdGaussian(data: Float32Array, seed = 11): number {
  const n = Math.max(METRIC_SAMPLES, data.length / 2);
  return slicedWasserstein(sampleGaussian(fitGaussian(data), n, seed), data, 2);
}

/** The ring-of-8 mode whose 3σ disc holds (x, y), or -1 (the discs are far apart: one at most). */
export function ringMode(x: number, y: number): number {
  const r = 3 * RING8.sigma;
  for (let k = 0; k < RING8.modes; k++) {
    const t = (2 * Math.PI * k) / RING8.modes;
    const dx = x - RING8.radius * Math.cos(t);
    const dy = y - RING8.radius * Math.sin(t);
    if (dx * dx + dy * dy <= r * r) return k;
  }
  return -1;
}

/**
 * Ring-of-8 modes covered: a mode counts when at least `share` of the samples lie within 3σ of
 * its centre (the rule: 2 % of 2,000 samples).
 */
export function modesCovered(samples: Float32Array, share = 0.02): number {
  const n = samples.length / 2;
  const counts = new Array<number>(RING8.modes).fill(0);
  for (let i = 0; i < n; i++) {
    const k = ringMode(samples[2 * i]!, samples[2 * i + 1]!);
    if (k >= 0) counts[k]!++;
  }
  return counts.filter((c) => c >= share * n).length;
}
