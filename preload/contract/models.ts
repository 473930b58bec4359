/** Models: the bundled and imported models every studio picks from, import and removal. */
import { z } from 'zod';
import { IMAGE_SAMPLERS } from '../image';
import { method, ModelId, NoInput } from './common';

export const TextureStyle = z.object({ index: z.number().int(), id: z.string(), name: z.string() });
export type TextureStyle = z.infer<typeof TextureStyle>;

export const ModelStatus = z.object({
  id: z.string(),
  name: z.string(),
  family: z.string(),
  task: z.string(),
  version: z.string(),
  ok: z.boolean(),
  /** Why the model cannot be used (bad hash, missing file, invalid manifest). */
  error: z.string().optional(),
  sha256: z.string(),
  sizeBytes: z.number(),
  license: z.string(),
  texture: z
    .object({
      styles: z.array(TextureStyle),
      minSize: z.number(),
      maxSize: z.number(),
      latentStride: z.number(),
    })
    .optional(),
  latent: z
    .object({
      dim: z.number(),
      width: z.number(),
      height: z.number(),
      channels: z.union([z.literal(1), z.literal(3)]),
      /** Glyph-like models: the output is ink (shown dark on light paper). */
      ink: z.boolean(),
      /** Characters a conditional (glyph) model can draw; absent for unconditional models. */
      charset: z.string().optional(),
      /** Principal directions of the encoded training set (unit rows, by variance, descending). */
      pca: z.object({
        mean: z.array(z.number()),
        directions: z.array(z.array(z.number())),
        variance: z.array(z.number()),
      }),
      /** Per-image mean squared error that 95% of held-out images stay under (from the model card). */
      reconThreshold: z.number(),
    })
    .optional(),
  image: z
    .object({
      /** pixel: the bundled kind (the UNet draws pixels); latent: Stable Diffusion (a VAE decodes). */
      kind: z.enum(['pixel', 'latent']),
      /** Sizes the model draws well (square); any multiple of 8 in range is accepted. */
      sizes: z.array(z.number()),
      defaultSize: z.number(),
      defaults: z.object({ steps: z.number(), guidance: z.number(), sampler: z.enum(IMAGE_SAMPLERS) }),
      /** Word-conditioned models: the words the model knows (index = id, 0 = padding). */
      words: z
        .object({ vocab: z.array(z.string()), stopWords: z.array(z.string()), maxWords: z.number() })
        .optional(),
      img2img: z.boolean(),
    })
    .optional(),
  /** Bundled with Atelier, or imported by the user (removable). */
  source: z.enum(['bundled', 'imported']),
  text: z
    .object({
      modelType: z.string(),
      contextLength: z.number(),
      vocabSize: z.number(),
      layers: z.number(),
      /** The model's own sampling defaults (generation_config.json), when it has them. */
      defaults: z
        .object({
          temperature: z.number().optional(),
          topK: z.number().optional(),
          topP: z.number().optional(),
          repetitionPenalty: z.number().optional(),
          maxTokens: z.number().optional(),
        })
        .optional(),
    })
    .optional(),
  melody: z
    .object({
      /** Lowest and highest pitch the model writes (imported notes outside are folded by octaves). */
      pitchMin: z.number(),
      pitchMax: z.number(),
      /** Melody VAE: segment length in bars, latent size, principal directions (for the sliders). */
      bars: z.number().optional(),
      dim: z.number().optional(),
      pca: z
        .object({
          mean: z.array(z.number()),
          directions: z.array(z.array(z.number())),
          variance: z.array(z.number()),
        })
        .optional(),
    })
    .optional(),
});
export type ModelStatus = z.infer<typeof ModelStatus>;

export const ModelImportInput = z
  .object({
    /** A folder exported by Hugging Face Optimum, on the machine that runs Atelier (absolute path). */
    path: z
      .string()
      .min(1, 'must not be empty')
      .max(4096)
      .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p), 'must be an absolute folder path'),
    /** Copy (default) or hard-link the files when the folder is on the same disk. */
    link: z.boolean().default(false),
  })
  .strict();

export const models = {
  list: method(NoInput, z.array(ModelStatus)),
  /** Import a Hugging Face Optimum folder: a text decoder or a Stable Diffusion 1.x pipeline (checked before anything is copied). */
  import: method(ModelImportInput, ModelStatus),
  /** Electron: the host's folder picker for an import (browsers type the path; answers null there). */
  pickFolder: method(NoInput, z.object({ path: z.string().nullable() })),
  /** Remove an imported model (bundled models cannot be removed). */
  remove: method(z.object({ id: ModelId }).strict(), z.object({ removed: z.boolean() })),
};
