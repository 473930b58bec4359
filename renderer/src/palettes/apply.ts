/**
 * "Apply to…": the library's pictures a palette can recolour (textures, images, latent points —
 * glyph sheets and tiles), newest first, and where a recoloured record is shown: in the studio it
 * came from — a texture on the Texture studio's canvas, an image on the Image studio's board, and
 * a latent glyph sheet or tile on the Texture studio's canvas, where the Latent Explorer sends its
 * points (opened in the explorer it would be decoded again from its point, without the colours).
 */
import { RECOLORABLE_KINDS, type Generation, type GenerationKind } from '../../../preload/contract';
import { newestFirst } from '../shell/format';

/** Records of each kind listed at a time (the picker's "Show older" asks for more). */
export const APPLY_PAGE = 48;

export const APPLY_KINDS: readonly GenerationKind[] = RECOLORABLE_KINDS;

/** The lists of each kind as one, newest first, each record once; null while none has answered. */
export function applyTargets(lists: readonly (readonly Generation[] | null)[]): Generation[] | null {
  if (lists.every((l) => l === null)) return null;
  const seen = new Set<string>();
  const all: Generation[] = [];
  for (const list of lists)
    for (const g of list ?? [])
      if ((APPLY_KINDS as readonly string[]).includes(g.kind) && !seen.has(g.id)) {
        seen.add(g.id);
        all.push(g);
      }
  return newestFirst(all);
}

/** What a picker card calls a record's kind. */
export function kindLabel(gen: Pick<Generation, 'kind'>): string {
  switch (gen.kind) {
    case 'texture':
      return 'Texture';
    case 'image':
      return 'Image';
    case 'latent':
      return 'Latent point';
    default:
      return gen.kind;
  }
}

/** How a recoloured record is shown: latent points are sent to the canvas, the rest open in their studio. */
export function showRecolored(
  gen: Generation,
  show: { open: (gen: Generation) => void; send: (gen: Generation) => void },
): void {
  if (gen.kind === 'latent') show.send(gen);
  else show.open(gen);
}

/** A strength from the slider (0…1, two decimals); anything else is full strength. */
export function parseStrength(value: number): number {
  if (!Number.isFinite(value)) return 1;
  return Math.round(Math.min(1, Math.max(0, value)) * 100) / 100;
}

export const strengthText = (s: number): string => `${Math.round(s * 100)}%`;
