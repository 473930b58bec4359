/**
 * Texture jobs this page did not start — one that ran on through a reload, or one another page
 * started — through the shell's `useHostJobs`: the studio shows their progress (canvas badge,
 * status bar, Cancel), and the texture they make lands on the canvas when it is done, unless the
 * user has moved on (`showsFinished`). The studio tells it of the jobs it starts itself.
 */
import { useEffect, useRef } from 'react';
import type { AtelierApi, Generation } from '../../../preload/contract';
import { applyProgress } from '../shell/job';
import type { Shell } from '../shell/ShellContext';
import { useHostJobs, type HostJobs } from '../shell/useHostJobs';
import { showsFinished } from './hostTexture';

export function useHostTextures(
  api: AtelierApi,
  shell: Pick<Shell, 'setJob' | 'notify' | 'reportError'>,
  generation: Generation | null,
  setGeneration: (update: (prev: Generation | null) => Generation | null) => void,
  label: string,
): HostJobs {
  const shown = useRef<string | null>(generation?.id ?? null);
  useEffect(() => {
    shown.current = generation?.id ?? null;
  }, [generation]);
  /** What the canvas showed when each followed job was first seen. */
  const seenWith = useRef(new Map<string, string | null>());
  const { setJob, notify, reportError } = shell;

  return useHostJobs(
    api,
    'texture',
    {
      attach: (j) => {
        seenWith.current.set(j.jobId, shown.current);
        setJob({
          jobId: j.jobId,
          label,
          fraction: j.fraction,
          stage: j.stage,
          message: j.message,
          running: true,
        });
      },
      progress: (p) => setJob((j) => (j && j.jobId === p.jobId && j.running ? applyProgress(j, p) : j)),
      finish: (j) => {
        setJob((prev) =>
          prev && prev.jobId === j.jobId
            ? { ...prev, fraction: 1, stage: j.stage, message: '', running: false }
            : prev,
        );
        const base = seenWith.current.get(j.jobId) ?? null;
        seenWith.current.delete(j.jobId);
        if (j.stage === 'cancelled') notify('Cancelled');
        const id = j.resultIds[0];
        if (j.stage !== 'done' || !id || !showsFinished(shown.current, base)) return;
        api.library
          .get({ id })
          .then(
            (g) => setGeneration((prev) => (showsFinished(prev?.id ?? null, base) ? g : prev)),
            reportError,
          );
      },
    },
    reportError,
  );
}
