/**
 * The submitting machine's loop (`batch submit` and `batch wait`): feeds the batch's calls into
 * the queue in a window (at most `window` jobs of the batch queued or running at once), and
 * writes each finished job's result into --out, then removes the job from Redis. It polls the
 * jobs it has in flight, so it needs no event stream that a restart of Redis could cut: a job
 * that vanished (Redis lost it) is queued again from the batch's list, nothing is lost.
 *
 * `cancelBatch` marks the batch cancelled and removes its waiting jobs, holding the lock the
 * writes hold: once it returns, no more results of that batch are written.
 */
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { jobIdOf } from './call';
import { ATTEMPTS, BACKOFF_MS, keys } from './redis';
import { ItemResult } from './result';
import { batchCounts, BatchItem, readMeta, withBatchLock, type BatchCounts, type JobData } from './store';
import type { ResultWriter } from './writer';

export interface Progress extends BatchCounts {
  /** Items written per second since this loop started. */
  perSecond: number;
}

export interface DriveOptions {
  redis: Redis;
  queue: Queue;
  id: string;
  writer: ResultWriter;
  onProgress?: (p: Progress) => void;
  /** Queue the first window and return (`submit --detach`). */
  detach?: boolean;
  pollMs?: number;
  signal?: AbortSignal;
}

/** A batch that Redis no longer knows. */
export class BatchGone extends Error {}

const KEEP_S = 7 * 24 * 3600;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Queues the item's job; a job with this id that is still in Redis makes this a no-op. */
export async function enqueue(redis: Redis, queue: Queue, id: string, item: BatchItem): Promise<void> {
  const jobId = jobIdOf(id, item.key);
  await redis.hset(keys.queued(id), jobId, JSON.stringify(item));
  const data: JobData = { ...item, batch: id };
  await queue.add(item.call.method, data, {
    jobId,
    attempts: ATTEMPTS,
    backoff: { type: 'exponential', delay: BACKOFF_MS },
    // This loop removes each job once its result is written; one nobody collects goes after a week.
    removeOnComplete: { age: KEEP_S },
    removeOnFail: { age: KEEP_S },
  });
}

/** Looks at each job in flight: writes the finished, records the failed, queues the lost again. */
async function collect(o: DriveOptions): Promise<void> {
  const { redis, queue, id, writer } = o;
  const inFlight = await redis.hgetall(keys.queued(id));
  const done: { jobId: string; item: BatchItem; result?: ItemResult; reason?: string; attempts: number }[] =
    [];
  for (const [jobId, text] of Object.entries(inFlight)) {
    const item = BatchItem.parse(JSON.parse(text)) as BatchItem;
    const state = await queue.getJobState(jobId);
    if (state === 'unknown') {
      // Gone from the queue: written or failed by another `batch wait`, or lost by Redis.
      const settled =
        (await redis.sismember(keys.written(id), item.key)) === 1 ||
        (await redis.hexists(keys.failed(id), item.key)) === 1;
      if (settled) await redis.hdel(keys.queued(id), jobId);
      else await enqueue(redis, queue, id, item);
      continue;
    }
    if (state !== 'completed' && state !== 'failed') continue;
    const job = await queue.getJob(jobId);
    if (!job) continue;
    if (state === 'failed') {
      done.push({ jobId, item, reason: job.failedReason || 'failed', attempts: job.attemptsMade });
      continue;
    }
    const parsed = ItemResult.safeParse(job.returnvalue);
    if (parsed.success) done.push({ jobId, item, result: parsed.data, attempts: job.attemptsMade });
    else
      done.push({
        jobId,
        item,
        reason: 'the worker answered a malformed result',
        attempts: job.attemptsMade,
      });
  }
  for (const d of done) {
    if (d.result) {
      writer.write({ ...d.item, jobId: d.jobId, attempts: d.attempts }, d.result);
      await redis.sadd(keys.written(id), d.item.key);
    } else {
      writer.fail(d.item, d.reason ?? 'failed');
      await redis.hset(keys.failed(id), d.item.key, d.reason ?? 'failed');
    }
    await redis.hdel(keys.queued(id), d.jobId);
    await queue.remove(d.jobId);
  }
}

/** Fills the window from the batch's list; items already in --out are counted, not queued. */
async function feed(o: DriveOptions, window: number): Promise<void> {
  const { redis, queue, id, writer } = o;
  let room = window - (await redis.hlen(keys.queued(id)));
  while (room > 0) {
    const next = Number(await redis.hget(keys.meta(id), 'next'));
    const text = await redis.lindex(keys.calls(id), next);
    if (text === null) return;
    const item = BatchItem.parse(JSON.parse(text)) as BatchItem;
    if (writer.has(item.key)) await redis.sadd(keys.written(id), item.key);
    else if (!(await redis.sismember(keys.written(id), item.key))) {
      await enqueue(redis, queue, id, item);
      room--;
    }
    await redis.hincrby(keys.meta(id), 'next', 1);
  }
}

/** Runs the batch to its end (all written or failed), its cancel, or the signal; returns its counts. */
export async function drive(o: DriveOptions): Promise<BatchCounts> {
  const t0 = Date.now();
  const start = await o.redis.scard(keys.written(o.id));
  for (;;) {
    const meta = await readMeta(o.redis, o.id);
    if (!meta)
      throw new BatchGone(
        `batch ${o.id} is not in Redis (never submitted there, or Redis restarted without persistence): submit the same calls again; the items already in the folder are kept`,
      );
    // Under the batch's lock, so a cancel falls between rounds: once it returns, nothing is
    // written or queued.
    if (meta.state === 'running')
      await withBatchLock(o.redis, o.id, async () => {
        if ((await o.redis.hget(keys.meta(o.id), 'state')) !== 'running') return;
        await collect(o);
        await feed(o, meta.window);
      });
    const counts = await batchCounts(o.redis, (await readMeta(o.redis, o.id)) ?? meta);
    const secs = Math.max(0.001, (Date.now() - t0) / 1000);
    o.onProgress?.({ ...counts, perSecond: (counts.written - start) / secs });
    const finished = counts.notQueued === 0 && counts.inFlight === 0;
    if (finished && counts.state === 'running') {
      await o.redis.hset(keys.meta(o.id), 'state', 'done');
      await expireBatch(o.redis, o.id);
      return { ...counts, state: 'done' };
    }
    if (counts.state !== 'running' || o.detach || o.signal?.aborted) return counts;
    await sleep(o.pollMs ?? 250);
  }
}

/** A finished or cancelled batch's records stay a week (status, a second submit), then go. */
export async function expireBatch(redis: Redis, id: string): Promise<void> {
  const tx = redis.multi();
  for (const k of [keys.meta, keys.calls, keys.queued, keys.written, keys.failed, keys.workers])
    tx.expire(k(id), KEEP_S);
  await tx.exec();
}

/** Cancels a batch: no more results are written, its waiting jobs are removed. Returns how many. */
export async function cancelBatch(redis: Redis, queue: Queue, id: string): Promise<number> {
  return withBatchLock(redis, id, async () => {
    await redis.hset(keys.meta(id), 'state', 'cancelled');
    await expireBatch(redis, id);
    let removed = 0;
    for (const jobId of await redis.hkeys(keys.queued(id))) {
      const state = await queue.getJobState(jobId);
      // A running job finishes on its worker; its result is not written.
      if (state !== 'active' && (await queue.remove(jobId)) === 1) removed++;
      await redis.hdel(keys.queued(id), jobId);
    }
    return removed;
  });
}
