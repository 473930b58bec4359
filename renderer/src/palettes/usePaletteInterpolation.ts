/**
 * Interpolate between two saved palettes: both go through the flow to its base space, the path
 * between them (spherical) comes back as INTERPOLATION_STEPS palettes, and the slider puts step i
 * on the bench. A newer pair replaces an older request.
 */
import { useEffect, useMemo, useState } from 'react';
import type { AtelierApi, ErrorInfo, Generation, PaletteResult } from '../../../preload/contract';
import { isStopped, toErrorInfo } from '../shell/errors';
import { createLatest } from './meter';
import { openedPalette } from './record';

export const INTERPOLATION_STEPS = 11;

export interface PaletteInterpolation {
  aId: string;
  bId: string;
  setA: (id: string) => void;
  setB: (id: string) => void;
  /** The path (both ends included), null until both ends are chosen and it answered. */
  path: PaletteResult[] | null;
  index: number;
  running: boolean;
  error: ErrorInfo | null;
  scrub: (index: number) => void;
}

interface Options {
  api: AtelierApi;
  model: string | null;
  saved: readonly Generation[] | null;
  onShow: (step: PaletteResult) => void;
  remember: (list: readonly PaletteResult[]) => void;
}

export function colorsOfRecord(saved: readonly Generation[] | null, id: string): string[] | null {
  const g = saved?.find((x) => x.id === id);
  return g ? (openedPalette(g)?.palette.colors ?? null) : null;
}

export function usePaletteInterpolation({
  api,
  model,
  saved,
  onShow,
  remember,
}: Options): PaletteInterpolation {
  const [aId, setA] = useState('');
  const [bId, setB] = useState('');
  const [path, setPath] = useState<PaletteResult[] | null>(null);
  const [index, setIndex] = useState(0);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const latest = useMemo(() => createLatest(), []);
  const from = colorsOfRecord(saved, aId)?.join(',') ?? '';
  const to = colorsOfRecord(saved, bId)?.join(',') ?? '';

  useEffect(() => {
    const n = latest.next();
    if (!model || from === '' || to === '') {
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setPath(null);
      return;
    }
    setRunning(true);
    setError(null);
    api.palette
      .interpolate({ model, from: from.split(','), to: to.split(','), steps: INTERPOLATION_STEPS })
      .then(
        (r) => {
          remember(r.palettes);
          if (!latest.isLatest(n)) return;
          setRunning(false);
          setPath(r.palettes);
          setIndex(0);
        },
        (err: unknown) => {
          if (!latest.isLatest(n)) return;
          setRunning(false);
          if (!isStopped(err)) setError(toErrorInfo(err));
        },
      );
  }, [api, model, from, to, latest, remember]);

  const scrub = (i: number): void => {
    const step = path?.[i];
    if (!step) return;
    setIndex(i);
    onShow(step);
  };

  return { aId, bId, setA, setB, path, index, running, error, scrub };
}
