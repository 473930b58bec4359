/**
 * Each model's explorer state (point, pad axes, text, grid, temperature, tiling, path, encode
 * character), kept per model so that switching models and back returns to where you were.
 * Updates are visible to the next event at once, before React renders them.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { LatentView } from '../../../preload/contract';
import { initialModelState, mainView, stateFor, type LatentInfo, type ModelState } from './explorer';
import { validAxes, type Axes } from './pad';
import type { LatentModels } from './useLatentModels';

export type UpdateState = (mid: string, fn: (s: ModelState) => ModelState) => void;

export interface ModelStates {
  /** The state of the model on show, as rendered. */
  st: ModelState;
  /** Its pad axes, valid for the model. */
  axes: Axes;
  /** The model's principal directions (0 without a model). */
  count: number;
  /** Updates one model's state. */
  update: UpdateState;
  /** Updates the state of the model on show (as rendered). */
  patch: (fn: (s: ModelState) => ModelState) => void;
  /** A model's latest state, fit for it; null for a model without a latent space. */
  readState: (mid: string) => ModelState | null;
  /** A model's latent space (as of the last render). */
  latentOf: (mid: string) => LatentInfo | undefined;
  /** What a model's main view draws for its latest state. */
  viewOf: (mid: string) => LatentView | null;
  /** The model on show and whether it is usable, as of the last render (for answers and events). */
  shown: () => { modelId: string; usable: boolean };
}

export function useModelStates({
  list,
  modelId,
  latent,
  usable,
}: Pick<LatentModels, 'list' | 'modelId' | 'latent' | 'usable'>): ModelStates {
  const [states, setStates] = useState<Record<string, ModelState>>({});
  const statesRef = useRef(states);
  const fallback = useMemo(() => initialModelState(latent), [latent]);
  const st = stateFor(latent, states[modelId], fallback);
  const count = latent ? latent.pca.directions.length : 0;

  const latentById = useRef(new Map<string, LatentInfo | undefined>(list.map((m) => [m.id, m.latent])));
  const current = useRef({ modelId, usable });
  useEffect(() => {
    current.current = { modelId, usable };
    latentById.current = new Map(list.map((m) => [m.id, m.latent]));
  });

  const update = useCallback<UpdateState>((mid, fn) => {
    const stored = statesRef.current[mid];
    const prev = stateFor(latentById.current.get(mid), stored);
    const next = fn(prev);
    if (next === prev && stored) return;
    statesRef.current = { ...statesRef.current, [mid]: next };
    setStates(statesRef.current);
  }, []);

  const readState = useCallback((mid: string): ModelState | null => {
    const l = latentById.current.get(mid);
    return l ? stateFor(l, statesRef.current[mid]) : null;
  }, []);

  const latentOf = useCallback((mid: string) => latentById.current.get(mid), []);

  const viewOf = useCallback(
    (mid: string): LatentView | null => {
      const l = latentById.current.get(mid);
      const s = readState(mid);
      return l && s ? mainView(l, s) : null;
    },
    [readState],
  );

  const shown = useCallback(() => current.current, []);

  return {
    st,
    axes: validAxes(st.axes, count),
    count,
    update,
    patch: (fn) => update(modelId, fn),
    readState,
    latentOf,
    viewOf,
    shown,
  };
}
