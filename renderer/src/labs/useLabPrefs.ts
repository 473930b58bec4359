/** The Labs studio's kept choices (prefs.ts), with updaters; written to localStorage as they change. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { LabId } from '../../../preload/labs/types';
import { browserStore, readJson, writeJson } from '../shell/storage';
import { labPrefs, parsePrefs, PREFS_KEY, serializePrefs, type LabPrefs, type LabsPrefs } from './prefs';

export interface LabPrefsState {
  prefs: LabsPrefs;
  /** The newest prefs, for callbacks that run outside a render. */
  current: () => LabsPrefs;
  lab: (id: LabId) => LabPrefs;
  setTab: (id: LabId) => void;
  update: (id: LabId, patch: Partial<LabPrefs> | ((p: LabPrefs) => Partial<LabPrefs>)) => void;
}

export function useLabPrefs(): LabPrefsState {
  const store = useMemo(() => browserStore(), []);
  const [prefs, setPrefs] = useState<LabsPrefs>(() => parsePrefs(readJson(store, PREFS_KEY)));
  const ref = useRef(prefs);
  useEffect(() => {
    ref.current = prefs;
    // Written a moment later so a burst of typing writes once.
    const t = setTimeout(() => writeJson(store, PREFS_KEY, serializePrefs(prefs)), 150);
    return () => clearTimeout(t);
  }, [store, prefs]);

  const apply = useCallback((next: (p: LabsPrefs) => LabsPrefs) => {
    ref.current = next(ref.current);
    setPrefs(ref.current);
  }, []);

  return {
    prefs,
    current: useCallback(() => ref.current, []),
    lab: useCallback((id: LabId) => labPrefs(ref.current, id), []),
    setTab: useCallback((tab: LabId) => apply((p) => ({ ...p, tab })), [apply]),
    update: useCallback(
      (id, patch) =>
        apply((p) => {
          const before = labPrefs(p, id);
          const change = typeof patch === 'function' ? patch(before) : patch;
          return { ...p, labs: { ...p.labs, [id]: { ...before, ...change } } };
        }),
      [apply],
    ),
  };
}
