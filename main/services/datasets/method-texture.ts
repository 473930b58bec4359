/**
 * Texture re-synthesis: new textures of the same stuff as a source texture, by image quilting
 * (./quilt.ts, Efros & Freeman 2001), at the source's size. No model: every choice comes from
 * `new Rng(seeds[j])`, so item j depends on its seed alone. Meant for folders of textures
 * (stone, fabric, bark…): on a picture of an object it makes a collage of the object's pieces.
 *
 * The quilting is pure CPU work (about 0.1 s for a 128 px texture, 0.5 s for 256 px on one
 * core), done in a worker thread (./quilt-thread.ts) so it never holds main's event loop; the
 * signal is heard between items.
 */
import { z } from 'zod';
import { AtelierError, invalid } from '../../../preload/contract';
import type { Rgba } from '../../inference/image';
import type { Method } from './method';
import { quiltOffThread } from './quilt-thread';

const between = (name: string, lo: number, hi: number, what = '') =>
  z
    .number({ message: `${name} must be a number from ${lo} to ${hi}${what}` })
    .min(lo, `${name} must be from ${lo} to ${hi}${what}`)
    .max(hi, `${name} must be from ${lo} to ${hi}${what}`);

export const TextureParams = z
  .object({
    /** Side of the square patches, px (shrunk to a smaller source's shorter side). */
    patch: between('patch', 8, 128, ' px').int('patch must be a whole number of px'),
    /** Overlap of neighbouring patches, as a fraction of the patch. */
    overlap: between('overlap', 0.1, 0.5, ' of the patch'),
    /** Pick among the candidates within (1 + tolerance) × the best overlap error. */
    tolerance: between('tolerance', 0, 1),
  })
  .strict();
export type TextureParams = z.infer<typeof TextureParams>;
export const TEXTURE_DEFAULTS: TextureParams = { patch: 32, overlap: 0.25, tolerance: 0.1 };

/** Checks and completes user params; a bad one is a sentence naming `params.<field>`. */
export function textureParams(input: unknown): TextureParams {
  const r = TextureParams.safeParse({ ...TEXTURE_DEFAULTS, ...(input as object | undefined) });
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
  if (key !== undefined)
    throw invalid(
      `Texture re-synthesis has no parameter "${key}" (it takes patch, overlap and tolerance).`,
      `params.${key}`,
    );
  throw invalid(issue.message, ['params', ...issue.path].join('.'));
}

export const textureMethod: Method<TextureParams> = {
  id: 'quilt',
  model: null,
  params: textureParams,
  async generate(source, seeds, params, signal) {
    const { width, height } = source.image;
    const out: Rgba[] = [];
    for (const seed of seeds) {
      if (signal?.aborted)
        throw new AtelierError({
          code: 'cancelled',
          message: 'Cancelled; what was written is kept and a rerun goes on from there.',
        });
      out.push(await quiltOffThread(source.image, width, height, seed, params));
    }
    return out;
  },
};
