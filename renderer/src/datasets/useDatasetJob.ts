/**
 * One of the studio's jobs (an augment, an evaluation, a benchmark…): Run with a fresh job id,
 * its `job.progress` events ("12/40 items · about 8 s left"), Cancel through `jobs.cancel`, and
 * after a cancel or a failure Resume, which sends the same request again (main skips what is
 * done). The host is told which jobs are this page's own (`HostJobs`), so its follower leaves
 * them to this hook. A refused request keeps its field, for the form to show beside it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { FINISHED_STAGES, type AtelierApi, type ErrorInfo } from '../../../preload/contract';
import { isStopped, toErrorInfo } from '../shell/errors';
import { makeJobId } from '../shell/seed';
import type { HostJobs } from '../shell/useHostJobs';

export type JobPhase = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

/** A job as the hook keeps it. */
interface JobState<Req, Res> {
  phase: JobPhase;
  jobId: string | null;
  fraction: number;
  /** The job's last progress message ("12/40 items · about 8 s left"). */
  message: string;
  /** Cancel was pressed; the job stops after the item in hand. */
  stopping: boolean;
  result: Res | null;
  error: ErrorInfo | null;
  /** The last request sent (Resume sends it again). */
  request: Req | null;
}

export interface DatasetJob<Req, Res> extends JobState<Req, Res> {
  run: (request: Req) => void;
  cancel: () => void;
  resume: () => void;
  /** Forgets the error of a field the user has just changed. */
  clearError: () => void;
}

/** What the job bar and the tab's frame read of any tab's job. */
export type JobView = Omit<DatasetJob<unknown, unknown>, 'run' | 'request'>;

const IDLE: JobState<never, never> = {
  phase: 'idle',
  jobId: null,
  fraction: 0,
  message: '',
  stopping: false,
  result: null,
  error: null,
  request: null,
};

export function useDatasetJob<Req extends object, Res>(
  api: AtelierApi,
  host: HostJobs,
  call: (request: Req & { jobId: string }) => Promise<Res>,
): DatasetJob<Req, Res> {
  const [s, setS] = useState<JobState<Req, Res>>(IDLE);
  const current = useRef<string | null>(null);
  const latestCall = useRef(call);
  useEffect(() => {
    latestCall.current = call;
  });

  useEffect(
    () =>
      api.on('job.progress', (p) => {
        // The end's own event (fraction 1 even for a cancel) is left to the call's answer.
        if (p.jobId !== current.current || FINISHED_STAGES.includes(p.stage)) return;
        setS((o) =>
          o.jobId === p.jobId && o.phase === 'running'
            ? { ...o, fraction: Math.max(o.fraction, p.fraction), message: p.message }
            : o,
        );
      }),
    [api],
  );

  const run = useCallback(
    (request: Req) => {
      if (current.current) return;
      const jobId = makeJobId();
      current.current = jobId;
      host.started(jobId);
      setS((o) => ({
        ...o,
        phase: 'running',
        jobId,
        fraction: 0,
        message: 'Starting',
        error: null,
        request,
      }));
      latestCall
        .current({ ...request, jobId })
        .then(
          (result) =>
            setS((o) => ({ ...o, phase: 'done', fraction: 1, message: '', stopping: false, result })),
          (err: unknown) => {
            const error = toErrorInfo(err);
            setS((o) => ({ ...o, phase: isStopped(err) ? 'cancelled' : 'failed', stopping: false, error }));
          },
        )
        .finally(() => {
          host.settled(jobId);
          if (current.current === jobId) current.current = null;
        });
    },
    [host],
  );

  const cancel = useCallback(() => {
    const jobId = current.current;
    if (!jobId) return;
    setS((o) => ({ ...o, stopping: true }));
    api.jobs.cancel({ jobId }).catch(() => undefined);
  }, [api]);

  const resume = useCallback(() => {
    if (s.request) run(s.request);
  }, [run, s.request]);

  const clearError = useCallback(() => setS((o) => (o.error ? { ...o, error: null } : o)), []);

  return { ...s, run, cancel, resume, clearError };
}
