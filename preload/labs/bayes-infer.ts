/**
 * "Where did this point come from?" answered three ways for one observed x under a trained
 * VAE with a 2-D latent: the exact posterior p(z|x) ∝ p(z) p(x|z) on a grid, the encoder's
 * amortized Gaussian q(z|x), and MCMC draws from p(z|x); with log p(x), ELBO(x), their gap and
 * KL(q ‖ p(z|x)) measured on the grid (the gap is that KL).
 */
import { Rng } from '../rng';
import { bimodality, cellCentre, gridKl, gridMap, gridMoments, gridPosterior } from './bayes-grid';
import { GRID_LIMITS, LATENT_HALF, MCMC_LIMITS, type BayesPosterior, type BayesRequest } from './bayes-types';
import { hmc, metropolis, sampleMoments, type McmcResult, type Target } from './mcmc';
import { forwardBatch, JsMlpRunner, type JsMlp } from './vae-js';
import { elboPerRow, logJointOnGrid } from './vae-metrics';
import type { VaeNets } from './vae-model';
import { boxGrid, latentGrid } from './vae-quad';
import { posteriors } from './vae-view';

/** Gauss–Hermite points a side for one point's ELBO (144 decodes: cheap, and tight). */
const ELBO_NODES = 12;
const CHAINS = 4;

export interface InferModel {
  nets: VaeNets;
  decoder: JsMlp;
  logSigma: Float32Array;
  seed: number;
}

/** A stream for the sampler from the lab's seed and the observed point: the same x, the same draws. */
export function mcmcSeed(seed: number, x: [number, number]): number {
  const bits = new Uint32Array(new Float32Array(x).buffer);
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const b of bits) {
    h = Math.imul(h ^ b, 0x85ebca6b) >>> 0;
    h = (h ^ (h >>> 13)) >>> 0;
    h = Math.imul(h, 0xc2b2ae35) >>> 0;
  }
  return (h ^ (h >>> 16)) >>> 0;
}

/** log p(x|z) + log p(z) as a sampler's target, with its exact gradient by backpropagation. */
export function posteriorTarget(m: InferModel, x: [number, number]): Target {
  const runner = new JsMlpRunner(m.decoder);
  const mean = new Float64Array(2);
  const inv2 = [Math.exp(-2 * m.logSigma[0]!), Math.exp(-2 * m.logSigma[1]!)] as const;
  const gOut = new Float64Array(2);
  const gz = new Float64Array(2);
  const logJoint = (z: Float64Array): number => {
    runner.forward(z, mean);
    const r0 = x[0] - mean[0]!;
    const r1 = x[1] - mean[1]!;
    return -0.5 * (r0 * r0 * inv2[0] + r1 * r1 * inv2[1] + z[0]! * z[0]! + z[1]! * z[1]!);
  };
  return {
    dim: 2,
    logDensity: logJoint,
    gradient(z, grad) {
      const lp = logJoint(z);
      gOut[0] = (x[0] - mean[0]!) * inv2[0];
      gOut[1] = (x[1] - mean[1]!) * inv2[1];
      runner.backward(gOut, gz);
      grad[0] = gz[0]! - z[0]!;
      grad[1] = gz[1]! - z[1]!;
      return lp;
    },
  };
}

function clampInt(v: number | undefined, fallback: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, Math.round(Number.isFinite(v) ? v! : fallback)));
}

/** Cells a side of the fine grid the numbers are measured on. */
const FINE_SIDE = 72;
/** Cells whose log joint is this far below the top hold no mass worth integrating (e^-30). */
const MASS_CUTOFF = 30;

/**
 * The box the numbers are measured on: the coarse cells that hold the posterior's mass (one
 * cell of margin) joined with q's ±4.5σ, inside the grid's square. A posterior or q narrower
 * than a coarse cell then still spans many fine cells.
 */
export function numbersBox(
  logJoint: Float64Array,
  side: number,
  q: { mean: [number, number]; sigma: [number, number] },
): [number, number, number, number] {
  let max = -Infinity;
  for (const v of logJoint) max = Math.max(max, v);
  let [i0, i1, j0, j1] = [side, -1, side, -1];
  for (let g = 0; g < logJoint.length; g++) {
    if (logJoint[g]! < max - MASS_CUTOFF) continue;
    const i = g % side;
    const j = Math.floor(g / side);
    [i0, i1, j0, j1] = [Math.min(i0, i), Math.max(i1, i), Math.min(j0, j), Math.max(j1, j)];
  }
  const h = (2 * LATENT_HALF) / side;
  const edge = (k: number): number => -LATENT_HALF + k * h;
  const clip = (v: number): number => Math.max(-LATENT_HALF, Math.min(LATENT_HALF, v));
  return [
    clip(Math.min(edge(i0 - 1), q.mean[0] - 4.5 * q.sigma[0])),
    clip(Math.max(edge(i1 + 2), q.mean[0] + 4.5 * q.sigma[0])),
    clip(Math.min(edge(j0 - 1), q.mean[1] - 4.5 * q.sigma[1])),
    clip(Math.max(edge(j1 + 2), q.mean[1] + 4.5 * q.sigma[1])),
  ];
}

export function inferPoint(
  m: InferModel,
  x: [number, number],
  req: Omit<BayesRequest, 'observed'>,
): BayesPosterior {
  const side = clampInt(req.grid, GRID_LIMITS.default, GRID_LIMITS.min, GRID_LIMITS.max);
  const grid = latentGrid(2, side, LATENT_HALF);
  const coarseJoint = logJointOnGrid(x[0], x[1], grid, {
    means: forwardBatch(m.decoder, grid.z, grid.count),
    logSigma: m.logSigma,
  });
  const { values } = gridPosterior(coarseJoint);
  const bumps = bimodality(values, side);

  const xRow = new Float32Array(x);
  const [mu, sigma] = posteriors(m.nets, xRow, 1);
  const q = { mean: [mu[0]!, mu[1]!] as [number, number], sigma: [sigma[0]!, sigma[1]!] as [number, number] };
  const box = numbersBox(coarseJoint, side, q);
  const fine = boxGrid(box[0], box[1], box[2], box[3], FINE_SIDE);
  const logJoint = logJointOnGrid(x[0], x[1], fine, {
    means: forwardBatch(m.decoder, fine.z, fine.count),
    logSigma: m.logSigma,
  });
  const exact = gridPosterior(logJoint);
  const logPx = exact.logPx;
  const moments = gridMoments(exact.values, fine.z);
  const parts = elboPerRow(m.nets, xRow, 1, new Rng(m.seed), ELBO_NODES);
  const recon = parts.recon[0]!;
  const kl = parts.kl[0]!;
  const elbo = recon - kl;

  let mcmc: McmcResult | null = null;
  if (req.mcmc && req.mcmc.samples > 0) {
    const rng = new Rng(mcmcSeed(m.seed, x));
    const samples = clampInt(req.mcmc.samples, MCMC_LIMITS.default, 1, MCMC_LIMITS.max);
    // over-dispersed starts (prior draws), so chains can find every bump
    const starts = Array.from({ length: CHAINS }, () =>
      Float64Array.from(rng.fillNormal(new Float32Array(2))),
    );
    const scale = Math.max(0.02, (q.sigma[0] + q.sigma[1]) / 2);
    const target = posteriorTarget(m, x);
    mcmc =
      req.mcmc.method === 'hmc'
        ? hmc(target, { samples, starts, rng, step: 0.5 * scale })
        : metropolis(target, { samples, starts, rng, step: 1.7 * scale });
  }
  const mcmcMoments = mcmc ? sampleMoments(mcmc.samples, 2) : null;
  const runner = new JsMlpRunner(m.decoder);
  const decodeOne = (z: [number, number]): [number, number] => {
    const out = runner.forward(z, new Float64Array(2));
    return [out[0]!, out[1]!];
  };
  const map = gridMap(exact.values, fine.z);
  return {
    observed: [x[0], x[1]],
    grid: { side, half: LATENT_HALF, values },
    q,
    mcmc: mcmc && {
      method: mcmc.method,
      count: mcmc.count,
      samples: mcmc.samples,
      acceptance: mcmc.acceptance,
      step: mcmc.step,
    },
    numbers: { logPx, elbo, recon, kl, gap: logPx - elbo, klGrid: gridKl(q, logJoint, logPx, fine.z) },
    posteriorMean: moments.mean,
    posteriorVar: moments.variance,
    mcmcMean: mcmcMoments && [mcmcMoments.mean[0]!, mcmcMoments.mean[1]!],
    mcmcVar: mcmcMoments && [mcmcMoments.variance[0]!, mcmcMoments.variance[1]!],
    map,
    bimodality: bumps.score,
    peaks: bumps.peaks.map((g) => [
      cellCentre(g % side, side, LATENT_HALF),
      cellCentre(Math.floor(g / side), side, LATENT_HALF),
    ]),
    decoded: {
      map: decodeOne(map),
      q: decodeOne(q.mean),
      mcmc: mcmc ? forwardBatch(m.decoder, mcmc.samples, mcmc.count) : null,
    },
  };
}
