/**
 * The meter's number: the palette on the bench scored by the model. Palettes a run already scored
 * (generate, complete, interpolate) show at once; an edited one is scored 120 ms after the last
 * change, and only the newest answer is shown (older ones still fill the cache). While an answer
 * is awaited the meter keeps the last one, marked as scoring.
 */
import { useCallback, useEffect, useEffectEvent, useMemo, useState } from 'react';
import type { AtelierApi, PaletteResult } from '../../../preload/contract';
import { isStopped } from '../shell/errors';
import { paletteKey } from './editor';
import { createLatest } from './meter';

export const SCORE_DEBOUNCE_MS = 120;

export interface PaletteScore {
  /** The score of the palette on the bench, or the last one shown while it is being scored. */
  result: PaletteResult | null;
  /** True while the bench's palette has no answer yet. */
  pending: boolean;
  failed: boolean;
  /** Scores a run answered, so choosing one of its palettes needs no request. */
  remember: (list: readonly PaletteResult[]) => void;
}

export function usePaletteScore(
  api: AtelierApi,
  model: string | null,
  colors: readonly string[],
  reportError: (err: unknown) => void,
): PaletteScore {
  const [known, setKnown] = useState<ReadonlyMap<string, PaletteResult>>(() => new Map());
  const [shown, setShown] = useState<PaletteResult | null>(null);
  const [failedKey, setFailedKey] = useState<string | null>(null);
  const latest = useMemo(() => createLatest(), []);
  const key = paletteKey(colors);

  const remember = useCallback((list: readonly PaletteResult[]) => {
    setKnown((prev) => {
      const next = new Map(prev);
      for (const r of list) next.set(paletteKey(r.colors), r);
      // A designer's session scores a few hundred palettes at most; keep the newest thousand.
      while (next.size > 1000) next.delete(next.keys().next().value!);
      return next;
    });
  }, []);

  const isKnown = useEffectEvent((k: string) => known.has(k));
  const report = useEffectEvent((err: unknown) => reportError(err));

  useEffect(() => {
    if (!model || isKnown(key)) {
      latest.cancel();
      return;
    }
    const n = latest.next();
    const wanted = key.split(',');
    const timer = setTimeout(() => {
      api.palette.score({ model, colors: wanted }).then(
        (r) => {
          remember([r]);
          if (latest.isLatest(n)) setShown(r);
        },
        (err: unknown) => {
          if (!latest.isLatest(n) || isStopped(err)) return;
          setFailedKey(key);
          report(err);
        },
      );
    }, SCORE_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [api, model, key, latest, remember]);

  const hit = known.get(key);
  return { result: hit ?? shown, pending: !hit, failed: !hit && failedKey === key, remember };
}
