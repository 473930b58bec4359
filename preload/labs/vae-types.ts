/**
 * The VAE lab's settings and the snapshots its picture draws. Kept apart from the engine (no
 * tfjs here) so the page can import the shapes without pulling the training library in.
 */
import { z } from 'zod';
import { commonSettingsShape, numberSetting, wholeSetting } from './settings';
import type { CommonSettings } from './types';

export interface VaeSettings extends CommonSettings {
  /** Latent dimensions: 1 or 2 on 2-D points (so log p(x) can be integrated exactly), up to 8 on images. */
  latentDim: number;
  /** Weight of the KL term in the loss (1 = the true ELBO); changes apply to the running model. */
  beta: number;
}

/** The most latent dimensions a VAE may have (images; 2-D points allow 1 or 2). */
export const MAX_LATENT = 8;
/** The largest β the slider offers. */
export const MAX_BETA = 5;

export const VaeSettingsSchema: z.ZodType<VaeSettings> = z.object({
  ...commonSettingsShape,
  latentDim: wholeSetting('latent dimensions', 1, MAX_LATENT),
  beta: numberSetting('β (weight of the KL term)', 0, MAX_BETA),
});

export const VAE_DEFAULTS: VaeSettings = {
  learningRate: 0.003,
  optimizer: 'adam',
  batchSize: 128,
  width: 64,
  depth: 2,
  latentDim: 2,
  beta: 1,
};

/**
 * The image mode's settings, merged over the defaults: a wider, shallower net for 256 pixels,
 * a 2-D latent so its decoded grid can be drawn, a smaller batch so a step stays quick.
 */
export const VAE_IMAGE_SETTINGS: Partial<VaeSettings> = {
  learningRate: 0.002,
  batchSize: 32,
  width: 128,
  depth: 1,
  latentDim: 2,
};

/** What a VAE picture asks for. */
export interface VaeRequest {
  /** Data points whose posteriors are drawn (at most 300). */
  points?: number;
  /** Decoded prior samples (at most 2000). */
  samples?: number;
  /** Whether to decode the latent grid (the manifold lines). */
  manifold?: boolean;
}

/** Shown data points and their encoder posteriors. */
export interface VaePosteriors {
  count: number;
  /** The points themselves, count × 2 (data space). */
  x: Float32Array;
  /** Posterior means, count × latentDim. */
  mu: Float32Array;
  /** Posterior standard deviations, count × latentDim. */
  sigma: Float32Array;
  /** Decoder mean at each posterior mean, count × 2 (data space). */
  recon: Float32Array;
}

/** Decoded latent lines: `lines` polylines of `steps` points each, 2 numbers a point. */
export interface VaeManifold {
  lines: number;
  steps: number;
  values: Float32Array;
}

export interface VaePointsView {
  mode: 'points';
  iteration: number;
  latentDim: number;
  /** The decoder's noise per data dimension (σ_x). */
  sigmaX: [number, number];
  posteriors: VaePosteriors;
  /** Samples of the model, x ~ p(x|z) with z ~ N(0, I), count × 2. */
  samples: Float32Array;
  /** Decoder means along latent grid lines (null when not asked for). */
  manifold: VaeManifold | null;
  /** The prior: a standard normal in `latentDim` dimensions. */
  prior: { kind: 'standard-normal'; dim: number };
}

export interface VaeImagesView {
  mode: 'images';
  iteration: number;
  latentDim: number;
  side: number;
  /** A few training images and their reconstructions (pixel probabilities), count × side². */
  originals: Float32Array;
  recons: Float32Array;
  pairs: number;
  /** Decoded prior samples (pixel probabilities), sampleCount × side². */
  samples: Float32Array;
  sampleCount: number;
  /** For a 2-D latent: the decoded 8 × 8 latent grid over [-2, 2]², row by row from the top. */
  latentGrid: Float32Array | null;
  gridSide: number;
  /** The data's posterior means in the first two latent dimensions, count × 2 (one column when 1-D). */
  latent: { count: number; dims: number; mu: Float32Array };
  prior: { kind: 'standard-normal'; dim: number };
}

export type VaeView = VaePointsView | VaeImagesView;
