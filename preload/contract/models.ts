/** Models: the bundled and imported models every studio picks from, import and removal. */
import { z } from 'zod';
import { method, ModelId, NoInput } from './common';
import { ImageModelInfo } from './image';
import { LatentModelInfo, LatentPriorModelInfo } from './latent';
import { MelodyModelInfo } from './melody';
import { PaletteModelInfo } from './palette';
import { TextModelInfo } from './text';
import { TextureModelInfo } from './texture';

/**
 * A model as every studio's picker sees it: the common fields, and the summary of each manifest
 * section it has (one entry per studio that has its own kind of model, below).
 */
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
  /** Bundled with Atelier, or imported by the user (removable). */
  source: z.enum(['bundled', 'imported']),
  texture: TextureModelInfo.optional(),
  latent: LatentModelInfo.optional(),
  prior: LatentPriorModelInfo.optional(),
  melody: MelodyModelInfo.optional(),
  text: TextModelInfo.optional(),
  image: ImageModelInfo.optional(),
  palette: PaletteModelInfo.optional(),
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
    /**
     * The graph variant to install when the folder publishes several (`fp32`, `fp16`, `quantized`,
     * `q4`, `q4f16`, …: the graph file's suffix); the one that suits the machine when absent.
     */
    variant: z
      .string()
      .regex(/^[a-z0-9]{1,16}$/, 'must be a variant name such as fp32, fp16, quantized, q4 or q4f16')
      .optional(),
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
