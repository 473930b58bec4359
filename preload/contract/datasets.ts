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
import {
  DATASET_METHODS,
  DatasetsAugmentResult,
  EvaluationSeeds,
  FolderPath,
  KCount,
  NearDuplicate,
  Summary,
  TrainingSteps,
} from './datasets-common';
import {
  DatasetsAugmentMidiInput,
  DatasetsBenchmark,
  DatasetsBenchmarkInput,
  DatasetsGenerated,
  DatasetsGenerateInput,
  DatasetsGlyphSheetInput,
  DatasetsGlyphSheetResult,
} from './datasets-more';

export const DatasetsAugmentInput = z
  .object({
    /** The ImageFolder: class folders, optionally under train/ with held-out test/ or val/. */
    input: FolderPath,
    /** Where the augmented training set goes (made if missing); must not be inside the input. */
    out: FolderPath,
    method: z.enum(
      DATASET_METHODS,
      'must be "classic", "vae-posterior", "diffusion-img2img" or "texture-resynthesis"',
    ),
    /** The method's own parameters (classic: flip, crop, jitter; vae-posterior: its spread). */
    params: boundedFreeForm(z.record(z.string(), z.unknown()), 16 * 1024, 'parameters').optional(),
    /** Synthetic images per source image. */
    k: KCount,
    seed: Seed,
    /** Synthetic files beside the real ones in each class folder, or apart under train/synthetic/. */
    layout: z.enum(['beside', 'apart'], 'must be "beside" or "apart"').default('beside'),
    /** Drop items closer than this to their source or a kept sibling (0 = keep all). */
    nearDuplicate: NearDuplicate,
    /** The model behind a generative method (default: the method's bundled one). */
    model: ModelId.optional(),
    /** Names the job for progress (`job.progress`) and `jobs.cancel`. */
    jobId: JobId.optional(),
    /**
     * Make the synthetic items on batch workers (`atelier worker`) through the queue the host
     * was started with (`--redis`, `ATELIER_REDIS_URL`); the output is the same as a local run.
     */
    workers: z.boolean('must be true or false').default(false),
  })
  .strict();
export type DatasetsAugmentInput = z.input<typeof DatasetsAugmentInput>;

export const DatasetsEvaluateInput = z
  .object({
    /** The original ImageFolder: its train/ split and its held-out test/ (or val/) split. */
    input: FolderPath,
    /** The augmented output of `datasets.augment` on that input. */
    augmented: FolderPath,
    seeds: EvaluationSeeds.optional(),
    /** Training steps per classifier (the same for both arms). */
    steps: TrainingSteps.optional(),
    /** Images are shrunk to side × side grey values for the classifier. */
    side: z.union([z.literal(16), z.literal(32)], 'must be 16 or 32').default(16),
    jobId: JobId.optional(),
  })
  .strict();
export type DatasetsEvaluateInput = z.input<typeof DatasetsEvaluateInput>;

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

export const DatasetsCardInput = z.object({ out: FolderPath }).strict();
export type DatasetsCardInput = z.input<typeof DatasetsCardInput>;

export const DatasetsCard = z.object({
  /** The card's path (`<out>/README.md`). */
  path: z.string(),
  /** The card as written (Markdown with YAML front matter). */
  markdown: z.string(),
  /** Manifest rows: real copies and synthetic items. */
  real: z.number(),
  synthetic: z.number(),
});
export type DatasetsCard = z.infer<typeof DatasetsCard>;

/** At most this many sample images per `datasets.samples` call. */
export const SAMPLES_MAX = 64;

export const DatasetsSamplesInput = z
  .object({
    /** An augment output folder (it has `train/metadata.jsonl`). */
    out: FolderPath,
    /**
     * Manifest `file_name`s (relative to `train/`), or a glyph sheet output's contact sheets as
     * `sheets/<name>.png`; left out, a few sources of each class with their synthetic items.
     */
    files: z
      .array(z.string().min(1, 'must not hold an empty name').max(1024, 'holds a name that is too long'))
      .max(SAMPLES_MAX, `must list at most ${SAMPLES_MAX} files`)
      .optional(),
    limit: z
      .number('must be a number')
      .int('must be a whole number')
      .min(1, `must be from 1 to ${SAMPLES_MAX}`)
      .max(SAMPLES_MAX, `must be from 1 to ${SAMPLES_MAX}`)
      .optional(),
  })
  .strict();
export type DatasetsSamplesInput = z.input<typeof DatasetsSamplesInput>;

export const DatasetsSample = z.object({
  /** The manifest's `file_name`, relative to `train/` (or `sheets/<name>.png` for a contact sheet). */
  fileName: z.string(),
  label: z.string(),
  /** 'real' for a copy of an input image, 'sheet' for a contact sheet, otherwise the method's id. */
  method: z.string(),
  /** The input file the item came from (relative to the input root; the same for a real copy and its synthetic items), null where the manifest does not say. */
  source: z.string().nullable(),
  /** The PNG file's bytes. */
  png: z.instanceof(Uint8Array),
});
export type DatasetsSample = z.infer<typeof DatasetsSample>;

export const datasets = {
  /** Augments an ImageFolder into `out` (a job): real copies, k synthetic images each, manifest, card. */
  augment: method(DatasetsAugmentInput, DatasetsAugmentResult),
  /** Trains a small classifier on real vs real + synthetic and tests on the held-out split (a job). */
  evaluate: method(DatasetsEvaluateInput, DatasetsEvaluation),
  /** The card of an augment output folder (only a folder an augment made: it has the manifest). */
  card: method(DatasetsCardInput, DatasetsCard),
  /** PNG items of an augment output, listed in its manifest: real sources beside their synthetic items. */
  samples: method(DatasetsSamplesInput, z.array(DatasetsSample)),
  /** Augments a folder of MIDI melodies (a job): variations, continuations, transpositions. */
  augmentMidi: method(DatasetsAugmentMidiInput, DatasetsAugmentResult),
  /** A font's glyphs rendered and k variations of its style, as sheets and an ImageFolder (a job). */
  glyphSheet: method(DatasetsGlyphSheetInput, DatasetsGlyphSheetResult),
  /** The built-in few-shot glyph benchmark: none vs classic vs VAE-posterior, for each k (a job). */
  benchmark: method(DatasetsBenchmarkInput, DatasetsBenchmark),
  /** One source image's synthetic items as PNGs (what an augment run sends to batch workers). */
  generate: method(DatasetsGenerateInput, DatasetsGenerated),
};
