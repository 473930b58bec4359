/**
 * `palette.apply`: a palette applied to a library texture, image or latent glyph sheet / tile. The
 * source's image is recoloured in the recolour worker (./recolorer.ts: decode, gradient map along
 * the palette's lightness ramp in OKLab — `recolorPixels` in preload/palette.ts —, encode) and
 * saved as a new record of the source's kind: parentId = the source, params = the source's plus
 * `recolor: { colors, strength, method }`, its own image and thumbnail, title "<source> · recoloured".
 * It runs as a job (progress, cancel, the host's job list) under the caller's jobId or its own.
 */
import { randomUUID } from 'node:crypto';
import {
  AtelierError,
  invalid,
  RECOLORABLE_KINDS,
  type Generation,
  type RecoloredGeneration,
  type RecolorParams,
} from '../../../preload/contract';
import { RECOLOR_METHOD } from '../../../preload/palette';
import { announce, type ServiceDeps } from '../section';
import type { Recolorer } from './recolorer';

/** The recoloured record's thumbnail: its longest side (as the studios write theirs). */
export const RECOLOR_THUMBNAIL = 256;

const SUFFIX = ' · recoloured';

/** "<source title> · recoloured" (a recoloured copy of a recoloured copy keeps one suffix). */
export function recoloredTitle(title: string): string {
  return title.endsWith(SUFFIX) ? title : `${title}${SUFFIX}`;
}

const isRecolorable = (g: Generation): g is RecoloredGeneration =>
  (RECOLORABLE_KINDS as readonly string[]).includes(g.kind);

export interface ApplyInput {
  generationId: string;
  colors: string[];
  strength: number;
  jobId?: string | undefined;
}

export function createApply(
  deps: Pick<ServiceDeps, 'library' | 'jobs' | 'events'>,
  recolorer: Recolorer,
): (input: ApplyInput) => Promise<RecoloredGeneration> {
  return async ({ generationId, colors, strength, jobId }) => {
    if (!deps.library.exists(generationId))
      throw new AtelierError({
        code: 'not-found',
        message: `No generation ${generationId} in the library: it may have been deleted.`,
        field: 'generationId',
      });
    const source = deps.library.get(generationId);
    if (!isRecolorable(source))
      throw invalid(
        `Generation ${generationId} is a ${source.kind} record and has no picture to recolour; a palette applies to a texture, an image or a latent glyph sheet or tile.`,
        'generationId',
      );
    const recolor: RecolorParams = { colors, strength, method: RECOLOR_METHOD };
    return deps.jobs.run(
      jobId ?? randomUUID(),
      async (ctx) => {
        const started = performance.now();
        ctx.progress('preparing', 0.05, 'Reading the picture');
        const { bytes } = await deps.library.readAsset(source.id, 'image');
        ctx.checkpoint();
        const r = await recolorer.recolor(
          { png: bytes, colors, strength, thumbnail: RECOLOR_THUMBNAIL },
          (stage) => {
            if (stage === 'recolour') ctx.progress('inference', 0.2, 'Recolouring');
            else ctx.progress('encoding', 0.7, 'Encoding the PNG');
          },
        );
        ctx.checkpoint();
        ctx.progress('saving', 0.9, 'Saving');
        const gen = await deps.library.add({
          kind: source.kind,
          // What made the pixels; the recolour is in params.recolor.
          modelId: source.modelId,
          modelSha256: source.modelSha256,
          provider: source.provider,
          seed: source.seed,
          params: { ...source.params, recolor },
          parentId: source.id,
          durationMs: performance.now() - started,
          width: r.width,
          height: r.height,
          title: recoloredTitle(source.title),
          assets: [
            { role: 'image', mime: 'image/png', ext: 'png', bytes: r.png },
            { role: 'thumbnail', mime: 'image/png', ext: 'png', bytes: r.thumbnailPng },
          ],
        });
        return announce(deps, gen as RecoloredGeneration);
      },
      { kind: 'palette', label: `Recolour · ${source.title}`, seed: source.seed, results: (g) => [g.id] },
    );
  };
}
