import { z } from 'zod';
import { TensorSpec } from '../models/manifest-core';
import { defineModelSection, type ManifestFields } from '../models/model-section';

const Box = z.tuple([z.number(), z.number(), z.number(), z.number()]);

/** A VAE-style model: separate encoder and decoder graphs, and the PCA of its encoded training set. */
export const LatentSection = z
  .object({
    dim: z.number().int().positive().max(256),
    width: z.number().int().positive().max(1024),
    height: z.number().int().positive().max(1024),
    channels: z.union([z.literal(1), z.literal(3)]),
    /** The output is ink (1 = ink), shown dark on light paper. */
    ink: z.boolean(),
    encoder: z.object({ inputs: z.array(TensorSpec).min(1), outputs: z.array(TensorSpec).min(2) }),
    /** How a user's image is brought to the training data's framing before encoding. */
    preprocess: z.enum(['glyph-box', 'center-crop']),
    condition: z
      .object({
        input: z.literal('char'),
        charset: z.string().min(1),
        /** Baseline row in the model's frame, as the training data was rendered. */
        baseline: z.number(),
        /** Mean ink box [x0, y0, x1, y1) of each character over the training fonts. */
        boxes: z.record(z.string(), Box),
      })
      .optional(),
    pca: z.object({
      mean: z.array(z.number()),
      directions: z.array(z.array(z.number())).min(2),
      variance: z.array(z.number().nonnegative()),
    }),
    recon: z.object({ heldOutMse: z.number().nonnegative(), threshold: z.number().positive() }),
  })
  .strict();
export type LatentSection = z.infer<typeof LatentSection>;

function checkLatent(m: ManifestFields, ctx: z.RefinementCtx): void {
  const l = m.latent;
  if (!l) {
    ctx.addIssue({ code: 'custom', path: ['latent'], message: 'a latent model needs a "latent" section' });
    return;
  }
  for (const role of ['encoder', 'decoder']) {
    if (!m.files.some((f) => f.role === role))
      ctx.addIssue({
        code: 'custom',
        path: ['files'],
        message: `a latent model needs a file with role "${role}"`,
      });
  }
  const { mean, directions, variance } = l.pca;
  if (
    mean.length !== l.dim ||
    variance.length !== directions.length ||
    directions.some((d) => d.length !== l.dim)
  )
    ctx.addIssue({
      code: 'custom',
      path: ['latent', 'pca'],
      message: `PCA vectors must have ${l.dim} numbers each`,
    });
  if (!m.inputs.some((i) => i.name === 'z'))
    ctx.addIssue({ code: 'custom', path: ['inputs'], message: 'a latent decoder needs a "z" input' });
  if (
    !l.encoder.outputs.some((o) => o.name === 'mean') ||
    !l.encoder.outputs.some((o) => o.name === 'logvar')
  )
    ctx.addIssue({
      code: 'custom',
      path: ['latent', 'encoder'],
      message: 'the encoder must output "mean" and "logvar"',
    });
  if (l.condition) {
    const missing = [...l.condition.charset].filter((c) => !l.condition!.boxes[c]);
    if (missing.length)
      ctx.addIssue({
        code: 'custom',
        path: ['latent', 'condition', 'boxes'],
        message: `no box for ${missing.slice(0, 5).join(' ')}`,
      });
    if (!m.inputs.some((i) => i.name === 'char'))
      ctx.addIssue({
        code: 'custom',
        path: ['inputs'],
        message: 'a conditional decoder needs a "char" input',
      });
  }
}

/** A VAE's manifest section (the Latent Explorer): sizes, encoder, PCA, conditioning. */
export const latentModelSection = defineModelSection({
  key: 'latent',
  schema: LatentSection,
  tasks: ['latent'],
  check: checkLatent,
  status: (l) => ({
    dim: l.dim,
    width: l.width,
    height: l.height,
    channels: l.channels,
    ink: l.ink,
    ...(l.condition ? { charset: l.condition.charset } : {}),
    pca: l.pca,
    reconThreshold: l.recon.threshold,
  }),
});
