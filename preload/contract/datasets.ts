/**
 * The Datasets studio: augment a folder of images in the ImageFolder layout with a method
 * (classic transforms, VAE-posterior samples) and measure whether the synthetic images helped.
 * Both run as jobs (progress with an ETA in the message, `jobs.cancel`).
 *
 * Paths come from the page, and the browser host is reachable by any web page: they must be
 * absolute (no resolving against wherever the host was started), without NUL bytes, and of a
 * sane length; the service checks the rest (the input exists, the two do not nest, neither is a
 * system folder or the app's data) before it reads or writes anything.
 */
import { z } from 'zod';
import { boundedFreeForm, JobId, method, ModelId, Seed } from './common';

export const DATASET_METHODS = ['classic', 'vae-posterior'] as const;
export type DatasetMethod = (typeof DATASET_METHODS)[number];
export const DATASET_MAX_K = 64;
export const DATASET_PATH_MAX = 1024;
/** Evaluation: at most this many seeds (each trains two classifiers) and steps per classifier. */
export const EVALUATE_MAX_SEEDS = 10;
export const EVALUATE_MAX_STEPS = 5000;

/** "/home/…", "C:\…" or "C:/…", "\\server\share\…": absolute on the host, whatever its system. */
export function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
}

export const FolderPath = z
  .string('must be a folder path as text')
  .min(1, 'is missing')
  .max(DATASET_PATH_MAX, `must be at most ${DATASET_PATH_MAX} characters`)
  .refine((p) => !p.includes('\u0000'), 'must not contain a NUL character')
  .refine(isAbsolutePath, 'must be an absolute path (starting with "/", or a drive such as "C:\\")');

export const DatasetsAugmentInput = z
  .object({
    /** The ImageFolder: class folders, optionally under train/ with held-out test/ or val/. */
    input: FolderPath,
    /** Where the augmented training set goes (made if missing); must not be inside the input. */
    out: FolderPath,
    method: z.enum(DATASET_METHODS, 'must be "classic" or "vae-posterior"'),
    /** The method's own parameters (classic: flip, crop, jitter; vae-posterior: its spread). */
    params: boundedFreeForm(z.record(z.string(), z.unknown()), 16 * 1024, 'parameters').optional(),
    /** Synthetic images per source image. */
    k: z
      .number('must be a number')
      .int('must be a whole number')
      .min(1, `must be from 1 to ${DATASET_MAX_K}`)
      .max(DATASET_MAX_K, `must be from 1 to ${DATASET_MAX_K}`),
    seed: Seed,
    /** Synthetic files beside the real ones in each class folder, or apart under train/synthetic/. */
    layout: z.enum(['beside', 'apart'], 'must be "beside" or "apart"').default('beside'),
    /** Drop items closer than this to their source or a kept sibling (0 = keep all). */
    nearDuplicate: z
      .number('must be a number')
      .min(0, 'must be from 0 to 1')
      .max(1, 'must be from 0 to 1')
      .default(0),
    /** The model behind a generative method (default: the method's bundled one). */
    model: ModelId.optional(),
    /** Names the job for progress (`job.progress`) and `jobs.cancel`. */
    jobId: JobId.optional(),
  })
  .strict();
export type DatasetsAugmentInput = z.input<typeof DatasetsAugmentInput>;

export const DatasetsAugmentResult = z.object({
  /** Files written by this run (real copies and synthetic images). */
  written: z.number(),
  /** Files found intact from an earlier run and kept. */
  reused: z.number(),
  /** Synthetic images dropped as near-duplicates. */
  dropped: z.number(),
  /** Input images that could not be read (skipped, and listed in the card). */
  corrupt: z.array(z.object({ path: z.string(), reason: z.string() })),
  cardPath: z.string(),
  manifestPath: z.string(),
});
export type DatasetsAugmentResult = z.infer<typeof DatasetsAugmentResult>;

export const DatasetsEvaluateInput = z
  .object({
    /** The original ImageFolder: its train/ split and its held-out test/ (or val/) split. */
    input: FolderPath,
    /** The augmented output of `datasets.augment` on that input. */
    augmented: FolderPath,
    seeds: z
      .array(Seed, 'must be a list of seeds')
      .min(1, 'must list at least one seed')
      .max(EVALUATE_MAX_SEEDS, `must list at most ${EVALUATE_MAX_SEEDS} seeds`)
      .optional(),
    /** Training steps per classifier (the same for both arms). */
    steps: z
      .number('must be a number')
      .int('must be a whole number')
      .min(1, `must be from 1 to ${EVALUATE_MAX_STEPS}`)
      .max(EVALUATE_MAX_STEPS, `must be from 1 to ${EVALUATE_MAX_STEPS}`)
      .optional(),
    /** Images are shrunk to side × side grey values for the classifier. */
    side: z.union([z.literal(16), z.literal(32)], 'must be 16 or 32').default(16),
    jobId: JobId.optional(),
  })
  .strict();
export type DatasetsEvaluateInput = z.input<typeof DatasetsEvaluateInput>;

const Summary = z.object({ mean: z.number(), sd: z.number() });
const Arm = z.object({
  accuracy: Summary,
  perSeed: z.array(z.number()),
  /** Each class's test accuracy, mean over seeds; null for a class with no test items. */
  perClass: z.array(z.number().nullable()),
});

export const DatasetsEvaluation = z.object({
  seeds: z.array(z.number()),
  /** Class names in label order (perClass entries follow it). */
  classes: z.array(z.string()),
  /** Which held-out split of the input was the test set. */
  testSplit: z.string(),
  counts: z.object({
    train: z.number(),
    synthetic: z.number(),
    test: z.number(),
    testPerClass: z.array(z.number()),
    /** Images that could not be read or whose source was not found, left out. */
    skipped: z.number(),
  }),
  realOnly: Arm,
  withSynthetic: Arm,
  /** withSynthetic − realOnly, from the paired per-seed differences. */
  difference: Summary.extend({ perSeed: z.array(z.number()), perClass: z.array(z.number().nullable()) }),
});
export type DatasetsEvaluation = z.infer<typeof DatasetsEvaluation>;

export const datasets = {
  /** Augments an ImageFolder into `out` (a job): real copies, k synthetic images each, manifest, card. */
  augment: method(DatasetsAugmentInput, DatasetsAugmentResult),
  /** Trains a small classifier on real vs real + synthetic and tests on the held-out split (a job). */
  evaluate: method(DatasetsEvaluateInput, DatasetsEvaluation),
};
