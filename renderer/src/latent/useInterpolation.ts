/**
 * The interpolation path of the model on show: its ends (the current point or bookmarks), mode
 * and frames in the model's state; scrubbing moves the point along it (lane `path`, the ends
 * anchored meanwhile); Export GIF / PNG strip renders it in main and downloads the file.
 */
import { useState } from 'react';
import type { AtelierApi, LatentView } from '../../../preload/contract';
import { interpolate } from '../../../preload/latent';
import { downloadBlob } from '../shell/download';
import type { Bookmark, InterpState } from './explorer';
import { exportFrames, FRAME_MS, pathEnds, pathProblem } from './interpolation';
import type { Bookmarks } from './useBookmarks';
import type { LatentModels } from './useLatentModels';
import type { ModelStates } from './useModelStates';
import type { PointMoves } from './usePoint';

export type PathFormat = 'gif' | 'png-strip';

export interface Interpolation {
  state: InterpState;
  /** Bookmarks an end may name. */
  bookmarks: readonly Bookmark[];
  /** An end names a bookmark that is gone. */
  problem: string | null;
  exporting: PathFormat | null;
  patch: (p: Partial<InterpState>) => void;
  onScrub: (t: number) => void;
  exportPath: (format: PathFormat) => Promise<void>;
}

interface Deps {
  api: AtelierApi;
  models: Pick<LatentModels, 'modelId' | 'usable'>;
  view: LatentView | null;
  states: Pick<ModelStates, 'st' | 'update' | 'readState'>;
  /** The model's bookmarks (an end may name one). */
  shelf: Pick<Bookmarks, 'bookmarks'>;
  point: Pick<PointMoves, 'moveTo' | 'anchor' | 'setAnchor'>;
  reportError: (err: unknown) => void;
  notify: (text: string) => void;
}

export function useInterpolation(d: Deps): Interpolation {
  const { api, view, states, point, reportError, notify } = d;
  const { modelId, usable } = d.models;
  const { st, update, readState } = states;
  const marksList = d.shelf.bookmarks ?? [];
  const [exporting, setExporting] = useState<PathFormat | null>(null);

  const patch = (p: Partial<InterpState>): void => {
    update(modelId, (s) => ({ ...s, interp: { ...s.interp, ...p } }));
  };

  const onScrub = (t: number): void => {
    const s = readState(modelId);
    if (!usable || !s) return;
    patch({ t });
    const ends = pathEnds(modelId, s, marksList, point.anchor());
    if (!ends) return;
    point.setAnchor(ends);
    point.moveTo(interpolate(ends.a, ends.b, t, s.interp.mode), { lane: 'path' });
  };

  const exportPath = async (format: PathFormat): Promise<void> => {
    const s = readState(modelId);
    if (!usable || !view || !s || exporting) return;
    const ends = pathEnds(modelId, s, marksList, point.anchor());
    if (!ends) return;
    const frames = exportFrames(s.interp.frames);
    setExporting(format);
    try {
      const out = await api.latent.exportPath({
        model: modelId,
        from: ends.a,
        to: ends.b,
        mode: s.interp.mode,
        frames,
        view,
        format,
        scale: s.interp.scale,
        frameMs: FRAME_MS,
      });
      downloadBlob(new Blob([new Uint8Array(out.bytes)], { type: out.mime }), out.fileName);
      notify(`Downloaded ${out.fileName}`);
    } catch (err) {
      reportError(err);
    } finally {
      setExporting(null);
    }
  };

  return {
    state: st.interp,
    bookmarks: marksList,
    problem: pathProblem(st.interp, st.point, d.shelf.bookmarks),
    exporting,
    patch,
    onScrub,
    exportPath,
  };
}
