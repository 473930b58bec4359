/**
 * The repository on show in the Models view: `hub.info` for the selected repo (the newest answer
 * wins), its failure as a sentence, and the variant the user picked (the suggested one until then).
 */
import { useCallback, useRef, useState } from 'react';
import type { AtelierApi, HubModelInfo } from '../../../preload/contract';
import { toErrorInfo } from '../shell/errors';

export interface ModelInfo {
  /** The selected repository; null before one is picked. */
  repo: string | null;
  info: HubModelInfo | null;
  loading: boolean;
  error: string | null;
  /** The variant the user picked; null = the default (`defaultVariant`). */
  variant: string | null;
  setVariant: (id: string) => void;
  select: (repo: string) => void;
  /** Asks again (after a token was set, or a failure). */
  reload: () => void;
}

export function useModelInfo(api: AtelierApi): ModelInfo {
  const [repo, setRepo] = useState<string | null>(null);
  const [info, setInfo] = useState<HubModelInfo | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [variant, setVariant] = useState<string | null>(null);
  const seq = useRef(0);

  const load = useCallback(
    (r: string, keepVariant: boolean) => {
      const n = ++seq.current;
      setRepo(r);
      setLoading(true);
      setError(null);
      if (!keepVariant) {
        setInfo(null);
        setVariant(null);
      }
      api.hub.info({ repo: r }).then(
        (answer) => {
          if (n !== seq.current) return;
          setInfo(answer);
          setLoading(false);
        },
        (err: unknown) => {
          if (n !== seq.current) return;
          setInfo(null);
          setError(toErrorInfo(err).message);
          setLoading(false);
        },
      );
    },
    [api],
  );

  const select = useCallback((r: string) => load(r, false), [load]);
  const reload = useCallback(() => {
    if (repo) load(repo, true);
  }, [load, repo]);

  return { repo, info, loading, error, variant, setVariant, select, reload };
}
