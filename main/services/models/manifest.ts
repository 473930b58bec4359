/**
 * The model manifest (`models/<id>/model.json`): what a model is, which files make it up (with
 * their sha256), its tensor interface, provenance and metrics. Validated before a model loads.
 */
import { z } from 'zod';

const Dim = z.union([z.number().int().positive(), z.string().min(1)]);
const TensorSpec = z.object({
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

export const TextureSection = z.object({
  latentChannels: z.number().int().positive(),
  latentStride: z.number().int().positive(),
  minSize: z.number().int().positive(),
  maxSize: z.number().int().positive(),
  outputRange: z.tuple([z.number(), z.number()]),
  styles: z
    .array(z.object({ index: z.number().int().min(0), id: z.string().min(1), name: z.string().min(1) }))
    .min(1),
});
export type TextureSection = z.infer<typeof TextureSection>;

export const Manifest = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/),
    name: z.string().min(1),
    version: z.string().min(1),
    family: z.enum(['gan', 'vae', 'flow', 'diffusion', 'autoregressive']),
    task: z.string().min(1),
    license: z.string().min(1),
    files: z.array(ModelFile).min(1),
    inputs: z.array(TensorSpec).min(1),
    outputs: z.array(TensorSpec).min(1),
    texture: TextureSection.optional(),
    training: z.record(z.string(), z.unknown()).optional(),
    metrics: z.record(z.string(), z.unknown()).optional(),
  })
  .superRefine((m, ctx) => {
    if (m.task === 'texture' && !m.texture) {
      ctx.addIssue({ code: 'custom', path: ['texture'], message: 'a texture model needs a "texture" section' });
    }
    if (m.texture) {
      const k = m.texture.styles.length;
      const style = m.inputs.find((i) => i.name === 'style');
      if (!style || style.shape[1] !== k) {
        ctx.addIssue({
          code: 'custom',
          path: ['inputs'],
          message: `a texture model needs a "style" input of shape [1, ${k}]`,
        });
      }
      if (!m.inputs.some((i) => i.name === 'noise')) {
        ctx.addIssue({ code: 'custom', path: ['inputs'], message: 'a texture model needs a "noise" input' });
      }
    }
  });
export type Manifest = z.infer<typeof Manifest>;
