/**
 * The Image studio: diffusion with the bundled word-conditioned model and Stable Diffusion
 * folders the user imports; img2img; a visible queue; live previews.
 */
import { z } from 'zod';
import {
  IMAGE_MAX_BATCH,
  IMAGE_MAX_GUIDANCE,
  IMAGE_MAX_INIT_BYTES,
  IMAGE_MAX_PROMPT_CHARS,
  IMAGE_MAX_SIZE,
  IMAGE_MAX_STEPS,
  IMAGE_MIN_SIZE,
  IMAGE_SAMPLERS,
  IMAGE_SIZE_STEP,
} from '../image';
import { slug } from '../names';
import { GenerationId, JobId, method, ModelId, NoInput, PixelImage, Seed } from './common';
import { defineKind, storedParams } from './generation';

/**
 * Every way a model's steps can be taken: the two a user picks for an ordinary model
 * (`IMAGE_SAMPLERS`), Euler ancestral (SD-Turbo's scheduler, also offered for ordinary models)
 * and LCM (latent consistency models sample with nothing else).
 */
export const IMAGE_SCHEDULERS = [...IMAGE_SAMPLERS, 'euler-ancestral', 'lcm'] as const;
export type ImageScheduler = (typeof IMAGE_SCHEDULERS)[number];
export const IMAGE_SCHEDULER_LABELS: Record<ImageScheduler, string> = {
  ddim: 'DDIM (deterministic)',
  euler: 'Euler',
  'euler-ancestral': 'Euler ancestral',
  lcm: 'LCM (consistency)',
};

/** An image record: each image of a batch is one, with its own seed. */
export const imageKind = defineKind(
  'image',
  storedParams({
    model: z.string(),
    prompt: z.string(),
    negative: z.string(),
    seed: z.number(),
    batchSeed: z.number(),
    batchIndex: z.number(),
    steps: z.number(),
    guidance: z.number(),
    sampler: z.string(),
    width: z.number(),
    height: z.number(),
    strength: z.number(),
    /** The library image it started from, or "file" for an opened file. */
    init: z.string(),
    unknownWords: z.array(z.string()),
    noise: z.string(),
    modelVersion: z.string(),
  }),
  {
    exportRole: 'image',
    extension: 'png',
    fileName: (g) =>
      `atelier-image-${slug((g.params.prompt ?? '').split(/\s+/).slice(0, 6).join(' '), 'image')}-${g.seed}-${g.width ?? 0}.png`,
  },
);
export const ImageGeneration = imageKind.record;
export type ImageGeneration = z.output<typeof ImageGeneration>;

const ImageSide = z
  .number()
  .int('must be a whole number of pixels')
  .min(IMAGE_MIN_SIZE, `must be at least ${IMAGE_MIN_SIZE} px`)
  .max(IMAGE_MAX_SIZE, `must be at most ${IMAGE_MAX_SIZE} px`)
  .refine((s) => s % IMAGE_SIZE_STEP === 0, `must be a multiple of ${IMAGE_SIZE_STEP} px`);

export const ImageParams = z
  .object({
    model: ModelId.default('emoji'),
    prompt: z.string().max(IMAGE_MAX_PROMPT_CHARS, `must be at most ${IMAGE_MAX_PROMPT_CHARS} characters`),
    negative: z
      .string()
      .max(IMAGE_MAX_PROMPT_CHARS, `must be at most ${IMAGE_MAX_PROMPT_CHARS} characters`)
      .default(''),
    /** Image k of the batch uses seed + k (each result records its own). */
    seed: Seed,
    steps: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(IMAGE_MAX_STEPS, `must be at most ${IMAGE_MAX_STEPS}`)
      .optional(),
    guidance: z
      .number()
      .min(0, 'must be at least 0')
      .max(IMAGE_MAX_GUIDANCE, `must be at most ${IMAGE_MAX_GUIDANCE}`)
      .optional(),
    /** The model's own scheduler when absent; `models.list` says which a model can use. */
    sampler: z.enum(IMAGE_SCHEDULERS).optional(),
    width: ImageSide.optional(),
    height: ImageSide.optional(),
    batch: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(IMAGE_MAX_BATCH, `must be at most ${IMAGE_MAX_BATCH}`)
      .default(1),
    /** img2img: start from this image (PNG/JPEG bytes, or a library image) instead of pure noise. */
    init: z
      .union([
        z
          .object({
            bytes: z
              .instanceof(Uint8Array, { message: 'must be the bytes of a PNG or JPEG image' })
              .refine((b) => b.byteLength > 0, 'is empty')
              .refine(
                (b) => b.byteLength <= IMAGE_MAX_INIT_BYTES,
                `must be at most ${IMAGE_MAX_INIT_BYTES >> 20} MiB`,
              ),
          })
          .strict(),
        z.object({ generationId: GenerationId }).strict(),
      ])
      .optional(),
    /** img2img: how much of the init image is replaced (1 = all of it, like text-to-image). */
    strength: z.number().gt(0, 'must be above 0').max(1, 'must be at most 1').default(0.6),
    /** Send a preview every k steps (0 = none). */
    previewEvery: z.number().int().min(0).max(IMAGE_MAX_STEPS).default(1),
    parentId: GenerationId.nullable().default(null),
  })
  .strict();
export type ImageParams = z.output<typeof ImageParams>;
export type ImageParamsInput = z.input<typeof ImageParams>;

export const ImageOutput = z.object({
  /** One library record per image of the batch, in batch order. */
  results: z.array(ImageGeneration),
  /** Prompt words the model does not know (ignored). */
  unknownWords: z.array(z.string()),
  durationMs: z.number(),
});
export type ImageOutput = z.infer<typeof ImageOutput>;

export const ImagePreview = z.object({
  jobId: z.string(),
  step: z.number(),
  steps: z.number(),
  /** The current estimate of each image of the batch (small: at most IMAGE_PREVIEW_MAX_SIDE px). */
  images: z.array(PixelImage),
});
export type ImagePreview = z.infer<typeof ImagePreview>;

export const ImageQueueItem = z.object({
  jobId: z.string(),
  prompt: z.string(),
  batch: z.number(),
  state: z.enum(['queued', 'running']),
  step: z.number(),
  steps: z.number(),
});
export type ImageQueueItem = z.infer<typeof ImageQueueItem>;

export const image = {
  /**
   * Text-to-image (or img2img with `init`): queues behind other image jobs, streams
   * `image.preview` events, `jobs.cancel` stops within one step (nothing is saved).
   */
  generate: method(z.object({ jobId: JobId, params: ImageParams }).strict(), ImageOutput),
  /** The image jobs waiting or running, oldest first. */
  queue: method(NoInput, z.array(ImageQueueItem)),
};

/** What the model list shows of a diffusion model. */
export const ImageModelInfo = z.object({
  /** pixel: the bundled kind (the UNet draws pixels); latent: Stable Diffusion (a VAE decodes). */
  kind: z.enum(['pixel', 'latent']),
  /** Sizes the model draws well (square); any multiple of 8 in range is accepted. */
  sizes: z.array(z.number()),
  defaultSize: z.number(),
  /** The longest side the model draws (px); larger sizes are refused. */
  maxSize: z.number().optional(),
  /** The most width × height × batch in one job; more is refused. */
  maxPixelsPerJob: z.number().optional(),
  defaults: z.object({ steps: z.number(), guidance: z.number(), sampler: z.enum(IMAGE_SCHEDULERS) }),
  /** The samplers this model can take its steps with (the default first). */
  samplers: z.array(z.enum(IMAGE_SCHEDULERS)).optional(),
  /**
   * The scheduler its folder names (scheduler_config.json's class and timestep spacing) and the
   * prediction its UNet makes; absent for the bundled models.
   */
  scheduler: z
    .object({
      className: z.string(),
      spacing: z.enum(['linspace', 'leading', 'trailing', 'legacy']),
      prediction: z.enum(['epsilon', 'v_prediction']),
    })
    .optional(),
  /**
   * A few-step model (SD-Turbo, LCM): the steps and guidance it was distilled for, outside which
   * a generation is refused, and a line that says so.
   */
  fewStep: z
    .object({
      family: z.enum(['turbo', 'lcm']),
      steps: z.object({ min: z.number(), max: z.number() }),
      guidance: z.object({ min: z.number(), max: z.number() }),
      summary: z.string(),
    })
    .optional(),
  /** The float type its UNet takes (published fp16 exports: float16). */
  dtype: z.enum(['float32', 'float16']).optional(),
  /** Word-conditioned models: the words the model knows (index = id, 0 = padding). */
  words: z
    .object({
      vocab: z.array(z.string()),
      stopWords: z.array(z.string()),
      maxWords: z.number(),
      /** Words offered beside the prompt, by group (style words, colour words). */
      suggestions: z.array(z.object({ label: z.string(), words: z.array(z.string()) })).default([]),
    })
    .optional(),
  img2img: z.boolean(),
});
