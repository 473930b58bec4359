/**
 * The palette on the bench: its colours and locks, its name, and how it came to be (what Save
 * records), kept in localStorage on every change so a reload brings it back.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { PaletteOrigin } from '../../../preload/contract';
import { browserStore, readJson, writeJson } from '../shell/storage';
import { applyColors, parsePalette, setColor, toggleLock, type PaletteState } from './editor';

const KEY = 'atelier.palettes.bench.v1';

/** How the colours on the bench came to be: the last model run that made them, or an edit. */
export interface PaletteSource {
  origin: PaletteOrigin;
  seed: number;
  temperature: number | null;
}

export interface PaletteBench {
  palette: PaletteState;
  name: string;
  source: PaletteSource;
  toggleLock: (k: number) => void;
  setColor: (k: number, text: string) => void;
  /** A model run's palette: locked colours kept. */
  applyRun: (colors: readonly string[], source: PaletteSource) => void;
  /** Every colour replaced (an interpolation step); locks kept as they are. */
  replace: (colors: readonly string[], source: PaletteSource) => void;
  /** A library record opened on the bench. */
  load: (palette: PaletteState, name: string, source: PaletteSource) => void;
  setName: (name: string) => void;
  /** The bench now matches this library record. */
  markSaved: (id: string) => void;
}

interface Stored {
  palette: PaletteState;
  name: string;
  source: PaletteSource;
}

function parseStored(v: unknown): Stored {
  const o = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
  const s = (typeof o.source === 'object' && o.source !== null ? o.source : {}) as Record<string, unknown>;
  const origin = ['generate', 'complete', 'interpolate', 'edit'].includes(s.origin as string)
    ? (s.origin as PaletteOrigin)
    : 'edit';
  return {
    palette: parsePalette(o.palette),
    name: typeof o.name === 'string' ? o.name.slice(0, 120) : '',
    source: {
      origin,
      seed: typeof s.seed === 'number' && Number.isInteger(s.seed) && s.seed >= 0 ? s.seed : 0,
      temperature: typeof s.temperature === 'number' && Number.isFinite(s.temperature) ? s.temperature : null,
    },
  };
}

export function usePaletteBench(): PaletteBench {
  const store = useMemo(() => browserStore(), []);
  const [state, setState] = useState<Stored>(() => parseStored(readJson(store, KEY)));
  useEffect(() => {
    writeJson(store, KEY, state);
  }, [store, state]);

  const update = useCallback(
    (fn: (s: PaletteState) => PaletteState, source?: PaletteSource) =>
      setState((prev) => {
        const palette = fn(prev.palette);
        if (palette === prev.palette) return prev;
        const colorsChanged = palette.colors.some((c, i) => c !== prev.palette.colors[i]);
        // An edit keeps the seed and temperature of the run it started from (the record says where it came from).
        const edited: PaletteSource = { ...prev.source, origin: 'edit' };
        return { ...prev, palette, source: source ?? (colorsChanged ? edited : prev.source) };
      }),
    [],
  );

  return {
    palette: state.palette,
    name: state.name,
    source: state.source,
    toggleLock: useCallback((k: number) => update((p) => toggleLock(p, k)), [update]),
    setColor: useCallback((k: number, text: string) => update((p) => setColor(p, k, text)), [update]),
    applyRun: useCallback(
      (colors: readonly string[], source: PaletteSource) => update((p) => applyColors(p, colors), source),
      [update],
    ),
    replace: useCallback(
      (colors: readonly string[], source: PaletteSource) =>
        update(
          (p) => ({ ...applyColors({ ...p, locks: p.locks.map(() => false) }, colors), locks: p.locks }),
          source,
        ),
      [update],
    ),
    load: useCallback(
      (palette: PaletteState, name: string, source: PaletteSource) => setState({ palette, name, source }),
      [],
    ),
    setName: useCallback((name: string) => setState((prev) => ({ ...prev, name })), []),
    markSaved: useCallback(
      (id: string) => setState((prev) => ({ ...prev, palette: { ...prev.palette, openedId: id } })),
      [],
    ),
  };
}
