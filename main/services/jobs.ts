/**
 * Long jobs: each has a client-chosen id, an AbortController and progress events. Cancelling
 * aborts the job's signal; the generator stops at its next step and nothing is saved.
 *
 * Jobs belong to the host, not to the page that started them: the manager keeps every running
 * or queued job (its section, label, stage, fraction, start time) and the ones that finished
 * lately with the library records they made (`list`, the contract's `jobs.list`), and announces
 * each end (`job.finished`), so a reloaded or second page can put a job's results on screen.
 */
import { AtelierError, type JobInfo, type JobProgress } from '../../preload/contract';

export interface JobContext {
  signal: AbortSignal;
  progress(stage: JobProgress['stage'], fraction: number, message: string): void;
  /** Throws `cancelled` if the job has been cancelled. */
  checkpoint(): void;
}

/** What a job is, for the list: its section, label, seed and size, and the records its result holds. */
export interface JobMeta<T = unknown> {
  /** The section that runs it ('texture', 'image', 'text'). */
  kind: string;
  label: string;
  seed?: number | null;
  /** Records it makes when done (default 1). */
  count?: number;
  /** The library records a result holds (none when left out). */
  results?: (result: T) => readonly string[];
}

export interface JobManagerOptions {
  /** A job ended (done, failed, cancelled): its entry as the list now shows it. */
  onFinished?: (job: JobInfo) => void;
  /** Finished jobs kept in the list: at most this many… (default 20) */
  keepFinished?: number;
  /** …finished at most this long ago (ms; default 10 minutes). */
  keepMs?: number;
  now?: () => number;
}

interface Entry {
  info: JobInfo;
  controller: AbortController;
}

/** The table every view of one manager shares. */
interface Table {
  readonly running: Map<string, Entry>;
  /** Finished jobs, oldest first. */
  finished: JobInfo[];
  readonly emit: (p: JobProgress) => void;
  readonly opts: Required<Omit<JobManagerOptions, 'onFinished'>> & Pick<JobManagerOptions, 'onFinished'>;
}

const DEFAULT_META: JobMeta = { kind: 'job', label: '' };

export class JobManager {
  private readonly table: Table;
  private readonly defaults: JobMeta;

  constructor(
    emit: (p: JobProgress) => void,
    opts: JobManagerOptions = {},
    defaults: JobMeta = DEFAULT_META,
  ) {
    this.table = {
      running: new Map(),
      finished: [],
      emit,
      opts: {
        keepFinished: opts.keepFinished ?? 20,
        keepMs: opts.keepMs ?? 10 * 60_000,
        now: opts.now ?? Date.now,
        onFinished: opts.onFinished,
      },
    };
    this.defaults = defaults;
  }

  /**
   * The same jobs, for a section whose calls name no kind: its jobs are listed as `defaults`
   * says (one manager, one list, one cancel).
   */
  withDefaults(defaults: JobMeta): JobManager {
    const view = Object.create(JobManager.prototype) as JobManager;
    Object.assign(view, { table: this.table, defaults });
    return view;
  }

  async run<T>(jobId: string, work: (ctx: JobContext) => Promise<T>, meta?: JobMeta<T>): Promise<T> {
    const { running, opts } = this.table;
    if (running.has(jobId)) {
      throw new AtelierError({
        code: 'invalid-input',
        message: `A job with id ${jobId} is already running.`,
        field: 'jobId',
      });
    }
    const m = (meta ?? this.defaults) as JobMeta<T>;
    const controller = new AbortController();
    const info: JobInfo = {
      jobId,
      kind: m.kind,
      label: m.label,
      stage: 'queued',
      fraction: 0,
      message: '',
      seed: m.seed ?? null,
      count: m.count ?? 1,
      startedAt: opts.now(),
      finishedAt: null,
      resultIds: [],
    };
    running.set(jobId, { info, controller });
    const progress = (stage: JobProgress['stage'], fraction: number, message: string): void => {
      const f = Math.max(0, Math.min(1, fraction));
      info.stage = stage;
      info.fraction = f;
      info.message = message;
      this.table.emit({ jobId, kind: info.kind, stage, fraction: f, message });
    };
    const ctx: JobContext = {
      signal: controller.signal,
      progress: (stage, fraction, message) => {
        // Once ended, a late tick of the work (a timer, a step in flight) changes nothing.
        if (info.finishedAt === null) progress(stage, fraction, message);
      },
      checkpoint: () => {
        if (controller.signal.aborted)
          throw new AtelierError({ code: 'cancelled', message: 'Cancelled; nothing was saved.' });
      },
    };
    try {
      progress('queued', 0, 'Queued');
      const result = await work(ctx);
      info.resultIds = m.results ? [...m.results(result)] : [];
      progress('done', 1, 'Done');
      return result;
    } catch (e) {
      const cancelled = controller.signal.aborted || (e instanceof AtelierError && e.code === 'cancelled');
      progress(cancelled ? 'cancelled' : 'failed', 1, cancelled ? 'Cancelled' : 'Failed');
      if (cancelled) throw new AtelierError({ code: 'cancelled', message: 'Cancelled; nothing was saved.' });
      throw e;
    } finally {
      info.finishedAt = opts.now();
      running.delete(jobId);
      this.table.finished.push(info);
      this.prune();
      opts.onFinished?.({ ...info, resultIds: [...info.resultIds] });
    }
  }

  cancel(jobId: string): boolean {
    const c = this.table.running.get(jobId);
    if (!c) return false;
    c.controller.abort();
    return true;
  }

  /** Running and queued jobs, oldest first, then the ones finished lately, oldest first. */
  list(): JobInfo[] {
    this.prune();
    const copy = (j: JobInfo): JobInfo => ({ ...j, resultIds: [...j.resultIds] });
    const live = [...this.table.running.values()]
      .map((e) => e.info)
      .sort((a, b) => a.startedAt - b.startedAt);
    return [...live.map(copy), ...this.table.finished.map(copy)];
  }

  get active(): number {
    return this.table.running.size;
  }

  private prune(): void {
    const { opts } = this.table;
    const since = opts.now() - opts.keepMs;
    const kept = this.table.finished.filter((j) => (j.finishedAt ?? 0) >= since);
    this.table.finished = kept.slice(Math.max(0, kept.length - opts.keepFinished));
  }
}
