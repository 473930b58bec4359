import { z } from 'zod';
import { TensorSpec } from '../models/manifest-core';
import { defineModelSection, type ManifestFields } from '../models/model-section';

/**
 * A flow prior over a latent model's space (`task: "latent-prior"`, family `flow`): a normalizing
 * flow fitted to where the latent model's encoder puts its training data (the posterior means), as
 * two graphs named by file path or role — `forward` (z [N,D] → u [N,D], logdet [N]) and `inverse`
 * (u [N,D] → z [N,D]). log q(z) = Σ log N(u_i; 0, 1) + logdet. `for` names the latent model.
 */
export const PriorSection = z
  .object({
    for: z.string().min(1),
    dim: z.number().int().positive().max(256),
    forward: z.string().min(1),
    inverse: z.string().min(1),
    io: z
      .object({
        forward: z.object({ inputs: z.array(TensorSpec).min(1), outputs: z.array(TensorSpec).min(2) }),
        inverse: z.object({ inputs: z.array(TensorSpec).min(1), outputs: z.array(TensorSpec).min(1) }),
      })
      .optional(),
    /** The formula, in words (documentation). */
    logDensity: z.string().optional(),
    /** What the quantiles are over (documentation). */
    quantilesOver: z.string().optional(),
    /** The 0th…100th percentiles of log q over the training codes (nats): the typicality scale. */
    logDensityQuantiles: z.array(z.number()).length(101),
    heldOutMeanLogDensity: z.number().optional(),
  })
  .strict();
export type PriorSection = z.infer<typeof PriorSection>;

/** The file a prior section names for a graph: by path, else by role. */
export function priorGraphFile<F extends { path: string; role: string }>(
  files: readonly F[],
  name: string,
): F | undefined {
  return files.find((f) => f.path === name) ?? files.find((f) => f.role === name);
}

function checkPrior(m: ManifestFields, ctx: z.RefinementCtx): void {
  const s: PriorSection | undefined = m.prior;
  const files: readonly { path: string; role: string }[] = m.files;
  if (!s) {
    ctx.addIssue({
      code: 'custom',
      path: ['prior'],
      message: 'a latent-prior model needs a "prior" section',
    });
    return;
  }
  for (const graph of ['forward', 'inverse'] as const)
    if (!priorGraphFile(files, s[graph]))
      ctx.addIssue({
        code: 'custom',
        path: ['prior', graph],
        message: `the ${graph} graph "${s[graph]}" is not one of the model's files`,
      });
  const q: readonly number[] = s.logDensityQuantiles;
  if (q.some((v, i) => i > 0 && v < q[i - 1]!))
    ctx.addIssue({
      code: 'custom',
      path: ['prior', 'logDensityQuantiles'],
      message: 'the quantiles must not decrease',
    });
}

/** Flow priors' manifest section: which latent model, the two graphs, the training codes' log-density quantiles. */
export const priorModelSection = defineModelSection({
  key: 'prior',
  schema: PriorSection,
  tasks: ['latent-prior'],
  check: checkPrior,
  status: (s) => ({ for: s.for, dim: s.dim, medianLogDensity: s.logDensityQuantiles[50]! }),
});
