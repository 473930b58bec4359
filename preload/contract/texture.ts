/** The Texture studio: seamless tiles from the texture generator (a job with progress and cancel). */
import { z } from 'zod';
import { exportFileName } from '../names';
import { GenerationId, JobId, method, ModelId, Seed } from './common';
import { defineKind, storedParams } from './generation';

export const TEXTURE_MIN_SIZE = 256;
export const TEXTURE_MAX_SIZE = 2048;
export const TEXTURE_SIZE_STEP = 64;

export const TextureParams = z
  .object({
    model: ModelId.default('texture'),
    seed: Seed,
    size: z
      .number()
      .int('must be a whole number of pixels')
      .min(TEXTURE_MIN_SIZE, `must be at least ${TEXTURE_MIN_SIZE} px`)
      .max(TEXTURE_MAX_SIZE, `must be at most ${TEXTURE_MAX_SIZE} px`)
      .refine((s) => s % TEXTURE_SIZE_STEP === 0, `must be a multiple of ${TEXTURE_SIZE_STEP} px`),
    /** Style id from the model's manifest. */
    style: z.string().min(1).max(64),
    /** Optional second style mixed in (0 = only `style`, 1 = only `blend.style`). */
    blend: z
      .object({ style: z.string().min(1).max(64), amount: z.number().min(0).max(1) })
      .strict()
      .optional(),
    /**
     * Feature scale: the model draws at size/scale and the result is enlarged with wrap-around
     * interpolation, so features get bigger and the tile stays seamless.
     */
    scale: z.union([z.literal(1), z.literal(2), z.literal(4)]).default(1),
    parentId: GenerationId.nullable().default(null),
  })
  .strict();
export type TextureParams = z.output<typeof TextureParams>;
export type TextureParamsInput = z.input<typeof TextureParams>;

/** A texture record: its params replay it (plus the noise spec and model version recorded). */
export const textureKind = defineKind(
  'texture',
  storedParams({
    model: z.string(),
    seed: z.number(),
    size: z.number(),
    style: z.string(),
    blend: z.object({ style: z.string(), amount: z.number() }),
    scale: z.number(),
    noise: z.string(),
    modelVersion: z.string(),
  }),
  {
    exportRole: 'image',
    extension: 'png',
    fileName: (g) => exportFileName('texture', g.params.style ?? '', g.seed, g.width ?? g.params.size ?? 0),
  },
);
export const TextureGeneration = textureKind.record;
export type TextureGeneration = z.output<typeof TextureGeneration>;

export const texture = {
  generate: method(z.object({ jobId: JobId, params: TextureParams }).strict(), TextureGeneration),
};

export const TextureStyle = z.object({ index: z.number().int(), id: z.string(), name: z.string() });
export type TextureStyle = z.infer<typeof TextureStyle>;

/** What the model list shows of a texture model: its styles and sizes. */
export const TextureModelInfo = z.object({
  styles: z.array(TextureStyle),
  minSize: z.number(),
  maxSize: z.number(),
  latentStride: z.number(),
});
