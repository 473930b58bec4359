/**
 * Where a batch lives in Redis: one BullMQ queue every worker drains (`atelier-calls`), and per
 * batch a hash of its facts, the list of its calls (so `batch wait` can keep feeding the queue
 * after `submit` stopped), the jobs in flight, the items already written to --out, the failures
 * and the workers seen. Connections come from the URL: `redis://[:password@]host[:port][/db]`, `rediss://` for
 * TLS (ioredis reads both).
 *
 * The timings: a job's lock lasts LOCK_MS and is renewed while the worker lives; a worker that
 * dies (SIGKILL, power cut) stops renewing it, and within about LOCK_MS + STALLED_MS another
 * worker takes the job back. A job is tried ATTEMPTS times with exponential backoff, except a
 * refused input (the contract's invalid-input), which fails at once.
 */
import { Redis } from 'ioredis';
import type { QueueConfig } from '../section';

export const QUEUE = 'atelier-calls';
/** Keys of BullMQ's own live under `bull:`; ours under `atelier:batch:`. */
const base = (id: string): string => `atelier:batch:${id}`;
export const keys = {
  meta: (id: string): string => `${base(id)}:meta`,
  calls: (id: string): string => `${base(id)}:calls`,
  /** Job id → the item, for every job queued and not yet written or failed. */
  queued: (id: string): string => `${base(id)}:queued`,
  written: (id: string): string => `${base(id)}:written`,
  /** Held while results are written or the batch is cancelled (the two never overlap). */
  lock: (id: string): string => `${base(id)}:lock`,
  failed: (id: string): string => `${base(id)}:failed`,
  workers: (id: string): string => `${base(id)}:workers`,
};
/** Workers announce themselves here (name → last heartbeat, ms) so status can count them. */
export const WORKERS_KEY = 'atelier:workers';

export const LOCK_MS = 10_000;
export const STALLED_MS = 5_000;
export const ATTEMPTS = 3;
export const BACKOFF_MS = 1_000;
/** How many of a batch's jobs are queued or running at once (submit adds more as these finish). */
export const DEFAULT_WINDOW = 64;
/** The most bytes of files one job may carry back (base64 in Redis costs a third more). */
export const MAX_RESULT_BYTES = 48 * 1024 * 1024;

/** A URL a person typed, checked: redis:// or rediss://, or a one-line reason. */
export function checkRedisUrl(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `--redis must be a URL like redis://host:6379 (got "${url.slice(0, 80)}")`;
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:')
    return `--redis must start with redis:// or rediss:// (TLS), got "${u.protocol}"`;
  return null;
}

/**
 * The queue a host (the browser host or Electron) starts with: its `--redis` value or
 * `ATELIER_REDIS_URL`, checked, as `createAtelier`'s `queue` option (empty: no queue). Throws the
 * reason for a URL that is not one.
 */
export function hostQueue(url: string | undefined): { queue?: QueueConfig } {
  if (!url) return {};
  const bad = checkRedisUrl(url);
  if (bad) throw new Error(bad);
  return { queue: { url } };
}

/**
 * A connection for BullMQ (blocking commands wait forever: maxRetriesPerRequest null) that
 * keeps reconnecting while Redis restarts; `onError` hears each failure once per outage.
 */
export function connect(url: string, onError?: (e: Error) => void): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
  let down = false;
  redis.on('error', (e: Error) => {
    if (!down) onError?.(e);
    down = true;
  });
  redis.on('ready', () => {
    down = false;
  });
  return redis;
}

/** Shown instead of a password: the URL as it may be printed and logged. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'redis';
  }
}
