import { z } from 'zod';
import { defineModelSection, type ManifestFields } from '../models/model-section';

/** Melody models (melody VAE, autoregressive melody model): the token grid they share. */
export const MelodySection = z
  .object({
    stepsPerBar: z.literal(16),
    pitchMin: z.number().int().min(0).max(127),
    pitchMax: z.number().int().min(0).max(127),
    vocab: z.number().int().positive(),
    rest: z.number().int().min(0),
    hold: z.number().int().min(0),
    noteOnBase: z.number().int().min(0),
    layers: z.number().int().positive(),
    hidden: z.number().int().positive(),
    /** VAE: segment length in bars and latent size. */
    bars: z.number().int().positive().max(16).optional(),
    dim: z.number().int().positive().max(256).optional(),
    pca: z
      .object({
        mean: z.array(z.number()),
        directions: z.array(z.array(z.number())).min(2),
        variance: z.array(z.number().nonnegative()),
      })
      .optional(),
    recon: z.object({ heldOutAccuracy: z.number(), threshold: z.number() }).optional(),
    /**
     * Meter-aware LSTM: the graph's `meter` id of each meter it writes ("2/2" shares 4/4's). With it
     * the step graph also takes `key` (the key signature's major tonic, 0–11) and counts `pos` from
     * the melody's first bar line.
     */
    meters: z.record(z.string(), z.number().int().min(0)).optional(),
  })
  .passthrough();
export type MelodySection = z.infer<typeof MelodySection>;

const MELODY_ROLES: Record<string, string[]> = {
  'melody-vae': ['encoder', 'decoder-init', 'decoder-step'],
  'melody-rnn': ['step'],
};

function checkMelody(m: ManifestFields, ctx: z.RefinementCtx): void {
  const s = m.melody;
  if (!s) {
    ctx.addIssue({ code: 'custom', path: ['melody'], message: 'a melody model needs a "melody" section' });
    return;
  }
  for (const role of MELODY_ROLES[m.task] ?? [])
    if (!m.files.some((f) => f.role === role))
      ctx.addIssue({
        code: 'custom',
        path: ['files'],
        message: `a ${m.task} model needs a file with role "${role}"`,
      });
  const pitches = s.pitchMax - s.pitchMin + 1;
  if (pitches < 12 || s.noteOnBase + pitches > s.vocab || s.rest >= s.vocab || s.hold >= s.vocab)
    ctx.addIssue({
      code: 'custom',
      path: ['melody'],
      message: 'the token layout does not fit the vocabulary',
    });
  if (m.task === 'melody-vae') {
    if (!s.bars || !s.dim || !s.pca)
      ctx.addIssue({
        code: 'custom',
        path: ['melody'],
        message: 'a melody VAE needs "bars", "dim" and "pca"',
      });
    else if (s.pca.mean.length !== s.dim || s.pca.directions.some((d) => d.length !== s.dim))
      ctx.addIssue({
        code: 'custom',
        path: ['melody', 'pca'],
        message: `PCA vectors must have ${s.dim} numbers each`,
      });
  }
}

/** The melody models' manifest section: the token grid they share, the VAE's latent. */
export const melodyModelSection = defineModelSection({
  key: 'melody',
  schema: MelodySection,
  tasks: ['melody-vae', 'melody-rnn'],
  check: checkMelody,
  status: (s) => ({
    pitchMin: s.pitchMin,
    pitchMax: s.pitchMax,
    ...(s.bars ? { bars: s.bars } : {}),
    ...(s.dim ? { dim: s.dim } : {}),
    ...(s.pca ? { pca: s.pca } : {}),
  }),
});
