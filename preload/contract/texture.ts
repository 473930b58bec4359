/** The Texture studio: seamless tiles from the texture generator (a job with progress and cancel). */
import { z } from 'zod';
import { exportFileName } from '../names';
import { GenerationId, JobId, method, ModelId, Seed } from './common';
import { defineKind, storedParams } from './generation';
import { ImageFileBytes } from './latent';

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
    /**
     * Mixing weights over all the model's styles (a photo match): when given they replace
     * `style`/`blend`, which then only name the record. One per style, ≥ 0, summing to 1.
     */
    weights: z
      .array(z.number().min(0, 'must not be negative'))
      .min(1)
      .max(256)
      .refine((w) => Math.abs(w.reduce((a, b) => a + b, 0) - 1) <= 1e-6, 'must sum to 1')
      .optional(),
    /** A name the user gave this mix ("Keep as style"). */
    name: z.string().trim().min(1, 'must not be empty').max(80, 'must be at most 80 characters').optional(),
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
    weights: z.array(z.number()),
    name: z.string(),
  }),
  {
    exportRole: 'image',
    extension: 'png',
    fileName: (g) => exportFileName('texture', g.params.style ?? '', g.seed, g.width ?? g.params.size ?? 0),
  },
);
export const TextureGeneration = textureKind.record;
export type TextureGeneration = z.output<typeof TextureGeneration>;

/** A photo to match: the model's style space is searched for textures with its statistics. */
export const TextureMatchInput = z
  .object({
    jobId: JobId,
    model: ModelId.default('texture'),
    /** A PNG or JPEG file's bytes, any size (a centre square is matched). */
    image: ImageFileBytes,
    /** The noise the search and the preview draw. */
    seed: Seed.default(0),
  })
  .strict();
export type TextureMatchInput = z.input<typeof TextureMatchInput>;

/** close: within the photo's own variation; rough: recognisably related; poor: not matched. */
export const MatchVerdict = z.enum(['close', 'rough', 'poor']);
export type MatchVerdict = z.infer<typeof MatchVerdict>;

export const TextureMatch = z.object({
  /** Mixing weights, one per style in the model's order; feed them to `texture.generate`. */
  weights: z.array(z.number()),
  /** Patch-statistics distance between the photo and the match (0 = identical statistics). */
  distance: z.number(),
  /** The distance between the photo's own left and right halves: what a good match reaches. */
  selfDistance: z.number(),
  verdict: MatchVerdict,
  /** The verdict in a sentence for a person. */
  message: z.string(),
  /** The styles that make up most of the mix, largest first. */
  styles: z.array(z.object({ id: z.string(), name: z.string(), weight: z.number() })),
  /** A 256 px PNG of the match at the input's seed. */
  preview: z.instanceof(Uint8Array),
  evaluations: z.number().int(),
  durationMs: z.number(),
});
export type TextureMatch = z.infer<typeof TextureMatch>;

export const texture = {
  generate: method(z.object({ jobId: JobId, params: TextureParams }).strict(), TextureGeneration),
  match: method(TextureMatchInput, TextureMatch),
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
