/**
 * Datasets jobs this page did not start (one that ran on through a reload, or another page's),
 * through the shell's `useHostJobs` (kind 'datasets'): shown with their progress and Cancel; once
 * ended, the last one stays with its outcome. Its result is not carried by the host: running the
 * same request again shows it (an augment reuses every item already made).
 */
import { useCallback, useMemo, useState } from 'react';
import type { AtelierApi, JobInfo } from '../../../preload/contract';
import { useHostJobs, type HostJobs } from '../shell/useHostJobs';

export interface Followed {
  jobId: string;
  label: string;
  fraction: number;
  message: string;
  stage: JobInfo['stage'];
}

export function useFollowedJobs(
  api: AtelierApi,
  onError: (err: unknown) => void,
): {
  host: HostJobs;
  followed: Followed[];
  cancel: (jobId: string) => void;
  dismiss: (jobId: string) => void;
} {
  const [followed, setFollowed] = useState<Followed[]>([]);
  const handlers = useMemo(
    () => ({
      attach: (j: JobInfo) =>
        setFollowed((l) => [
          ...l.filter((f) => f.jobId !== j.jobId),
          { jobId: j.jobId, label: j.label, fraction: j.fraction, message: j.message, stage: j.stage },
        ]),
      progress: (p: { jobId: string; fraction: number; message: string; stage: JobInfo['stage'] }) =>
        setFollowed((l) =>
          l.map((f) =>
            f.jobId === p.jobId ? { ...f, fraction: p.fraction, message: p.message, stage: p.stage } : f,
          ),
        ),
      finish: (j: JobInfo) =>
        setFollowed((l) => [
          ...l.filter((f) => f.jobId !== j.jobId),
          { jobId: j.jobId, label: j.label, fraction: j.fraction, message: j.message, stage: j.stage },
        ]),
    }),
    [],
  );
  const host = useHostJobs(api, 'datasets', handlers, onError);
  const cancel = useCallback(
    (jobId: string) => void api.jobs.cancel({ jobId }).catch(onError),
    [api, onError],
  );
  const dismiss = useCallback((jobId: string) => setFollowed((l) => l.filter((f) => f.jobId !== jobId)), []);
  return { host, followed, cancel, dismiss };
}
