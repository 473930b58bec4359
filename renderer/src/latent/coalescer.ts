/**
 * Keeps at most one request in flight and, while it runs, only the latest wanted one: a drag
 * that outpaces the model never builds a queue, and the last position is always decoded.
 */
export interface Coalescer<T> {
  /** Sends `req` now when nothing is in flight, else keeps it (replacing any older pending one). */
  want(req: T): void;
  /** A request is in flight. */
  readonly busy: boolean;
  /** The request waiting for the one in flight, if any. */
  readonly pending: T | null;
  /** Drops the pending request and ignores answers still to come. */
  dispose(): void;
}

export interface CoalescerOptions<T, R> {
  send: (req: T) => Promise<R>;
  onResult: (result: R, req: T) => void;
  onError: (err: unknown, req: T) => void;
}

export function createCoalescer<T, R>({ send, onResult, onError }: CoalescerOptions<T, R>): Coalescer<T> {
  let busy = false;
  let pending: { req: T } | null = null;
  let disposed = false;

  const start = (req: T): void => {
    busy = true;
    let promise: Promise<R>;
    try {
      promise = send(req);
    } catch (err) {
      promise = Promise.reject(err);
    }
    promise.then(
      (result) => settle(req, () => onResult(result, req)),
      (err: unknown) => settle(req, () => onError(err, req)),
    );
  };

  const settle = (_req: T, deliver: () => void): void => {
    if (disposed) return;
    busy = false;
    // The next request goes out before this answer is handled, so the model never idles.
    const next = pending;
    pending = null;
    if (next) start(next.req);
    deliver();
  };

  return {
    want(req) {
      if (disposed) return;
      if (busy) pending = { req };
      else start(req);
    },
    get busy() {
      return busy;
    },
    get pending() {
      return pending ? pending.req : null;
    },
    dispose() {
      disposed = true;
      pending = null;
    },
  };
}
