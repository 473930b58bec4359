/**
 * The data panel's actions: a preset, a CSV opened (a broken one is refused with its line, and
 * the lab keeps its data and goes on), points drawn with the brush (the running model goes on
 * learning them), clearing the drawing, and the image mode with its glyph set.
 */
import { useCallback, useState } from 'react';
import { CsvError, parseCsv, type PresetName } from '../../../preload/labs/data';
import type { LabId } from '../../../preload/labs/types';
import { MAX_DRAWN } from './brush';
import type { GlyphSet } from './glyphs';
import type { LabPrefsState } from './useLabPrefs';
import type { LabRun } from './useLabRun';

/** Drawn points a lab needs before it trains on them. */
export const MIN_DRAWN = 20;

export interface LabDataActions {
  drawing: boolean;
  setDrawing: (on: boolean) => void;
  setPreset: (name: PresetName) => void;
  openCsv: (file: File) => Promise<void>;
  addStroke: (points: number[]) => void;
  clearDrawing: () => void;
  setImages: (on: boolean) => void;
  setGlyphs: (set: GlyphSet) => void;
}

export function useLabData(lab: LabId, prefs: LabPrefsState, run: LabRun): LabDataActions {
  const [drawing, setDrawingState] = useState(false);
  const { update, lab: prefsOf } = prefs;
  const { restart, trainOnDrawn, setError } = run;

  const addStroke = useCallback(
    (points: number[]) => {
      const p = prefsOf(lab);
      const before = p.data.kind === 'drawn' ? p.data.points : new Float32Array(0);
      let next = new Float32Array(before.length + points.length);
      next.set(before);
      next.set(points, before.length);
      // The newest points are kept when there are too many.
      if (next.length / 2 > MAX_DRAWN) next = next.slice(next.length - MAX_DRAWN * 2);
      update(lab, { data: { kind: 'drawn', points: next } });
      if (next.length / 2 < MIN_DRAWN) return;
      if (p.images) return;
      trainOnDrawn({ dim: 2, points: next, source: { kind: 'drawn' } });
    },
    [lab, prefsOf, update, trainOnDrawn],
  );

  return {
    drawing,
    setDrawing: useCallback(
      (on: boolean) => {
        setDrawingState(on);
        if (on && prefsOf(lab).images) {
          update(lab, { images: false, form: {} });
          restart();
        }
      },
      [lab, prefsOf, restart, update],
    ),
    setPreset: useCallback(
      (name: PresetName) => {
        update(lab, { data: { kind: 'preset', name }, images: false });
        setDrawingState(false);
        restart();
      },
      [lab, restart, update],
    ),
    openCsv: useCallback(
      async (file: File) => {
        try {
          const data = parseCsv(await file.text(), file.name);
          update(lab, { data: { kind: 'csv', name: file.name, points: data.points }, images: false });
          setDrawingState(false);
          restart();
        } catch (e) {
          setError(e instanceof CsvError || e instanceof Error ? e.message : String(e));
        }
      },
      [lab, restart, setError, update],
    ),
    addStroke,
    clearDrawing: useCallback(
      () => update(lab, { data: { kind: 'drawn', points: new Float32Array(0) } }),
      [lab, update],
    ),
    setImages: useCallback(
      (on: boolean) => {
        update(lab, { images: on, form: {} });
        if (on) setDrawingState(false);
        restart();
      },
      [lab, restart, update],
    ),
    setGlyphs: useCallback(
      (set: GlyphSet) => {
        update(lab, { glyphs: set });
        restart();
      },
      [lab, restart, update],
    ),
  };
}
