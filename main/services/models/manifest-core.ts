/**
 * The manifest's fields every model has (`models/<id>/model.json`): what a model is, which files
 * make it up (with their sha256), its tensor interface, provenance and metrics. Each task's own
 * section is defined beside its service (./model-section.ts) and listed in ./sections.ts.
 */
import { z } from 'zod';

const Dim = z.union([z.number().int().positive(), z.string().min(1)]);
export const TensorSpec = z.object({
  name: z.string().min(1),
  dtype: z.enum(['float32', 'float16', 'int64', 'int32', 'uint8', 'bool']),
  shape: z.array(Dim),
});
export type TensorSpec = z.infer<typeof TensorSpec>;

export const ModelFile = z.object({
  path: z
    .string()
    .min(1)
    .refine((p) => !p.includes('..') && !p.startsWith('/') && !p.includes('\\'), 'must stay inside the model folder'),
  role: z.string().min(1),
  sha256: z.string().regex(/^[a-f0-9]{64}$/, 'must be a lowercase hex sha256'),
  bytes: z.number().int().positive(),
});
export type ModelFile = z.infer<typeof ModelFile>;

export const ManifestCore = z.object({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/),
    name: z.string().min(1),
    version: z.string().min(1),
    family: z.enum(['gan', 'vae', 'flow', 'diffusion', 'autoregressive']),
    task: z.string().min(1),
    license: z.string().min(1),
    files: z.array(ModelFile).min(1),
    inputs: z.array(TensorSpec).min(1),
    outputs: z.array(TensorSpec).min(1),
    training: z.record(z.string(), z.unknown()).optional(),
    metrics: z.record(z.string(), z.unknown()).optional(),
});

