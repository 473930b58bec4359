/**
 * A batch's records in Redis (keys in ./redis.ts): created once with all its calls, read by
 * `status`, `wait` and the workers, cancelled by `cancel`. The job data every queued job
 * carries is `JobData`, which the worker checks again before it runs anything.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { BatchCall } from './call';
import { keys } from './redis';

export const BatchItem = z
  .object({
    index: z.number().int().min(1),
    key: z.string().regex(/^[a-f0-9]{32}$/),
    call: z.object({ method: z.string().max(64), params: z.record(z.string(), z.unknown()) }).strict(),
  })
  .strict();
export type BatchItem = z.infer<typeof BatchItem> & { call: BatchCall };

export const JobData = BatchItem.extend({ batch: z.string().regex(/^[a-f0-9]{16}$/) }).strict();
export type JobData = z.infer<typeof JobData>;

export type BatchState = 'running' | 'cancelled' | 'done';

export interface BatchMeta {
  id: string;
  name: string;
  total: number;
  /** The --out folder on the submitting machine. */
  out: string;
  state: BatchState;
  window: number;
  /** How many of the calls have been queued so far (the list is fed in order). */
  next: number;
  created: number;
}

export async function readMeta(redis: Redis, id: string): Promise<BatchMeta | null> {
  const h = await redis.hgetall(keys.meta(id));
  if (!h.total) return null;
  return {
    id,
    name: h.name ?? '',
    total: Number(h.total),
    out: h.out ?? '',
    state: (h.state ?? 'running') as BatchState,
    window: Number(h.window ?? 64),
    next: Number(h.next ?? 0),
    created: Number(h.created ?? 0),
  };
}

/** Stores a new batch: its calls, then its facts, in one transaction. False when it exists already. */
export async function createBatch(
  redis: Redis,
  id: string,
  facts: { name: string; out: string; window: number },
  items: readonly BatchItem[],
): Promise<boolean> {
  if ((await redis.exists(keys.meta(id))) === 1) return false;
  const tx = redis.multi().del(keys.calls(id));
  for (let i = 0; i < items.length; i += 1000)
    tx.rpush(keys.calls(id), ...items.slice(i, i + 1000).map((it) => JSON.stringify(it)));
  tx.hset(keys.meta(id), {
    name: facts.name,
    total: items.length,
    out: facts.out,
    state: 'running',
    window: facts.window,
    next: 0,
    created: Date.now(),
  });
  await tx.exec();
  return true;
}

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;

/** Runs `fn` holding the batch's lock (writing results and cancelling never overlap). */
export async function withBatchLock<T>(redis: Redis, id: string, fn: () => Promise<T>): Promise<T> {
  const token = randomUUID();
  while ((await redis.set(keys.lock(id), token, 'PX', 30_000, 'NX')) !== 'OK')
    await new Promise((r) => setTimeout(r, 50));
  try {
    return await fn();
  } finally {
    await redis.eval(RELEASE, 1, keys.lock(id), token);
  }
}

export interface BatchCounts {
  total: number;
  written: number;
  failed: number;
  /** Queued or running now. */
  inFlight: number;
  /** Not yet queued (waiting for room in the window). */
  notQueued: number;
  workers: string[];
  state: BatchState;
}

export async function batchCounts(redis: Redis, meta: BatchMeta): Promise<BatchCounts> {
  const [written, failed, inFlight, workers] = await Promise.all([
    redis.scard(keys.written(meta.id)),
    redis.hlen(keys.failed(meta.id)),
    redis.hlen(keys.queued(meta.id)),
    redis.smembers(keys.workers(meta.id)),
  ]);
  return {
    total: meta.total,
    written,
    failed,
    inFlight,
    notQueued: Math.max(0, meta.total - meta.next),
    workers: workers.sort(),
    state: meta.state,
  };
}
