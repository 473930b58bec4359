/**
 * A studio follows the host's jobs of its kind (see `hostJobs.ts`): on mount it asks `jobs.list`,
 * then hears `job.progress` and `job.finished`; a job it did not start here is attached, its
 * progress passed on and its end handed over with the records it made. The studio tells it which
 * jobs it starts itself (`started`) and when their calls answer (`settled`).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { AtelierApi } from '../../../preload/contract';
import { JobFollower, PendingJobs, type FollowHandlers } from './hostJobs';
import { memoryStore, type Store } from './storage';

export interface HostJobs {
  /** This page starts `jobId` (its own call shows the result). */
  started: (jobId: string) => void;
  /** This page's call for `jobId` answered (or failed). */
  settled: (jobId: string) => void;
}

/** The tab's session storage (it outlives a reload, not the tab), or memory where it is unavailable. */
export function sessionStore(): Store {
  try {
    if (typeof sessionStorage !== 'undefined') return sessionStorage;
  } catch {
    // blocked
  }
  return memoryStore();
}

export function useHostJobs(
  api: AtelierApi,
  kind: string,
  handlers: FollowHandlers,
  onError: (err: unknown) => void = () => {},
): HostJobs {
  // The latest handlers, for the follower's callbacks (which run from events, after renders).
  const latest = useRef({ handlers, onError });
  useEffect(() => {
    latest.current = { handlers, onError };
  });

  const [follower] = useState(() => new JobFollower(kind, new PendingJobs(sessionStore(), kind)));

  useEffect(() => {
    let live = true;
    let listing = false;
    let again = false;
    const list = (): void => {
      if (listing) {
        again = true;
        return;
      }
      listing = true;
      api.jobs.list().then(
        (jobs) => {
          listing = false;
          if (!live) return;
          follower.listed(jobs, latest.current.handlers);
          if (again) {
            again = false;
            list();
          }
        },
        (err: unknown) => {
          listing = false;
          if (live) latest.current.onError(err);
        },
      );
    };
    // Subscribed before asking, so nothing that ends meanwhile is missed.
    const offProgress = api.on('job.progress', (p) => {
      if (follower.progress(p, latest.current.handlers) === 'relist') list();
    });
    const offFinished = api.on('job.finished', (j) => follower.finished(j, latest.current.handlers));
    list();
    return () => {
      live = false;
      offProgress();
      offFinished();
    };
  }, [api, follower]);

  return useMemo(
    () => ({
      started: (jobId: string) => follower.started(jobId),
      settled: (jobId: string) => follower.settled(jobId),
    }),
    [follower],
  );
}
