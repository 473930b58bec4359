/**
 * The pieces the Datasets contract files share (./datasets.ts, ./datasets-more.ts): limits,
 * paths from the page, counts, and the result every augment job answers.
 */
import { z } from 'zod';
import { Seed } from './common';

export const DATASET_METHODS = [
  'classic',
  'vae-posterior',
  'diffusion-img2img',
  'texture-resynthesis',
] as const;
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

/** A file on the host (a font, …): the same rules as a folder path. */
export const FilePath = FolderPath;

export const KCount = z
  .number('must be a number')
  .int('must be a whole number')
  .min(1, `must be from 1 to ${DATASET_MAX_K}`)
  .max(DATASET_MAX_K, `must be from 1 to ${DATASET_MAX_K}`);

export const NearDuplicate = z
  .number('must be a number')
  .min(0, 'must be from 0 to 1')
  .max(1, 'must be from 0 to 1')
  .default(0);

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

export const Summary = z.object({ mean: z.number(), sd: z.number() });

/** The seeds of an evaluation: each trains the classifiers once. */
export const EvaluationSeeds = z
  .array(Seed, 'must be a list of seeds')
  .min(1, 'must list at least one seed')
  .max(EVALUATE_MAX_SEEDS, `must list at most ${EVALUATE_MAX_SEEDS} seeds`);

/** Training steps per classifier (the same for every arm). */
export const TrainingSteps = z
  .number('must be a number')
  .int('must be a whole number')
  .min(1, `must be from 1 to ${EVALUATE_MAX_STEPS}`)
  .max(EVALUATE_MAX_STEPS, `must be from 1 to ${EVALUATE_MAX_STEPS}`);
