/**
 * The Bayesian-inference lab's settings, requests and snapshots (no tfjs here, so the page can
 * import them). The lab is a VAE with a 2-D latent looked at as inference: for an observed x,
 * the exact posterior on a grid, the encoder's Gaussian and MCMC draws side by side.
 */
import { z } from 'zod';
import type { McmcMethod } from './mcmc';
import type { CommonSettings } from './types';
import { commonSettingsShape, numberSetting } from './settings';
import { MAX_BETA, VAE_DEFAULTS, type VaeManifold } from './vae-types';

export interface BayesSettings extends CommonSettings {
  /** Weight of the KL term while training (1 = the true ELBO). */
  beta: number;
}

export const BayesSettingsSchema: z.ZodType<BayesSettings> = z.object({
  ...commonSettingsShape,
  beta: numberSetting('β (weight of the KL term)', 0, MAX_BETA),
});

export const BAYES_DEFAULTS: BayesSettings = {
  learningRate: VAE_DEFAULTS.learningRate,
  optimizer: VAE_DEFAULTS.optimizer,
  batchSize: VAE_DEFAULTS.batchSize,
  width: VAE_DEFAULTS.width,
  depth: VAE_DEFAULTS.depth,
  beta: 1,
};

/** The latent square the posterior grid covers: [-LATENT_HALF, LATENT_HALF]². */
export const LATENT_HALF = 4;
export const GRID_LIMITS = { min: 16, max: 128, default: 64 } as const;
export const MCMC_LIMITS = { max: 2000, default: 1000 } as const;

export interface BayesRequest {
  /** The observed point in data space (null: nothing picked yet). */
  observed: [number, number] | null;
  /** Cells a side of the latent grid (default 64). */
  grid?: number;
  mcmc?: { samples: number; method: McmcMethod };
}

export interface BayesNumbers {
  /** log p(x), exactly (the grid's sum of prior × likelihood). */
  logPx: number;
  /** ELBO(x) = E_q[log p(x|z)] − KL(q ‖ p(z)), by quadrature. */
  elbo: number;
  recon: number;
  kl: number;
  /** log p(x) − ELBO(x): what the encoder's Gaussian loses. */
  gap: number;
  /** KL(q(z|x) ‖ p(z|x)) summed on the grid: the same quantity, measured directly. */
  klGrid: number;
}

export interface BayesPosterior {
  observed: [number, number];
  /** p(z|x) per grid cell, summing to 1; row j (z₂ from −4 up) after row j−1, z₁ fastest. */
  grid: { side: number; half: number; values: Float32Array };
  /** The encoder's amortized Gaussian q(z|x). */
  q: { mean: [number, number]; sigma: [number, number] };
  mcmc: { method: McmcMethod; count: number; samples: Float32Array; acceptance: number; step: number } | null;
  numbers: BayesNumbers;
  posteriorMean: [number, number];
  posteriorVar: [number, number];
  mcmcMean: [number, number] | null;
  mcmcVar: [number, number] | null;
  /** The grid's most probable cell. */
  map: [number, number];
  /** 0 (one bump) … 1 (two equal bumps with nothing between); see bayes-grid.ts. */
  bimodality: number;
  /** The posterior's bumps (up to 2), highest first. */
  peaks: [number, number][];
  /** Where each answer puts x back in data space: the decoder's mean at the MAP and at q's mean. */
  decoded: { map: [number, number]; q: [number, number]; mcmc: Float32Array | null };
}

export interface BayesView {
  iteration: number;
  /** Model samples (data space), count × 2. */
  samples: Float32Array;
  /** The decoder's map of latent grid lines. */
  manifold: VaeManifold | null;
  sigmaX: [number, number];
  posterior: BayesPosterior | null;
}
