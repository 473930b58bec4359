/**
 * The Datasets calls beyond an ImageFolder: a folder of MIDI melodies (`augmentMidi`), a font's
 * glyph sheet (`glyphSheet`) and the built-in few-shot glyph benchmark (`benchmark`). Each runs
 * as a job. Paths follow the same rules as ./datasets.ts (absolute, no NUL, bounded).
 *
 * `generate` is one source image's synthetic items, the unit an augment run sends to batch
 * workers: no host path is read (the image comes as PNG bytes), so it may run on any machine.
 */
import { z } from 'zod';
import { boundedFreeForm, JobId, ModelId, Seed } from './common';
import {
  DATASET_METHODS,
  EvaluationSeeds,
  FilePath,
  FolderPath,
  KCount,
  NearDuplicate,
  Summary,
  TrainingSteps,
} from './datasets-common';

export const MIDI_AUGMENT_METHODS = ['variations', 'continuations', 'transpositions'] as const;
export type MidiAugmentMethod = (typeof MIDI_AUGMENT_METHODS)[number];

export const DatasetsAugmentMidiInput = z
  .object({
    /** A folder of .mid files, optionally in label subfolders (and a held-out test/ split). */
    input: FolderPath,
    out: FolderPath,
    /** What to make of each melody; k of each. */
    methods: z
      .array(z.enum(MIDI_AUGMENT_METHODS, 'must be "variations", "continuations" or "transpositions"'))
      .min(1, 'must name at least one method')
      .max(MIDI_AUGMENT_METHODS.length, 'names a method twice')
      .refine((m) => new Set(m).size === m.length, 'names a method twice'),
    /** Per method: { spread } for variations, { temperature, bars } for continuations, { semitones } for transpositions. */
    params: boundedFreeForm(z.record(z.string(), z.unknown()), 16 * 1024, 'parameters').optional(),
    /** New melodies per source melody and method. */
    k: KCount,
    seed: Seed,
    /** Drop melodies closer than this to their source or a kept sibling (0 = keep all). */
    nearDuplicate: NearDuplicate,
    jobId: JobId.optional(),
  })
  .strict();
export type DatasetsAugmentMidiInput = z.input<typeof DatasetsAugmentMidiInput>;

export const DatasetsGlyphSheetInput = z
  .object({
    /** A font file on the host: .ttf, .otf or .woff. */
    font: FilePath,
    out: FolderPath,
    /** Style variations of the font, each a whole sheet of A–Z, a–z, 0–9. */
    k: KCount,
    seed: Seed,
    /** How far the variations stray from the font's style, in posterior standard deviations. */
    spread: z
      .number('must be a number')
      .min(0, 'must be from 0 to 3')
      .max(3, 'must be from 0 to 3')
      .default(0.7),
    /** The glyph VAE (default: the bundled `glyphs`). */
    model: ModelId.optional(),
    jobId: JobId.optional(),
  })
  .strict();
export type DatasetsGlyphSheetInput = z.input<typeof DatasetsGlyphSheetInput>;

export const DatasetsGlyphSheetResult = z.object({
  written: z.number(),
  reused: z.number(),
  /** Characters the font has no glyph for (left out of every sheet's ImageFolder). */
  missing: z.array(z.string()),
  /** The sheet images, relative to the output folder: the font's own first, then each variation. */
  sheets: z.array(z.string()),
  cardPath: z.string(),
  manifestPath: z.string(),
});
export type DatasetsGlyphSheetResult = z.infer<typeof DatasetsGlyphSheetResult>;

export const BENCHMARK_MAX_K = 8;
export const BENCHMARK_ARMS = ['none', 'classic', 'vae-posterior'] as const;
export type BenchmarkArm = (typeof BENCHMARK_ARMS)[number];

export const DatasetsBenchmarkInput = z
  .object({
    /** Fonts per character in the training set, one benchmark row each. */
    ks: z
      .array(
        z
          .number('must be a number')
          .int('must be a whole number')
          .min(1, `must be from 1 to ${BENCHMARK_MAX_K}`)
          .max(BENCHMARK_MAX_K, `must be from 1 to ${BENCHMARK_MAX_K}`),
      )
      .min(1, 'must list at least one k')
      .max(BENCHMARK_MAX_K, `must list at most ${BENCHMARK_MAX_K} values`)
      .default([1, 3, 5]),
    /** Synthetic images per real glyph for the two augmented arms. */
    augmentK: z
      .number('must be a number')
      .int('must be a whole number')
      .min(1, 'must be from 1 to 16')
      .max(16, 'must be from 1 to 16')
      .default(4),
    seeds: EvaluationSeeds.optional(),
    steps: TrainingSteps.optional(),
    jobId: JobId.optional(),
  })
  .strict();
export type DatasetsBenchmarkInput = z.input<typeof DatasetsBenchmarkInput>;

const BenchmarkArmResult = Summary.extend({ perSeed: z.array(z.number()) });

export const DatasetsBenchmark = z.object({
  /** The characters (62: A–Z, a–z, 0–9) and the fonts found on this machine. */
  characters: z.number(),
  fonts: z.object({ found: z.number(), families: z.number(), test: z.number() }),
  seeds: z.array(z.number()),
  steps: z.number(),
  augmentK: z.number(),
  rows: z.array(
    z.object({
      k: z.number(),
      /** Real training images (k per character), synthetic ones per augmented arm, test images. */
      counts: z.object({ train: z.number(), synthetic: z.number(), test: z.number() }),
      arms: z.object({
        none: BenchmarkArmResult,
        classic: BenchmarkArmResult,
        'vae-posterior': BenchmarkArmResult,
      }),
    }),
  ),
  /** How the fonts were split, in a sentence for the table's caption. */
  protocol: z.string(),
});
export type DatasetsBenchmark = z.infer<typeof DatasetsBenchmark>;

/** The most PNG bytes one `datasets.generate` source may carry. */
export const GENERATE_MAX_PNG_BYTES = 16 * 1024 * 1024;
/** The most seeds (items) one `datasets.generate` call makes. */
export const GENERATE_MAX_SEEDS = 64;

export const DatasetsGenerateInput = z
  .object({
    method: z.enum(
      DATASET_METHODS,
      'must be "classic", "vae-posterior", "diffusion-img2img" or "texture-resynthesis"',
    ),
    /** The model behind a generative method (default: the method's bundled one). */
    model: ModelId.optional(),
    /** The method's own parameters, as `datasets.augment` takes them. */
    params: boundedFreeForm(z.record(z.string(), z.unknown()), 16 * 1024, 'parameters').optional(),
    source: z
      .object({
        /** The source's path relative to the input root, '/'-separated (a name only: nothing is read). */
        path: z
          .string('must be text')
          .min(1, 'must not be empty')
          .max(1024, 'must be at most 1024 characters')
          .refine((p) => !p.includes('\u0000'), 'must not contain a NUL character'),
        /** The source's class. */
        label: z.string('must be text').max(256, 'must be at most 256 characters'),
        /** The source image as PNG bytes. */
        png: z
          .instanceof(Uint8Array, { message: 'must be PNG bytes' })
          .refine((b) => b.byteLength > 0, 'must not be empty')
          .refine(
            (b) => b.byteLength <= GENERATE_MAX_PNG_BYTES,
            `must be at most ${GENERATE_MAX_PNG_BYTES >> 20} MiB`,
          ),
      })
      .strict(),
    /** One item per seed; item j depends only on seeds[j]. */
    seeds: z
      .array(Seed)
      .min(1, 'must list at least one seed')
      .max(GENERATE_MAX_SEEDS, `must list at most ${GENERATE_MAX_SEEDS} seeds`),
  })
  .strict();
export type DatasetsGenerateInput = z.input<typeof DatasetsGenerateInput>;

export const DatasetsGenerated = z.object({
  /** One PNG per seed, in the seeds' order. */
  images: z.array(z.instanceof(Uint8Array)),
});
export type DatasetsGenerated = z.infer<typeof DatasetsGenerated>;
