/**
 * The host's hub downloads: `hub.downloads` at mount (so a reload, or a host restarted with paused
 * downloads, shows them), then every `hub.download` event merged in. Start, pause, resume, retry
 * and cancel call the host; a call's refusal is kept by the download (or, for a start, returned).
 * A download that reaches "done" lists the models again, so every studio's picker has it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AtelierApi, HubDownload } from '../../../preload/contract';
import { toErrorInfo } from '../shell/errors';
import { becameDone, mergeDownloads } from './downloads';

export interface Downloads {
  list: HubDownload[];
  /** The listing's failure, a sentence. */
  error: string | null;
  /** A refused pause/resume/cancel, by download id. */
  actionErrors: Readonly<Record<string, string>>;
  /** Starts a download; answers the refusal's sentence, or null once it started. */
  start: (repo: string, revision: string, variant: string) => Promise<string | null>;
  pause: (d: HubDownload) => void;
  resume: (d: HubDownload) => void;
  retry: (d: HubDownload) => void;
  cancel: (d: HubDownload) => void;
}

export function useDownloads(api: AtelierApi, reloadModels: () => Promise<unknown>): Downloads {
  const [list, setList] = useState<HubDownload[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [actionErrors, setActionErrors] = useState<Readonly<Record<string, string>>>({});
  const listRef = useRef<HubDownload[]>([]);

  /** Merges reports; lists the models again when one became done. */
  const take = useCallback((reports: readonly HubDownload[]) => {
    const before = listRef.current;
    const finished = reports.some((d) => becameDone(before, d));
    const next = mergeDownloads(before, reports);
    listRef.current = next;
    setList(next);
    if (finished) void reloadModels().catch(() => {});
  }, [reloadModels]);

  useEffect(() => {
    let live = true;
    const off = api.on('hub.download', (d) => take([d]));
    api.hub.downloads().then(
      (all) => {
        if (live) take(all);
      },
      (err: unknown) => {
        if (live) setError(toErrorInfo(err).message);
      },
    );
    return () => {
      live = false;
      off();
    };
  }, [api, take]);

  const act = useCallback(
    (d: HubDownload, call: () => Promise<HubDownload | { cancelled: boolean }>) => {
      setActionErrors(({ [d.downloadId]: _, ...rest }) => rest);
      call().then(
        (answer) => {
          if ('downloadId' in answer) take([answer]);
          else if (answer.cancelled) {
            // Shown as cancelled at once; the host's own report (newer or as new) replaces it.
            const now = listRef.current.find((x) => x.downloadId === d.downloadId) ?? d;
            take([{ ...now, state: 'cancelled', bytesPerSecond: 0, file: null }]);
          }
        },
        (err: unknown) =>
          setActionErrors((prev) => ({ ...prev, [d.downloadId]: toErrorInfo(err).message })),
      );
    },
    [take],
  );

  const start = useCallback(
    async (repo: string, revision: string, variant: string): Promise<string | null> => {
      try {
        take([await api.hub.download({ repo, revision, variant })]);
        return null;
      } catch (err) {
        return toErrorInfo(err).message;
      }
    },
    [api, take],
  );

  return {
    list,
    error,
    actionErrors,
    start,
    pause: (d) => act(d, () => api.hub.pause({ downloadId: d.downloadId })),
    resume: (d) => act(d, () => api.hub.resume({ downloadId: d.downloadId })),
    retry: (d) => act(d, () => api.hub.download({ repo: d.repo, revision: d.revision, variant: d.variant })),
    cancel: (d) => act(d, () => api.hub.cancel({ downloadId: d.downloadId })),
  };
}
