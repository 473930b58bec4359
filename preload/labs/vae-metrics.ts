/**
 * The VAE's measures on the current model: the ELBO (β = 1, its two parts), and the exact
 * log-marginal log p(x) = log ∫ p(x|z) p(z) dz by summing over a fine latent grid, which the
 * ELBO must never exceed. Both are means over the same evenly spread data points.
 */
import { Rng } from '../rng';
import { count } from './data';
import { gatherRows, normals } from './nn';
import { tf } from './tf';
import type { Dataset } from './types';
import { decodeMean, encode, klToPrior, logSigmaX, type VaeNets } from './vae-model';
import { forwardBatch, snapshotMlp } from './vae-js';
import { gaussHermiteGrid, latentGrid, logSumExp, type CellSet, type LatentGrid } from './vae-quad';

/** Data points the exact numbers average over (keeps a metrics call near 100 ms). */
export const METRIC_POINTS = 160;
/** Latent grids for log p(x): 1-D 2000 cells over [-6, 6]; 2-D 100² over [-5, 5]² (within ~0.005 nats of a 400² grid on trained models). */
export const MARGINAL_GRID = { 1: { side: 2000, half: 6 }, 2: { side: 100, half: 5 } } as const;
/** Gauss–Hermite points a side for E_q[log p(x|z)] (1-D, 2-D); more dimensions use draws. */
const QUADRATURE = { 1: 16, 2: 6 } as const;
/** Draws per point for E_q[log p(x|z)] when the latent has more than 2 dimensions. */
const ELBO_DRAWS = 8;

/** `k` row indices spread evenly over `n` rows (all of them when n ≤ k). */
export function spreadRows(n: number, k: number): Int32Array {
  const m = Math.min(n, k);
  return Int32Array.from({ length: m }, (_, i) => Math.floor((i * n) / m));
}

export interface ElboParts {
  /** Mean E_q[log p(x|z)] (nats). */
  recon: number;
  /** Mean KL(q(z|x) ‖ p(z)) (nats). */
  kl: number;
  /** recon − kl: the true ELBO (β = 1). */
  elbo: number;
}

/**
 * The ELBO's parts per row of `x` (count rows): KL analytically, the reconstruction term by
 * Gauss–Hermite quadrature over q (deterministic; `nodesPerSide` points a dimension) for 1-D/2-D
 * latents, else by draws from `rng`.
 */
export function elboPerRow(
  nets: VaeNets,
  x: Float32Array,
  rows: number,
  rng: Rng,
  nodesPerSide: number = QUADRATURE[Math.min(2, nets.latentDim) as 1 | 2],
): { recon: Float64Array; kl: Float64Array } {
  const L = nets.latentDim;
  const D = nets.dim;
  const quad =
    L <= 2
      ? gaussHermiteGrid(nodesPerSide, L)
      : {
          count: ELBO_DRAWS,
          nodes: null,
          logWeights: new Float64Array(ELBO_DRAWS).fill(-Math.log(ELBO_DRAWS)),
        };
  const K = quad.count;
  const [mu, sigma, kl, logSigma] = tf.tidy(() => {
    const { mu, logvar } = encode(nets, tf.tensor2d(x, [rows, D]));
    const read = (t: tf.Tensor): Float32Array => Float32Array.from(t.dataSync() as Float32Array);
    const ls = nets.images ? new Float32Array(0) : read(logSigmaX(nets));
    return [read(mu), read(tf.exp(tf.mul(logvar, 0.5))), read(klToPrior(mu, logvar)), ls];
  });
  const eps = quad.nodes ?? normals(rng, rows * K, L);
  const z = new Float32Array(rows * K * L);
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < K; k++) {
      const e = quad.nodes ? k * L : (r * K + k) * L;
      for (let d = 0; d < L; d++) z[(r * K + k) * L + d] = mu[r * L + d]! + sigma[r * L + d]! * eps[e + d]!;
    }
  }
  const raw = forwardBatch(snapshotMlp(nets.decoder), z, rows * K);
  const recon = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let k = 0; k < K; k++)
      s +=
        Math.exp(quad.logWeights[k]!) *
        logLikelihoodJs(nets.images, x, r * D, raw, (r * K + k) * D, D, logSigma);
    recon[r] = s;
  }
  return { recon, kl: Float64Array.from(kl) };
}

/** log p(x|z) for one row, from the decoder's raw output (Gaussian mean or Bernoulli logits). */
export function logLikelihoodJs(
  images: boolean,
  x: Float32Array,
  xOff: number,
  raw: Float32Array,
  rawOff: number,
  dim: number,
  logSigma: Float32Array,
): number {
  let s = 0;
  for (let d = 0; d < dim; d++) {
    const v = raw[rawOff + d]!;
    if (images) {
      // x·logit − softplus(logit), written so large |logit| stays finite
      s += x[xOff + d]! * v - (Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v))));
    } else {
      const r = (x[xOff + d]! - v) * Math.exp(-logSigma[d]!);
      s += -0.5 * r * r - logSigma[d]! - 0.5 * LOG_2PI;
    }
  }
  return s;
}

const LOG_2PI = Math.log(2 * Math.PI);

export function meanElbo(nets: VaeNets, x: Float32Array, rows: number, rng: Rng): ElboParts {
  const { recon, kl } = elboPerRow(nets, x, rows, rng);
  const r = mean(recon);
  const k = mean(kl);
  return { recon: r, kl: k, elbo: r - k };
}

/** The decoder on a latent grid: its means (count × dim) and log σ_x (2-D points only). */
export function decodeGrid(nets: VaeNets, grid: LatentGrid): { means: Float32Array; logSigma: Float32Array } {
  const means = forwardBatch(snapshotMlp(nets.decoder), grid.z, grid.count);
  const logSigma = tf.tidy(() => Float32Array.from(logSigmaX(nets).dataSync()));
  return { means, logSigma };
}

/**
 * log p(x|z_g) + log p(z_g)·cell for every grid cell, for one 2-D point: the unnormalised log
 * posterior mass on the grid; its log-sum-exp is log p(x).
 */
export function logJointOnGrid(
  x0: number,
  x1: number,
  grid: CellSet,
  decoded: { means: Float32Array; logSigma: Float32Array },
  out = new Float64Array(grid.count),
): Float64Array {
  const [ls0, ls1] = [decoded.logSigma[0]!, decoded.logSigma[1]!];
  const [inv0, inv1] = [Math.exp(-ls0), Math.exp(-ls1)];
  const c = -ls0 - ls1 - Math.log(2 * Math.PI);
  const m = decoded.means;
  for (let g = 0; g < grid.count; g++) {
    const r0 = (x0 - m[2 * g]!) * inv0;
    const r1 = (x1 - m[2 * g + 1]!) * inv1;
    out[g] = c - 0.5 * (r0 * r0 + r1 * r1) + grid.logPriorMass[g]!;
  }
  return out;
}

/** log p(x) per row of 2-D points, exactly (up to the grid's resolution), for a 1-D or 2-D latent. */
export function logMarginalPerRow(nets: VaeNets, x: Float32Array, rows: number): Float64Array {
  const L = nets.latentDim as 1 | 2;
  const grid = latentGrid(L, MARGINAL_GRID[L].side, MARGINAL_GRID[L].half);
  const decoded = decodeGrid(nets, grid);
  const joint = new Float64Array(grid.count);
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++)
    out[r] = logSumExp(logJointOnGrid(x[2 * r]!, x[2 * r + 1]!, grid, decoded, joint));
  return out;
}

/** `n` samples of the model: z ~ N(0, I), x = decoder mean (+ σ_x noise on 2-D points). */
export function modelSamples(nets: VaeNets, rng: Rng, n: number, withNoise = true): Float32Array {
  const z = normals(rng, n, nets.latentDim);
  const noise = !nets.images && withNoise ? normals(rng, n, nets.dim) : null;
  return tf.tidy(() => {
    let x = decodeMean(nets, tf.tensor2d(z, [n, nets.latentDim]));
    if (noise) x = tf.add(x, tf.mul(tf.tensor2d(noise, [n, nets.dim]), tf.exp(logSigmaX(nets))));
    return Float32Array.from(x.dataSync() as Float32Array);
  });
}

/** The rows metrics average over. */
export function metricRows(data: Dataset): { x: Float32Array; rows: number } {
  const idx = spreadRows(count(data), METRIC_POINTS);
  return { x: gatherRows(data.points, data.dim, idx), rows: idx.length };
}

export function mean(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]!;
  return v.length ? s / v.length : NaN;
}
