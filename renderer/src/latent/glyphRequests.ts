/**
 * The glyph set's encoder calls, as the explorer makes its other interactive calls: one in flight,
 * only the latest wanted one waiting (the coalescer), and an answer to a set that has changed since
 * dropped: the chips, marks and text only ever show the set as it is now.
 */
import { createCoalescer } from './coalescer';

export interface LatestRequests<T extends { key: string }> {
  /** Asks for `req` (null: nothing to ask; any answer still to come is then stale). */
  want(req: T | null): void;
  /** The key of the set as it is now ('' when there is nothing to ask). */
  readonly latest: string;
  dispose(): void;
}

export interface LatestOptions<T, R> {
  send: (req: T) => Promise<R>;
  /** Only for an answer to the latest request. */
  onResult: (result: R, req: T) => void;
  onError: (err: unknown, req: T) => void;
}

export function createLatestRequests<T extends { key: string }, R>({
  send,
  onResult,
  onError,
}: LatestOptions<T, R>): LatestRequests<T> {
  let latest = '';
  const coalescer = createCoalescer<T, R>({
    send,
    onResult: (result, req) => {
      if (req.key === latest) onResult(result, req);
    },
    onError: (err, req) => {
      if (req.key === latest) onError(err, req);
    },
  });
  return {
    want(req) {
      latest = req?.key ?? '';
      if (req) coalescer.want(req);
    },
    get latest() {
      return latest;
    },
    dispose() {
      latest = '';
      coalescer.dispose();
    },
  };
}
