/**
 * A font's style in a conditional glyph VAE: every glyph encoded with its character; the style
 * code μ is the mean of the posterior means and σ the standard deviation of the mixture of the
 * glyphs' posteriors (per latent dimension: σ² = mean of the posterior variances + variance of
 * the posterior means), i.e. how far the font's own glyphs place its style. Variation j draws
 * z = μ + spread · σ · ε_j with ε_j from `new Rng(seed_j)`, so it depends on its own seed alone.
 */
import { invalid } from '../../../../preload/contract';
import { Rng } from '../../../../preload/rng';
import { encodeRgbaPng, type Rgba } from '../../../inference/image';
import { toRgba } from '../../../inference/pixels';
import { decodeLatentTiles, encodeLatentImage, latentModel, type LatentModel } from '../../latent/codec';
import type { ServiceDeps } from '../../section';
import { cancelled } from '../progress';

type Deps = Pick<ServiceDeps, 'registry' | 'inference'>;

/** A latent model that draws characters (its manifest has a charset), or a refusal naming it. */
export function glyphModel(deps: Deps, id: string): LatentModel & { charset: string } {
  const m = latentModel(deps, id, 'model');
  const cond = m.manifest.latent.condition;
  if (!cond)
    throw invalid(
      `Model "${m.id}" does not draw characters: choose a glyph model such as "glyphs".`,
      'model',
    );
  return Object.assign(m, { charset: cond.charset });
}

export interface Style {
  mean: number[];
  sd: number[];
}

/** Encodes each (char index, glyph) and averages; calls `onGlyph` after each. */
export async function fontStyle(
  deps: Deps,
  m: LatentModel,
  glyphs: readonly { charIndex: number; image: Rgba }[],
  signal: AbortSignal | undefined,
  onGlyph: () => void,
): Promise<Style> {
  if (!glyphs.length) throw invalid('The font has none of the characters the model draws.', 'font');
  const dim = m.manifest.latent.dim;
  const mean = new Array<number>(dim).fill(0);
  const second = new Array<number>(dim).fill(0);
  for (const g of glyphs) {
    if (signal?.aborted) throw cancelled();
    const r = await encodeLatentImage(deps, m, encodeRgbaPng(g.image), g.charIndex, {
      priority: 'batch',
      ...(signal ? { signal } : {}),
    });
    for (let i = 0; i < dim; i++) {
      mean[i]! += r.mean[i]! / glyphs.length;
      second[i]! += (r.std[i]! ** 2 + r.mean[i]! ** 2) / glyphs.length;
    }
    onGlyph();
  }
  return { mean, sd: mean.map((mu, i) => Math.sqrt(Math.max(0, second[i]! - mu * mu))) };
}

/** The style point of one variation. */
export function variationPoint(style: Style, spread: number, seed: number): number[] {
  const eps = new Rng(seed).fillNormal(new Float32Array(style.mean.length));
  return style.mean.map((mu, i) => mu + spread * style.sd[i]! * eps[i]!);
}

/** Every char of `charIndices` decoded with the one style point `z`. */
export async function decodeFont(
  deps: Deps,
  m: LatentModel,
  z: readonly number[],
  charIndices: number[],
  signal?: AbortSignal,
): Promise<Rgba[]> {
  const r = await decodeLatentTiles(deps, m, [z], charIndices, {
    priority: 'batch',
    ...(signal ? { signal } : {}),
  });
  return r.tiles.map(toRgba);
}
