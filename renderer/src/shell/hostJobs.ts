/**
 * Following the host's jobs of one kind (a studio's): jobs belong to the host, not to the page,
 * so a reloaded or second page puts on screen what runs and what it makes. Pure: the hook
 * `useHostJobs.ts` feeds it `jobs.list` answers and the `job.progress` / `job.finished` events.
 *
 * - A job this page started (`started`) is the page's own: its call's answer shows the result,
 *   the follower ignores its events. Its id is kept in the tab's session storage until the call
 *   answers (`settled`), so after a reload the page still knows it as its own work.
 * - A job of the kind that runs or waits and is not the page's own is attached (`attach`), its
 *   progress passed on, and its end (`finish`) hands over the records it made.
 * - A job the page started before a reload that has ended by the time the page lists the jobs is
 *   finished at once: its results reach the screen after all.
 */
import { FINISHED_STAGES, type JobInfo, type JobProgress } from '../../../preload/contract';
import { readJson, writeJson, type Store } from './storage';

export interface FollowHandlers {
  /** A job of the kind runs or waits that this page did not start (here): show it. */
  attach: (job: JobInfo) => void;
  /** Progress of an attached job. */
  progress: (p: JobProgress) => void;
  /** An attached job ended, or one this tab started before a reload: its results, if done. */
  finish: (job: JobInfo) => void;
}

export const isFinished = (stage: JobInfo['stage']): boolean => FINISHED_STAGES.includes(stage);

/** At most this many ids are kept per kind (the oldest go first). */
const MAX_PENDING = 50;

/** Ids of jobs this tab started and has not seen answered, per kind, in session storage. */
export class PendingJobs {
  constructor(
    private readonly store: Store,
    private readonly kind: string,
  ) {}

  private get key(): string {
    return `atelier.jobs.pending.${this.kind}`;
  }

  ids(): string[] {
    const raw = readJson(this.store, this.key);
    return Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : [];
  }

  has(jobId: string): boolean {
    return this.ids().includes(jobId);
  }

  add(jobId: string): void {
    const ids = this.ids().filter((x) => x !== jobId);
    ids.push(jobId);
    writeJson(this.store, this.key, ids.slice(-MAX_PENDING));
  }

  remove(jobId: string): void {
    if (this.has(jobId)) this.retain((id) => id !== jobId);
  }

  retain(keep: (jobId: string) => boolean): void {
    const ids = this.ids();
    const kept = ids.filter(keep);
    if (kept.length === ids.length) return;
    if (kept.length === 0) this.store.removeItem(this.key);
    else writeJson(this.store, this.key, kept);
  }
}

export class JobFollower {
  /** Started by this page: its call's answer handles it. */
  private readonly own = new Set<string>();
  /** Followed: seen running or waiting, not yet ended. */
  private readonly attached = new Set<string>();
  /** Ended (an event seen), so a list answered later does not attach or finish it again. */
  private readonly ended = new Set<string>();

  constructor(
    private readonly kind: string,
    private readonly pending: PendingJobs,
  ) {}

  /** This page starts a job: its own (kept in the session until `settled`). */
  started(jobId: string): void {
    this.own.add(jobId);
    this.pending.add(jobId);
  }

  /** This page's call for the job answered: nothing is left to recover. */
  settled(jobId: string): void {
    this.pending.remove(jobId);
  }

  /** The jobs the host lists (at load, or after an unknown job's progress). */
  listed(jobs: readonly JobInfo[], handlers: FollowHandlers): void {
    const mine = jobs.filter((j) => j.kind === this.kind);
    for (const j of mine) {
      if (this.own.has(j.jobId) || this.attached.has(j.jobId) || this.ended.has(j.jobId)) continue;
      if (!isFinished(j.stage)) {
        this.attached.add(j.jobId);
        handlers.attach(j);
      } else if (this.pending.has(j.jobId)) {
        this.ended.add(j.jobId);
        this.pending.remove(j.jobId);
        handlers.finish(j);
      }
    }
    // Ids the host no longer lists (long finished, or the host restarted) are not coming back.
    const listed = new Set(mine.map((j) => j.jobId));
    this.pending.retain((id) => this.own.has(id) || listed.has(id));
  }

  /** A job's progress; 'relist' when it is a job of the kind the follower does not know yet. */
  progress(p: JobProgress, handlers: FollowHandlers): 'relist' | null {
    if (p.kind !== this.kind || this.own.has(p.jobId) || this.ended.has(p.jobId)) return null;
    if (this.attached.has(p.jobId)) handlers.progress(p);
    else if (!isFinished(p.stage)) return 'relist';
    return null;
  }

  finished(j: JobInfo, handlers: FollowHandlers): void {
    if (j.kind !== this.kind || this.own.has(j.jobId) || this.ended.has(j.jobId)) return;
    this.ended.add(j.jobId);
    const followed = this.attached.delete(j.jobId);
    const mine = this.pending.has(j.jobId);
    this.pending.remove(j.jobId);
    if (followed || mine) handlers.finish(j);
  }
}
