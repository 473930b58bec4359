/**
 * Library Open on a `latent` record: the explorer switches to the record's model, writes the text
 * it was saved with (glyph models), moves the point to it (the main view decodes it) and marks
 * its bookmark. A request that comes before the models are listed waits for them.
 */
import { useEffect, useRef, useState } from 'react';
import type { OpenRequest } from '../shell/studio';
import type { ModelsState } from '../shell/modelsBlocker';
import { markedBookmark, openTarget } from './openRecord';
import type { Bookmark } from './explorer';
import type { LatentModels } from './useLatentModels';
import type { ModelStates } from './useModelStates';
import type { PointMoves } from './usePoint';

export interface OpenRecord {
  /** The marked bookmark's record id (opened or gone to, the point still its point), or null. */
  marked: string | null;
  /** Goes to a bookmark from the list: its point, marked. */
  go: (b: Bookmark) => void;
}

interface Deps {
  openRequest: OpenRequest | null;
  modelsState: ModelsState;
  models: Pick<LatentModels, 'list' | 'choose'>;
  states: Pick<ModelStates, 'update' | 'st'>;
  moveTo: PointMoves['moveTo'];
  bookmarks: readonly Bookmark[] | null;
  notify: (text: string) => void;
}

export function useOpenRecord({
  openRequest,
  modelsState,
  models,
  states,
  moveTo,
  bookmarks,
  notify,
}: Deps): OpenRecord {
  const [markedId, setMarkedId] = useState<string | null>(null);
  // The record opened last is the one to mark (from the render that brings its request).
  const [markedFor, setMarkedFor] = useState<number | null>(null);
  if (openRequest && openRequest.n !== markedFor) {
    setMarkedFor(openRequest.n);
    setMarkedId(openRequest.generation.id);
  }
  const handled = useRef(0);
  const { list, choose } = models;
  const { update } = states;

  useEffect(() => {
    if (!openRequest || openRequest.n === handled.current || modelsState !== 'loaded') return;
    handled.current = openRequest.n;
    const gen = openRequest.generation;
    const t = openTarget(gen, list);
    if (!t.ok) {
      notify(t.message);
      return;
    }
    const text = t.text;
    if (text !== null) update(t.modelId, (s) => ({ ...s, text }));
    moveTo(t.point, { model: t.modelId });
    choose(t.modelId);
  }, [openRequest, modelsState, list, choose, update, moveTo, notify]);

  return {
    marked: markedBookmark(bookmarks, markedId, states.st.point),
    go: (b) => {
      moveTo(b.point.slice());
      setMarkedId(b.generation.id);
    },
  };
}
