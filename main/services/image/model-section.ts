import { z } from 'zod';
import { IMAGE_SCHEDULERS } from '../../../preload/contract';
import { IMAGE_MAX_SIZE, IMAGE_MIN_SIZE, imageSizeLimits } from '../../../preload/image';
import { defineModelSection, type ManifestFields } from '../models/model-section';
import { fewStepInfo, modelSamplers } from './few-step';
import { SPACINGS } from './schedule';

const Float = z.enum(['float32', 'float16']);
const Range = z.object({ min: z.number().min(0), max: z.number().min(0) }).strict();

/** Diffusion models (bundled pixel-space, or imported Stable Diffusion): models/training/images/INTERFACE.md. */
export const ImageSection = z
  .object({
    kind: z.enum(['pixel', 'latent']),
    trainSize: z.number().int().positive().max(4096),
    sizes: z.array(z.number().int().positive().max(4096)).min(1),
    /** Width and height must be multiples of this (the UNet's downsampling; default 8). */
    sizeMultiple: z.number().int().positive().max(512).optional(),
    /**
     * The longest side the model may draw (px) and the most width × height × batch per job: sizes
     * past what it draws sensibly cost minutes and GBs. Derived from `trainSize` when absent
     * (preload/image.ts `imageSizeLimits`), so imported models have them too.
     */
    maxSize: z.number().int().min(IMAGE_MIN_SIZE).max(IMAGE_MAX_SIZE).optional(),
    maxPixelsPerJob: z
      .number()
      .int()
      .min(IMAGE_MIN_SIZE * IMAGE_MIN_SIZE)
      .optional(),
    channels: z.literal(3),
    valueRange: z.tuple([z.number(), z.number()]),
    background: z.tuple([z.number(), z.number(), z.number()]).optional(),
    prediction: z.enum(['epsilon', 'v_prediction']),
    schedule: z
      .object({
        timesteps: z.number().int().positive().max(100_000),
        betaSchedule: z.string().min(1),
        betaStart: z.number().positive().optional(),
        betaEnd: z.number().positive().optional(),
        alphasCumprod: z.array(z.number().gt(0).max(1)).optional(),
      })
      .strict(),
    conditioning: z.discriminatedUnion('input', [
      z
        .object({
          input: z.literal('words'),
          maxWords: z.number().int().positive().max(64),
          vocab: z.array(z.string()).min(2),
          stopWords: z.array(z.string()).default([]),
          /** Words offered beside the prompt ("Style": flat, line icon); each must be in vocab. */
          suggestions: z
            .array(
              z
                .object({
                  label: z.string().min(1).max(40),
                  words: z.array(z.string().min(1).max(40)).min(1).max(32),
                })
                .strict(),
            )
            .max(8)
            .default([]),
        })
        .strict()
        .refine(
          (c) =>
            c.suggestions.every((g) =>
              g.words.every((ph) => ph.split(' ').every((w) => c.vocab.includes(w))),
            ),
          'suggests a word that is not in its vocabulary',
        ),
      z
        .object({
          input: z.literal('clip'),
          maxLength: z.number().int().positive().max(512),
          /** The text encoder's input_ids type. */
          idsType: z.enum(['int32', 'int64']),
        })
        .strict(),
    ]),
    defaults: z.object({
      steps: z.number().int().positive(),
      guidance: z.number().min(0),
      sampler: z.enum(IMAGE_SCHEDULERS),
    }),
    /**
     * The scheduler of an imported folder (scheduler_config.json): its class, how it spreads the
     * timesteps (diffusers' `timestep_spacing`, `steps_offset`) and, for LCM, the distillation's
     * step count. Absent: the legacy even spread (bundled models, older imports).
     */
    scheduler: z
      .object({
        className: z.string().min(1),
        spacing: z.enum(SPACINGS),
        stepsOffset: z.number().int().min(0).max(1000).default(0),
        originalSteps: z.number().int().positive().max(1000).optional(),
      })
      .strict()
      .optional(),
    /** Few-step models (SD-Turbo, LCM): the steps and guidance they were distilled for. */
    fewStep: z
      .object({ family: z.enum(['turbo', 'lcm']), steps: Range, guidance: Range })
      .strict()
      .optional(),
    /** The samplers the model may use (the default first); all but LCM when absent. */
    samplers: z.array(z.enum(IMAGE_SCHEDULERS)).min(1).optional(),
    /**
     * The float type each network input takes (fp16 exports: float16; outputs say their own type
     * on the wire). Absent: float32 everywhere.
     */
    floats: z
      .object({
        sample: Float,
        hiddenStates: Float,
        timestepCond: Float.optional(),
        latent: Float,
        image: Float.optional(),
      })
      .strict()
      .optional(),
    /** LCM UNets: the guidance embedding input `timestep_cond` and its width (time_cond_proj_dim). */
    timestepCond: z
      .object({ dim: z.number().int().min(2).max(4096) })
      .strict()
      .optional(),
    /** The noise-prediction network; its timestep input's type and shape. */
    unet: z.string().min(1),
    timestep: z
      .object({ dtype: z.enum(['float32', 'float16', 'int64', 'int32']), perImage: z.boolean() })
      .default({ dtype: 'float32', perImage: true }),
    /** Latent models: the VAE and the text encoder (paths), latent channels, downscale and scaling. */
    latent: z
      .object({
        channels: z.number().int().positive(),
        factor: z.number().int().positive(),
        scaling: z.number().positive(),
        textEncoder: z.string().min(1),
        vaeDecoder: z.string().min(1),
        vaeEncoder: z.string().min(1).optional(),
        /** The encoder's output: the mean, or mean and log-variance stacked (newer Optimum exports). */
        encoderOutput: z.enum(['latent_sample', 'latent_parameters']).optional(),
        tokenizer: z.string().min(1),
      })
      .strict()
      .optional(),
  })
  .strict();
export type ImageSection = z.infer<typeof ImageSection>;

function checkImage(m: ManifestFields, ctx: z.RefinementCtx): void {
  const s = m.image;
  if (!s) {
    ctx.addIssue({ code: 'custom', path: ['image'], message: 'an image model needs an "image" section' });
    return;
  }
  const paths = [s.unet, ...(s.latent ? [s.latent.textEncoder, s.latent.vaeDecoder] : [])];
  for (const p of paths)
    if (!m.files.some((f) => f.path === p))
      ctx.addIssue({ code: 'custom', path: ['image'], message: `${p} must be one of the files` });
  if (s.kind === 'latent' && !s.latent)
    ctx.addIssue({
      code: 'custom',
      path: ['image', 'latent'],
      message: 'a latent model needs a "latent" block',
    });
  const a = s.schedule.alphasCumprod;
  if (a && a.length !== s.schedule.timesteps)
    ctx.addIssue({
      code: 'custom',
      path: ['image', 'schedule'],
      message: `alphasCumprod must have ${s.schedule.timesteps} values`,
    });
  if (!a && (s.schedule.betaStart === undefined || s.schedule.betaEnd === undefined))
    ctx.addIssue({
      code: 'custom',
      path: ['image', 'schedule'],
      message: 'the schedule needs alphasCumprod or betaStart/betaEnd',
    });
}

/** A diffusion model's manifest section (the Image studio). */
export const imageModelSection = defineModelSection({
  key: 'image',
  schema: ImageSection,
  tasks: ['image'],
  check: checkImage,
  status: (s) => ({
    kind: s.kind,
    sizes: s.sizes,
    defaultSize: s.trainSize,
    ...imageSizeLimits(s),
    defaults: s.defaults,
    samplers: modelSamplers(s),
    ...(s.scheduler
      ? {
          scheduler: {
            className: s.scheduler.className,
            spacing: s.scheduler.spacing,
            prediction: s.prediction,
          },
        }
      : {}),
    ...(s.fewStep ? { fewStep: fewStepInfo(s.fewStep) } : {}),
    dtype: s.floats?.sample ?? 'float32',
    ...(s.conditioning.input === 'words'
      ? {
          words: {
            vocab: s.conditioning.vocab,
            stopWords: s.conditioning.stopWords,
            maxWords: s.conditioning.maxWords,
            suggestions: s.conditioning.suggestions,
          },
        }
      : {}),
    img2img: s.kind === 'pixel' || Boolean(s.latent?.vaeEncoder),
  }),
});
