/**
 * The inference queue: one item at a time, interactive before batch, latest-wins per lane, and
 * cancellation of items still waiting.
 */
import { AtelierError } from '../../preload/contract';

export type Priority = 'interactive' | 'batch';

export interface QueueOptions {
  priority?: Priority;
  /** Interactive requests in the same lane replace each other while queued (latest wins). */
  lane?: string;
  signal?: AbortSignal;
}

interface QueueItem {
  priority: Priority;
  lane: string | undefined;
  execute: () => Promise<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

const cancelled = (): AtelierError => new AtelierError({ code: 'cancelled', message: 'Cancelled.' });

export class Scheduler {
  private readonly queue: QueueItem[] = [];
  private busy = false;

  get length(): number {
    return this.queue.length;
  }

  /**
   * Runs `execute` when its turn comes. It must settle: the queue waits for it (every request to
   * the inference process has a deadline, so none waits forever).
   */
  schedule<T>(opts: QueueOptions, execute: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const priority = opts.priority ?? 'batch';
      if (opts.signal?.aborted) {
        reject(cancelled());
        return;
      }
      if (priority === 'interactive' && opts.lane !== undefined) {
        for (let i = this.queue.length - 1; i >= 0; i--) {
          const q = this.queue[i]!;
          if (q.priority === 'interactive' && q.lane === opts.lane) {
            this.queue.splice(i, 1);
            q.reject(new AtelierError({ code: 'superseded', message: 'A newer request replaced this one.' }));
          }
        }
      }
      // The abort listener goes when the item settles: a job that makes hundreds of requests with
      // one signal (a diffusion run, a text generation) must not pile listeners on it.
      const onAbort = (): void => {
        const i = this.queue.indexOf(item);
        if (i !== -1) this.queue.splice(i, 1);
        settle(() => reject(cancelled()));
      };
      const settle = (fn: () => void): void => {
        opts.signal?.removeEventListener('abort', onAbort);
        fn();
      };
      const item: QueueItem = {
        priority,
        lane: opts.lane,
        execute,
        resolve: (v) => settle(() => resolve(v as T)),
        reject: (e) => settle(() => reject(e)),
      };
      // Interactive work goes ahead of every batch item, behind earlier interactive ones.
      const at = priority === 'interactive' ? this.queue.findIndex((q) => q.priority === 'batch') : -1;
      if (at === -1) this.queue.push(item);
      else this.queue.splice(at, 0, item);
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      void this.pump();
    });
  }

  /** Fails every waiting item (the running one finishes or fails by itself). */
  rejectAll(error: Error): void {
    for (const item of this.queue.splice(0)) item.reject(error);
  }

  private async pump(): Promise<void> {
    if (this.busy) return;
    const item = this.queue.shift();
    if (!item) return;
    this.busy = true;
    try {
      item.resolve(await item.execute());
    } catch (e) {
      item.reject(e);
    } finally {
      this.busy = false;
      void this.pump();
    }
  }
}
