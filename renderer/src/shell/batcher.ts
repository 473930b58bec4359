/**
 * Coalesces a fast event stream into one flush per animation frame: events queue until the
 * scheduled frame runs, then the whole batch goes at once (one React update per frame).
 */
export type Schedule = (run: () => void) => () => void;

export const animationFrame: Schedule = (run) => {
  const id = requestAnimationFrame(run);
  return () => cancelAnimationFrame(id);
};

export interface FrameBatcher<T> {
  push: (item: T) => void;
  /** Flush now (e.g. before the final answer lands). */
  flush: () => void;
  /** Drop what is queued and any scheduled frame. */
  dispose: () => void;
}

export function frameBatcher<T>(
  onFlush: (items: T[]) => void,
  schedule: Schedule = animationFrame,
): FrameBatcher<T> {
  let queue: T[] = [];
  let cancel: (() => void) | null = null;
  const flush = (): void => {
    cancel?.();
    cancel = null;
    if (queue.length === 0) return;
    const items = queue;
    queue = [];
    onFlush(items);
  };
  return {
    push(item) {
      queue.push(item);
      cancel ??= schedule(() => {
        cancel = null;
        flush();
      });
    },
    flush,
    dispose() {
      cancel?.();
      cancel = null;
      queue = [];
    },
  };
}
