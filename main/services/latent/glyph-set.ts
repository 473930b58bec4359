/**
 * Several glyphs of one font → one style: each glyph encoded on its own (the same path as a single
 * dropped glyph: re-framed as the model's training data), then the posteriors multiplied, each glyph
 * an observation of the same font. Refusals name the glyph ("glyphs.2.char") and what is wrong.
 */
import { AtelierError, invalid, type LatentEncodeGlyphsInput } from '../../../preload/contract';
import { combinePosteriors } from '../../../preload/latent';
import type { z } from 'zod';
import { tileToPixels } from '../../inference/pixels';
import type { ServiceDeps } from '../section';
import { describeCharset, encodeLatentImage, latentShape, type LatentModel } from './codec';

type Input = z.output<typeof LatentEncodeGlyphsInput>;

export async function encodeGlyphSet(deps: ServiceDeps, m: LatentModel, input: Input) {
  const cond = m.manifest.latent.condition;
  if (!cond)
    throw invalid(
      `Model "${m.id}" draws images, not characters: open one image with Encode instead.`,
      'model',
    );
  const chars = input.glyphs.map((g, i) => {
    const k = cond.charset.indexOf(g.char);
    if (k < 0)
      throw invalid(
        `Glyph ${i + 1}: this model cannot draw "${g.char}"; it draws ${describeCharset(cond.charset)}.`,
        `glyphs.${i}.char`,
      );
    return k;
  });
  const glyphs = [];
  for (const [i, g] of input.glyphs.entries()) {
    const r = await encodeLatentImage(deps, m, g.image, chars[i]!, {
      priority: 'interactive',
      lane: 'latent:encode',
    }).catch((e: unknown) => {
      // The picture's own fault (not an image, too small): say which glyph.
      if (e instanceof AtelierError && e.code === 'invalid-input')
        throw invalid(`Glyph ${i + 1} ("${g.char}"): ${e.message}`, `glyphs.${i}.image`);
      throw e;
    });
    glyphs.push({
      char: g.char,
      mean: r.mean,
      std: r.std,
      input: tileToPixels(new Float32Array(r.prepared.data), 0, latentShape(m)),
    });
  }
  return { glyphs, combined: combinePosteriors(glyphs) };
}
