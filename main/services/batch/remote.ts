/**
 * Calls answered by batch workers one at a time, for a caller that needs each answer back in
 * memory rather than in an --out folder (an augment run on workers): `openRemote` makes a batch
 * record the workers see (named by the caller, so a rerun of the same work is the same batch),
 * and `call` queues one contract call as a job of it and waits for the worker's answer.
 *
 * A job's id is the hash of its call within the batch (./call.ts), so the same call twice — a
 * duplicate in flight, or a rerun while an earlier run's job is still queued or done in Redis —
 * is one job: the answer is shared, never made twice. Like the batch driver, `call` polls the
 * job (no event stream a Redis restart could cut) and queues it again if Redis lost it. A
 * worker's refusal comes back as the router's own error (the worker logs it on the job); a job
 * that failed its tries comes back as a failure. The signal removes a waiting job.
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { AtelierError, ErrorInfo } from '../../../preload/contract';
import { reviveBytes } from './bytes';
import { batchIdOf, checkCall, jobIdOf, type BatchCall } from './call';
import { enqueue, expireBatch } from './driver';
import { connect, keys, QUEUE, safeUrl } from './redis';
import { ItemResult } from './result';
import type { BatchItem } from './store';

export interface RemoteAnswer {
  /** The method's answer, bytes revived. */
  value: unknown;
  worker: string;
  provider: string;
}

export interface Remote {
  readonly batchId: string;
  call(call: BatchCall, signal?: AbortSignal): Promise<RemoteAnswer>;
  /** The workers that answered this batch so far, by name. */
  workers(): string[];
  close(): Promise<void>;
}

export interface RemoteOptions {
  url: string;
  /** Names the batch: the same name is the same batch (and the same jobs) on a rerun. */
  name: string;
  /** What `batch status` shows as the batch's folder. */
  out: string;
  pollMs?: number;
  /** How long the first connection may take before it counts as unreachable. */
  connectMs?: number;
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/** The job's refusal as the worker logged it, if it was one. */
async function refusalOf(queue: Queue, jobId: string): Promise<ErrorInfo | null> {
  const { logs } = await queue.getJobLogs(jobId);
  for (const line of logs) {
    try {
      const info = ErrorInfo.safeParse((JSON.parse(line) as { refused?: unknown }).refused);
      if (info.success) return info.data;
    } catch {
      // not a refusal line
    }
  }
  return null;
}

/** Connects (or says, naming the URL without its password, that the queue cannot be reached). */
export async function openRemote(o: RemoteOptions): Promise<Remote> {
  const redis: Redis = connect(o.url);
  try {
    await Promise.race([
      redis.ping(),
      sleep(o.connectMs ?? 5_000).then(() => Promise.reject(new Error('no answer'))),
    ]);
  } catch (e) {
    redis.disconnect();
    throw new AtelierError({
      code: 'unsupported',
      message: `The batch queue at ${safeUrl(o.url)} cannot be reached (${(e as Error).message}); is redis-server running there?`,
    });
  }
  const queue = new Queue(QUEUE, { connection: redis });
  const id = batchIdOf(o.name, []);
  // The workers run a job only while its batch is running; a rerun of a cancelled one runs again.
  await redis.hset(keys.meta(id), {
    name: o.name,
    out: o.out,
    state: 'running',
    window: 0,
    next: 0,
    created: Date.now(),
  });
  await redis.hsetnx(keys.meta(id), 'total', 0);
  const seen = new Set<string>();
  const inFlight = new Map<string, Promise<RemoteAnswer>>();
  let index = 0;

  async function settle(jobId: string): Promise<void> {
    await redis.hdel(keys.queued(id), jobId);
    await queue.remove(jobId);
  }

  async function run(item: BatchItem, signal?: AbortSignal): Promise<RemoteAnswer> {
    const jobId = jobIdOf(id, item.key);
    await enqueue(redis, queue, id, item);
    for (;;) {
      if (signal?.aborted) {
        // A waiting job goes; one a worker is running finishes there and is collected by nobody.
        if ((await queue.getJobState(jobId)) !== 'active') await queue.remove(jobId);
        await redis.hdel(keys.queued(id), jobId);
        throw signal.reason instanceof Error ? signal.reason : new Error('cancelled');
      }
      const state = await queue.getJobState(jobId);
      if (state === 'unknown') await enqueue(redis, queue, id, item);
      else if (state === 'completed' || state === 'failed') {
        const job = await queue.getJob(jobId);
        if (job && state === 'completed') {
          const r = ItemResult.safeParse(job.returnvalue);
          await settle(jobId);
          if ((job.returnvalue as { cancelled?: boolean } | null)?.cancelled)
            throw new AtelierError({
              code: 'cancelled',
              message: `Batch ${id} was cancelled on the queue (atelier batch cancel).`,
            });
          if (!r.success)
            throw new AtelierError({
              code: 'inference-failed',
              message: `A worker answered ${item.call.method} with a malformed result.`,
            });
          seen.add(r.data.worker);
          await redis.sadd(keys.written(id), item.key);
          return { value: reviveBytes(r.data.answer), worker: r.data.worker, provider: r.data.provider };
        }
        if (job) {
          const refused = await refusalOf(queue, jobId);
          const reason = job.failedReason || 'failed';
          await settle(jobId);
          if (refused) throw new AtelierError(refused);
          throw new AtelierError({
            code: 'inference-failed',
            message: `${item.call.method} failed on the workers after ${job.attemptsMade} tries: ${reason}`,
          });
        }
      }
      await sleep(o.pollMs ?? 100, signal);
    }
  }

  return {
    batchId: id,
    call(call, signal) {
      const checked = checkCall(call);
      if (!checked.ok) return Promise.reject(new AtelierError(checked.error));
      const running = inFlight.get(checked.key);
      if (running) return running;
      const item: BatchItem = { index: ++index, key: checked.key, call: checked.call };
      const p = (async () => {
        await redis.hincrby(keys.meta(id), 'total', 1);
        return run(item, signal);
      })().finally(() => inFlight.delete(checked.key));
      inFlight.set(checked.key, p);
      return p;
    },
    workers: () => [...seen].sort(),
    async close() {
      // Calls still in flight were told to stop (their signal): let them take their jobs off first.
      await Promise.allSettled([...inFlight.values()]);
      // The batch's records go after a week, as a finished batch's do.
      await expireBatch(redis, id).catch(() => undefined);
      await queue.close();
      redis.disconnect();
    },
  };
}
