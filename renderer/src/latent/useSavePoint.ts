/**
 * Keeping the current point as a library record (kind `latent`): Bookmark (titled "Bookmark n"),
 * Save to library, Send to canvas (saved, then shown big on the Texture studio's canvas, the one
 * place a latent record shows outside the explorer). One save at a time.
 */
import { useRef, useState } from 'react';
import type { AtelierApi, Generation, LatentView } from '../../../preload/contract';
import { nextBookmarkTitle } from './explorer';
import type { Bookmarks } from './useBookmarks';
import type { LatentModels } from './useLatentModels';
import type { ModelStates } from './useModelStates';

export type SaveKind = 'bookmark' | 'save' | 'canvas';

export interface SavePoint {
  /** The save in progress. */
  busy: SaveKind | null;
  bookmark: () => Promise<void>;
  saveToLibrary: () => Promise<void>;
  sendToCanvas: () => Promise<void>;
}

interface Deps {
  api: AtelierApi;
  models: Pick<LatentModels, 'modelId' | 'usable'>;
  view: LatentView | null;
  states: Pick<ModelStates, 'readState'>;
  /** The model's bookmarks (a new one is numbered after them); a saved record is added at once. */
  shelf: Pick<Bookmarks, 'bookmarks' | 'add'>;
  /** Shows the saved record in the studio that shows latent records (the texture canvas). */
  onSendGeneration: (gen: Generation) => void;
  reportError: (err: unknown) => void;
  notify: (text: string) => void;
}

export function useSavePoint(d: Deps): SavePoint {
  const { api, view, reportError, notify } = d;
  const { modelId, usable } = d.models;
  const saving = useRef(false);
  const [busy, setBusy] = useState<SaveKind | null>(null);

  const save = async (why: SaveKind): Promise<Generation | null> => {
    const s = d.states.readState(modelId);
    if (!usable || !view || !s || saving.current) return null;
    saving.current = true;
    setBusy(why);
    try {
      const title = why === 'bookmark' ? nextBookmarkTitle(d.shelf.bookmarks ?? []) : null;
      const gen = await api.latent.save({
        model: modelId,
        point: s.point,
        view,
        ...(title ? { title } : {}),
      });
      d.shelf.add(gen);
      return gen;
    } catch (err) {
      reportError(err);
      return null;
    } finally {
      saving.current = false;
      setBusy(null);
    }
  };

  return {
    busy,
    bookmark: async () => {
      const gen = await save('bookmark');
      if (gen) notify(`Bookmarked “${gen.title}”`);
    },
    saveToLibrary: async () => {
      const gen = await save('save');
      if (gen) notify(`Saved “${gen.title}” to the library`);
    },
    sendToCanvas: async () => {
      const gen = await save('canvas');
      if (gen) d.onSendGeneration(gen);
    },
  };
}
