/**
 * The interpolation path between two ends (the current point or bookmarks): resolving its ends,
 * keeping them fixed while a scrub moves the point, and the export's frame count.
 */
import { resolveEnd, type Bookmark, type InterpState, type ModelState } from './explorer';

/** Most frames an exported path may have. */
export const MAX_FRAMES = 120;
/** Each exported GIF frame's duration. */
export const FRAME_MS = 80;

export const GONE_END = 'A bookmark on this path is gone: choose another end.';

/** A path's resolved ends; `key` names the model and the two choices they were resolved for. */
export interface PathEnds {
  key: string;
  a: number[];
  b: number[];
}

/** Why the path cannot be followed (an end names a bookmark that is gone), or null. Bookmarks not yet listed: null. */
export function pathProblem(
  interp: Pick<InterpState, 'a' | 'b'>,
  point: readonly number[],
  bookmarks: readonly Bookmark[] | null,
): string | null {
  if (bookmarks === null) return null;
  const a = resolveEnd(interp.a, point, bookmarks);
  const b = resolveEnd(interp.b, point, bookmarks);
  return !a || !b ? GONE_END : null;
}

/**
 * The path's ends for `state`: the anchored ones while they were resolved for the same model and
 * choices (a scrub moves the current point, which must not move an end that is "current"), else
 * resolved afresh; null when an end is gone.
 */
export function pathEnds(
  modelId: string,
  state: Pick<ModelState, 'point' | 'interp'>,
  bookmarks: readonly Bookmark[],
  anchor: PathEnds | null,
): PathEnds | null {
  const key = `${modelId}|${state.interp.a}|${state.interp.b}`;
  if (anchor && anchor.key === key) return anchor;
  const a = resolveEnd(state.interp.a, state.point, bookmarks);
  const b = resolveEnd(state.interp.b, state.point, bookmarks);
  return a && b ? { key, a, b } : null;
}

/** The frames an export asks for: the typed count rounded, 2…MAX_FRAMES (2 when not a number). */
export function exportFrames(frames: number): number {
  return Math.min(MAX_FRAMES, Math.max(2, Math.round(frames) || 2));
}
