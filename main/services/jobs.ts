/**
 * Long jobs: each has a client-chosen id, an AbortController and progress events. Cancelling
 * aborts the job's signal; the generator stops at its next step and nothing is saved.
 */
import { AtelierError, type JobProgress } from '../../preload/contract';

export interface JobContext {
  signal: AbortSignal;
  progress(stage: JobProgress['stage'], fraction: number, message: string): void;
  /** Throws `cancelled` if the job has been cancelled. */
  checkpoint(): void;
}

export class JobManager {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly emit: (p: JobProgress) => void) {}

  async run<T>(jobId: string, work: (ctx: JobContext) => Promise<T>): Promise<T> {
    if (this.running.has(jobId)) {
      throw new AtelierError({
        code: 'invalid-input',
        message: `A job with id ${jobId} is already running.`,
        field: 'jobId',
      });
    }
    const controller = new AbortController();
    this.running.set(jobId, controller);
    const ctx: JobContext = {
      signal: controller.signal,
      progress: (stage, fraction, message) =>
        this.emit({ jobId, stage, fraction: Math.max(0, Math.min(1, fraction)), message }),
      checkpoint: () => {
        if (controller.signal.aborted)
          throw new AtelierError({ code: 'cancelled', message: 'Cancelled; nothing was saved.' });
      },
    };
    try {
      ctx.progress('queued', 0, 'Queued');
      const result = await work(ctx);
      ctx.progress('done', 1, 'Done');
      return result;
    } catch (e) {
      const cancelled = controller.signal.aborted || (e instanceof AtelierError && e.code === 'cancelled');
      ctx.progress(cancelled ? 'cancelled' : 'failed', 1, cancelled ? 'Cancelled' : 'Failed');
      if (cancelled) throw new AtelierError({ code: 'cancelled', message: 'Cancelled; nothing was saved.' });
      throw e;
    } finally {
      this.running.delete(jobId);
    }
  }

  cancel(jobId: string): boolean {
    const c = this.running.get(jobId);
    if (!c) return false;
    c.abort();
    return true;
  }

  get active(): number {
    return this.running.size;
  }
}
