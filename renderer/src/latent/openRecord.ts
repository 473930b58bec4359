/**
 * Opening a `latent` record (a bookmark, a saved point) in the explorer: which model it belongs
 * to, its point and the text it was saved with (glyph models), or why it cannot open; and which
 * bookmark the explorer marks — the one opened (or gone to), while the point is still its point.
 */
import type { Generation, ModelStatus } from '../../../preload/contract';
import { isConditional, latentModelProblem, readBookmark, type Bookmark } from './explorer';

export type OpenTarget =
  { ok: true; modelId: string; point: number[]; text: string | null } | { ok: false; message: string };

/** Where a latent record opens: its model, point and glyph text; or why it cannot. */
export function openTarget(gen: Generation, models: readonly ModelStatus[]): OpenTarget {
  if (gen.kind !== 'latent') return { ok: false, message: `“${gen.title}” is not a latent point.` };
  const modelId = typeof gen.params.model === 'string' && gen.params.model ? gen.params.model : gen.modelId;
  const model = models.find((m) => m.id === modelId);
  if (!model)
    return {
      ok: false,
      message: `“${gen.title}” is a point of the model “${modelId}”, which is not installed.`,
    };
  const problem = latentModelProblem(model);
  if (problem !== null || !model.latent) return { ok: false, message: problem ?? 'No latent space.' };
  const b = readBookmark(gen, modelId, model.latent.dim);
  if (!b) return { ok: false, message: `“${gen.title}” holds no point of ${model.name}.` };
  const text = isConditional(model.latent) && b.view?.kind === 'text' ? b.view.text : null;
  return { ok: true, modelId, point: b.point.slice(), text };
}

const samePoint = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** The bookmark to mark: `id`'s, while the point on show is still its point; else null. */
export function markedBookmark(
  bookmarks: readonly Bookmark[] | null,
  id: string | null,
  point: readonly number[],
): string | null {
  if (id === null || !bookmarks) return null;
  const b = bookmarks.find((x) => x.generation.id === id);
  return b && samePoint(b.point, point) ? id : null;
}
