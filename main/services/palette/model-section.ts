import { z } from 'zod';
import { PALETTE_COLORS, PALETTE_DIM } from '../../../preload/palette';
import { defineModelSection, type ManifestFields } from '../models/model-section';

/**
 * Palette models (`task: "palette"`, family `flow`): a normalizing flow over the standardised
 * OKLab 15-vector of a 5-colour palette, as two graphs — `forward` (x [N,15] → z [N,15],
 * logdet [N]) and `inverse` (z [N,15] → x [N,15]) — named by file path or role.
 * log p(x_raw) = Σ log N(z_i; 0, 1) + logdet − Σ log std, with x = (x_raw − mean) / std.
 */
export const PaletteSection = z
  .object({
    colors: z.literal(PALETTE_COLORS),
    space: z.literal('oklab'),
    mean: z.array(z.number()).length(PALETTE_DIM),
    std: z.array(z.number().positive()).length(PALETTE_DIM),
    forward: z.string().min(1),
    inverse: z.string().min(1),
    /** The 0th…100th percentiles of log p over the training palettes (raw OKLab nats). */
    logLikelihoodQuantiles: z.array(z.number()).length(101),
    heldOutMeanLogLikelihood: z.number(),
  })
  .passthrough();
export type PaletteSection = z.infer<typeof PaletteSection>;

/** The file a palette section names for a graph: by path, else by role. */
export function paletteGraphFile<F extends { path: string; role: string }>(
  files: readonly F[],
  name: string,
): F | undefined {
  return files.find((f) => f.path === name) ?? files.find((f) => f.role === name);
}

function checkPalette(m: ManifestFields, ctx: z.RefinementCtx): void {
  const s: PaletteSection | undefined = m.palette;
  const files: readonly { path: string; role: string }[] = m.files;
  if (!s) {
    ctx.addIssue({ code: 'custom', path: ['palette'], message: 'a palette model needs a "palette" section' });
    return;
  }
  for (const graph of ['forward', 'inverse'] as const)
    if (!paletteGraphFile(files, s[graph]))
      ctx.addIssue({
        code: 'custom',
        path: ['palette', graph],
        message: `the ${graph} graph "${s[graph]}" is not one of the model's files`,
      });
  const q: readonly number[] = s.logLikelihoodQuantiles;
  if (q.some((v: number, i: number) => i > 0 && v < q[i - 1]!))
    ctx.addIssue({
      code: 'custom',
      path: ['palette', 'logLikelihoodQuantiles'],
      message: 'the quantiles must not decrease',
    });
}

/** The palette models' manifest section: the standardisation, the two graphs, the likelihood quantiles. */
export const paletteModelSection = defineModelSection({
  key: 'palette',
  schema: PaletteSection,
  tasks: ['palette'],
  check: checkPalette,
  status: (s) => ({
    colors: s.colors,
    space: s.space,
    heldOutMeanLogLikelihood: s.heldOutMeanLogLikelihood,
    logLikelihood: {
      p5: s.logLikelihoodQuantiles[5]!,
      p50: s.logLikelihoodQuantiles[50]!,
      p95: s.logLikelihoodQuantiles[95]!,
    },
  }),
});
