/**
 * The GAN lab's settings: the common ones, the noise dimension, the loss, discriminator steps per
 * generator step and the gradient penalty's weight, with the defaults a fresh 2-D lab starts from,
 * the ones the image mode merges over them, and the ones the guided path names to cause collapse.
 */
import { z } from 'zod';
import { choiceSetting, commonSettingsShape, numberSetting, wholeSetting } from './settings';
import type { CommonSettings } from './types';

export const GAN_LOSSES = ['nonsaturating', 'wgan-gp', 'hinge'] as const;
export type GanLoss = (typeof GAN_LOSSES)[number];

export const GAN_LOSS_LABELS: Record<GanLoss, string> = {
  nonsaturating: 'Non-saturating (the original GAN)',
  'wgan-gp': 'WGAN-GP (Wasserstein, gradient penalty)',
  hinge: 'Hinge',
};

export interface GanSettings extends CommonSettings {
  /** Size of the generator's input noise. */
  noiseDim: number;
  loss: GanLoss;
  /** Discriminator steps per generator step. */
  dSteps: number;
  /** WGAN-GP: the weight of the gradient penalty. */
  gpWeight: number;
  /** The generator's learning rate as a multiple of the discriminator's (`learningRate`). */
  gLrFactor: number;
}

export const GanSettingsSchema = z.object({
  ...commonSettingsShape,
  noiseDim: wholeSetting('noise dimension', 1, 16),
  loss: choiceSetting('loss', GAN_LOSSES),
  dSteps: wholeSetting('discriminator steps per generator step', 1, 10),
  gpWeight: numberSetting('gradient penalty weight', 0, 100),
  gLrFactor: numberSetting(
    "generator learning rate factor (the generator's learning rate over the discriminator's)",
    0.1,
    20,
  ).default(1),
}) satisfies z.ZodType<GanSettings>;

/**
 * A fresh 2-D GAN. On the ring of 8 (seeds 1–6) it covers 6 modes within 950 iterations and all 8
 * within 1,550 (gan-modes.test.ts checks one seed); small nets and batches keep it quick on a CPU.
 */
export const GAN_DEFAULTS: GanSettings = {
  learningRate: 0.002,
  optimizer: 'adam',
  batchSize: 64,
  width: 32,
  depth: 2,
  noiseDim: 2,
  loss: 'nonsaturating',
  dSteps: 1,
  gpWeight: 1,
  gLrFactor: 1,
};

/** Iterations for the default GAN to cover the ring of 8 (the CLI's default for `lab train gan`). */
export const GAN_DEFAULT_ITERATIONS = 2000;

/** What the guided path names to make the GAN collapse onto one or two modes of the ring. */
export const GAN_COLLAPSE_SETTINGS: Partial<GanSettings> = {
  loss: 'nonsaturating',
  noiseDim: 1,
  learningRate: 0.005,
  gLrFactor: 20,
  dSteps: 1,
};

/**
 * The image mode (16×16 glyphs): more noise, wider nets, and WGAN-GP, because with the
 * non-saturating loss these small MLPs collapse onto one glyph within a few hundred iterations.
 */
export const GAN_IMAGE_SETTINGS: Partial<GanSettings> = {
  loss: 'wgan-gp',
  noiseDim: 16,
  width: 64,
  depth: 2,
  batchSize: 32,
  learningRate: 0.001,
};

/** The picture's defaults (here, not in gan-view.ts, so the page reads them without loading tfjs). */
export const VIEW_DEFAULT_SAMPLES = 500;
export const VIEW_DEFAULT_GRID = 48;
