/**
 * Generate (the button, Space): new colours for every unlocked slot — the model's own samples when
 * nothing is locked (`palette.generate`), else drawn around the locked ones (`palette.complete`).
 * The first palette goes on the bench, all of them into the candidate list. A newer run replaces
 * an older one still waiting (main answers the older "superseded", which is no error here).
 */
import { useCallback, useMemo, useState } from 'react';
import type { AtelierApi, ErrorInfo, PaletteList, PaletteResult } from '../../../preload/contract';
import { isStopped, toErrorInfo } from '../shell/errors';
import { allLocked, anyLocked, slotsOf } from './editor';
import { createLatest } from './meter';
import type { SettingsErrors } from './settings';
import type { PaletteBench, PaletteSource } from './usePaletteBench';
import type { PaletteSettingsState } from './usePaletteSettings';

export interface PaletteRuns {
  running: boolean;
  candidates: PaletteResult[];
  /** How the candidates were made (what Save records when one is picked). */
  source: PaletteSource | null;
  error: ErrorInfo | null;
  fieldErrors: SettingsErrors;
  generate: () => void;
  clear: () => void;
}

interface Options {
  api: AtelierApi;
  model: string | null;
  blocked: boolean;
  bench: PaletteBench;
  settings: PaletteSettingsState;
  remember: (list: readonly PaletteResult[]) => void;
}

export function usePaletteRuns({ api, model, blocked, bench, settings, remember }: Options): PaletteRuns {
  const [running, setRunning] = useState(false);
  const [candidates, setCandidates] = useState<PaletteResult[]>([]);
  const [source, setSource] = useState<PaletteSource | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [fieldErrors, setFieldErrors] = useState<SettingsErrors>({});
  const latest = useMemo(() => createLatest(), []);

  const generate = (): void => {
    if (blocked || !model || allLocked(bench.palette)) return;
    const checked = settings.forRun();
    if (!checked.ok) {
      setFieldErrors(checked.errors);
      return;
    }
    setFieldErrors({});
    setError(null);
    const { seed, temperature, count } = checked.value;
    const complete = anyLocked(bench.palette);
    const n = latest.next();
    setRunning(true);
    const request: Promise<PaletteList> = complete
      ? api.palette.complete({ model, colors: slotsOf(bench.palette), seed, count, temperature })
      : api.palette.generate({ model, seed, count, temperature });
    request.then(
      (r) => {
        remember(r.palettes);
        if (!latest.isLatest(n)) return;
        const made: PaletteSource = { origin: complete ? 'complete' : 'generate', seed, temperature };
        setRunning(false);
        setCandidates(r.palettes);
        setSource(made);
        const first = r.palettes[0];
        if (first) bench.applyRun(first.colors, made);
      },
      (err: unknown) => {
        if (!latest.isLatest(n)) return;
        setRunning(false);
        if (!isStopped(err)) setError(toErrorInfo(err));
      },
    );
  };

  const clear = useCallback(() => {
    latest.cancel();
    setRunning(false);
    setCandidates([]);
    setError(null);
  }, [latest]);

  return { running, candidates, source, error, fieldErrors, generate, clear };
}
