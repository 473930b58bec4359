/**
 * The worker loop (`atelier worker`): a BullMQ worker on the shared queue that answers each job
 * by calling the router of this machine's Atelier — the app's services, models and provider —
 * so only contract methods run, with the contract's validation. Before that, the job's payload
 * is checked again as if it came from anyone: its shape, that the method may run on workers,
 * that its id is the hash of its call (a tampered payload is refused), and that its batch was
 * not cancelled.
 *
 * A refused input fails at once (BullMQ's UnrecoverableError, the router's error info in the
 * job's log as `{"refused": …}`); anything else is retried up to
 * the job's attempts. `close()` drains: the running jobs finish, no new one is taken.
 */
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Atelier } from '../atelier';
import { checkCall, jobIdOf } from './call';
import { keys, LOCK_MS, QUEUE, STALLED_MS, WORKERS_KEY } from './redis';
import { answerCall, RefusedCall, type ItemResult } from './result';
import { JobData } from './store';

export interface WorkerOptions {
  atelier: Atelier;
  /** A connection for BullMQ's worker (it duplicates it for the blocking reads). */
  redis: Redis;
  name: string;
  concurrency: number;
  /** Keep the records the calls made in this machine's library (default: deleted once carried back). */
  keep?: boolean;
  /** One line per finished or failed job, for the terminal. */
  onJob?: (line: string) => void;
}

export interface BatchWorker {
  /** Finishes the jobs in hand and takes no more. */
  close(): Promise<void>;
}

/** The job's payload, checked again here: a worker trusts nothing that came through the queue. */
export function checkJob(job: { id?: string; data: unknown }): JobData {
  const data = JobData.safeParse(job.data);
  if (!data.success) throw new UnrecoverableError('The job is not a batch call Atelier reads.');
  const checked = checkCall(data.data.call);
  if (!checked.ok)
    throw new UnrecoverableError(
      `${checked.error.message}${checked.error.field ? ` (field ${checked.error.field})` : ''}`,
    );
  if (checked.key !== data.data.key || job.id !== jobIdOf(data.data.batch, checked.key))
    throw new UnrecoverableError('The job’s id does not match its call; it was not run.');
  return data.data;
}

export async function startWorker(o: WorkerOptions): Promise<BatchWorker> {
  const { atelier, redis, name } = o;
  const beat = (): void => {
    void redis.hset(WORKERS_KEY, name, Date.now()).catch(() => undefined);
  };
  beat();
  const heartbeat = setInterval(beat, 5_000);

  const processor = async (job: Job): Promise<ItemResult | { cancelled: true }> => {
    const data = checkJob(job);
    if ((await redis.hget(keys.meta(data.batch), 'state')) === 'cancelled') return { cancelled: true };
    await redis.sadd(keys.workers(data.batch), name);
    try {
      return await answerCall(atelier, data.call, job.id!, name, { keep: o.keep });
    } catch (e) {
      if (e instanceof RefusedCall) {
        // The refusal as the router gave it, for a submitter that turns it back into its error.
        await job.log(JSON.stringify({ refused: e.info })).catch(() => undefined);
        throw new UnrecoverableError(`${e.message}${e.info.field ? ` (field ${e.info.field})` : ''}`);
      }
      throw e;
    }
  };

  const worker = new Worker(QUEUE, processor, {
    connection: redis,
    concurrency: o.concurrency,
    lockDuration: LOCK_MS,
    stalledInterval: STALLED_MS,
    // A job whose worker died is taken back twice; a third loss fails it (a call that kills workers).
    maxStalledCount: 2,
    // Wake every second when the queue is empty, so a drain or a new batch is noticed quickly.
    drainDelay: 1,
  });
  worker.on('completed', (job: Job, r: ItemResult | { cancelled: true }) => {
    if ('cancelled' in r) o.onJob?.(`skipped ${job.id} (batch cancelled)`);
    else o.onJob?.(`done ${job.id} ${job.name} ${Math.round(r.ms)} ms`);
  });
  worker.on('failed', (job: Job | undefined, e: Error) => {
    o.onJob?.(`failed ${job?.id ?? '?'} ${job?.name ?? ''}: ${e.message}`);
  });
  // Redis going away is reported by the connection's own handler; BullMQ reconnects by itself.
  worker.on('error', () => undefined);
  await worker.waitUntilReady();

  return {
    async close() {
      clearInterval(heartbeat);
      await worker.close();
      await redis.hdel(WORKERS_KEY, name).catch(() => undefined);
    },
  };
}
