/**
 * Sources in flight while results stay in scan order: the image driver (./run.ts) with a
 * lookahead of W starts the items of up to W sources at once (on batch workers, each is a
 * queued call) and finishes each source — the writes, the drops, the card's lists — one after
 * another in scan order, so the output is byte for byte that of a run with no lookahead.
 * A lookahead of 1 runs each source's finishing step before the next source starts.
 */

export interface OrderedWindow {
  /** Queues a source's finishing step after the earlier ones; waits while `size` are pending. */
  push(step: () => Promise<void>): Promise<void>;
  /** Waits for every pending step; the first failure throws. */
  drain(): Promise<void>;
  /** Waits for every pending step to settle, ignoring failures (on the way out of a failed run). */
  settle(): Promise<void>;
}

export function orderedWindow(size: number): OrderedWindow {
  if (!Number.isInteger(size) || size < 1) throw new Error(`lookahead must be a whole number of 1 or more`);
  let tail: Promise<void> = Promise.resolve();
  const pending: Promise<void>[] = [];
  return {
    async push(step) {
      tail = tail.then(step);
      // Seen here; the failure is thrown where the step is awaited (below, or in drain).
      tail.catch(() => undefined);
      pending.push(tail);
      while (pending.length >= size) await pending.shift();
    },
    async drain() {
      while (pending.length > 0) await pending.shift();
    },
    async settle() {
      await Promise.allSettled(pending.splice(0));
    },
  };
}

/**
 * The entries, then the window drained before the walk ends (so the caller's end-of-run work
 * sees every source finished); on a failure or an early stop, the pending steps are left to
 * settle first and `onStop` is told (to cancel the work in flight).
 */
export async function* drainedAfter<E>(
  entries: AsyncIterable<E>,
  window: OrderedWindow,
  onStop: () => void,
): AsyncGenerator<E> {
  let complete = false;
  try {
    yield* entries;
    complete = true;
  } finally {
    if (!complete) {
      onStop();
      await window.settle();
    }
  }
  try {
    await window.drain();
  } catch (e) {
    onStop();
    await window.settle();
    throw e;
  }
}

/** A promise's outcome as a value: a source's making started early is awaited only in its turn. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };
export const settled = <T>(p: Promise<T>): Promise<Settled<T>> =>
  p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
