/**
 * VAE-posterior augmentation: new images near a source image in a latent model's space. The
 * source is encoded once (the `prepare` op frames it like the model's training data — a glyph's
 * ink box moved onto that character's mean box, a texture's central square — and resizes it to
 * the model's input), then item j decodes z = μ + temperature · σ · ε_j with ε_j drawn from
 * `new Rng(seeds[j])`, so it depends on that seed alone. Outputs are opaque RGBA at the model's
 * own resolution (64×64 for the bundled `glyphs` and `texture-vae`), not the source's size.
 *
 * Works with any installed model of task "latent"; a conditional (glyph) model is told which
 * character each source shows by its class label (see `glyphChar`).
 */
import { z } from 'zod';
import { invalid } from '../../../preload/contract';
import { Rng } from '../../../preload/rng';
import { encodeRgbaPng, type Rgba } from '../../inference/image';
import { toRgba } from '../../inference/pixels';
import { describeCharset } from '../latent/codec';
import {
  decodeLatentTiles,
  encodeLatentImage,
  latentModel,
  RUN_TILES,
  type LatentModel,
} from '../latent/codec';
import type { ServiceDeps } from '../section';
import type { Method, SourceImage } from './method';

export const VaeParams = z
  .object({
    /** Scales the posterior's spread: 0 = the posterior mean's decode, 1 = the posterior itself. */
    temperature: z
      .number({ message: 'temperature must be a number between 0 and 3' })
      .min(0, 'temperature must be between 0 and 3')
      .max(3, 'temperature must be between 0 and 3'),
  })
  .strict();
export type VaeParams = z.infer<typeof VaeParams>;
export const VAE_DEFAULTS: VaeParams = { temperature: 1 };

/**
 * The character a glyph source shows, from its class label: the character itself (`A`), or the
 * `upper-A` / `lower-a` / `digit-5` form that case-insensitive file systems need to keep `A`
 * and `a` apart. Null when the label names no single character.
 */
export function glyphChar(label: string): string | null {
  const chars = [...label];
  if (chars.length === 1) return label;
  const m = /^(?:upper|lower|digit)[-_ ](.)$/iu.exec(label);
  return m ? m[1]! : null;
}

/**
 * The VAE-posterior method over latent model `model` (e.g. `glyphs`, `texture-vae`). Refuses,
 * naming the model, one that is not installed, cannot be loaded or is not a latent model.
 */
export async function vaePosteriorMethod(
  deps: Pick<ServiceDeps, 'registry' | 'inference'>,
  model: string,
): Promise<Method<VaeParams>> {
  const m = latentModel(deps, model, 'model');
  const dim = m.manifest.latent.dim;
  return {
    id: 'vae',
    model: { id: m.id, sha256: m.sha256, licence: m.manifest.license },

    params(input) {
      const r = VaeParams.safeParse({ ...VAE_DEFAULTS, ...(input as object | undefined) });
      if (r.success) return r.data;
      const issue = r.error.issues[0]!;
      throw invalid(issue.message, ['params', ...issue.path].join('.'));
    },

    async generate(source, seeds, params, signal) {
      const charIndex = charFor(m, source);
      const opts = { priority: 'batch' as const, ...(signal ? { signal } : {}) };
      const { mean, std } = await encodeLatentImage(deps, m, encodeRgbaPng(source.image), charIndex, opts);
      const points = seeds.map((seed) => {
        const eps = new Rng(seed).fillNormal(new Float32Array(dim));
        return mean.map((mu, i) => mu + params.temperature * std[i]! * eps[i]!);
      });
      // The k decodes go in batches (one decoder run each); every row of a batch is computed on
      // its own, so item j's pixels do not depend on which other seeds share its run.
      const out: Rgba[] = [];
      for (let start = 0; start < points.length; start += RUN_TILES) {
        const r = await decodeLatentTiles(
          deps,
          m,
          points.slice(start, start + RUN_TILES),
          charIndex === null ? null : [charIndex],
          opts,
        );
        for (const tile of r.tiles) out.push(toRgba(tile));
      }
      return out;
    },
  };
}

/** The charset index a conditional model is given for `source`; null for unconditional models. */
function charFor(m: LatentModel, source: SourceImage): number | null {
  const cond = m.manifest.latent.condition;
  if (!cond) return null;
  const ch = glyphChar(source.label);
  const i = ch === null ? -1 : cond.charset.indexOf(ch);
  if (i < 0)
    throw invalid(
      `Model "${m.id}" draws characters, and the class "${source.label}" of ${source.path} is not one it draws ` +
        `(${describeCharset(cond.charset)}; name a class by its character, or like upper-A, lower-a, digit-5).`,
      'label',
    );
  return i;
}
