/**
 * The Image studio's FIFO (shown as `image.queue`): one job runs at a time, oldest first; a job
 * cancelled while it waits leaves the queue; at most IMAGE_MAX_QUEUED wait and one more is
 * refused at once. `onChange` gets a snapshot after every change (a job queued, started,
 * removed, finished, or the running one's step).
 */
import { AtelierError, invalid, type ImageQueueItem } from '../../../preload/contract';
import { IMAGE_MAX_QUEUED } from '../../../preload/image';

export function createImageQueue(onChange: (items: ImageQueueItem[]) => void) {
  interface Waiting {
    item: ImageQueueItem;
    start: () => void;
  }
  const waiting: Waiting[] = [];
  let running: ImageQueueItem | null = null;

  const snapshot = (): ImageQueueItem[] => [
    ...(running ? [{ ...running }] : []),
    ...waiting.map((w) => ({ ...w.item })),
  ];
  const changed = (): void => onChange(snapshot());
  const begin = (item: ImageQueueItem): void => {
    running = item;
    item.state = 'running';
    changed();
  };

  return {
    snapshot,
    changed,

    /** Waits for `item`'s turn; a cancel while waiting removes it from the queue. */
    turn(item: ImageQueueItem, signal: AbortSignal): Promise<void> {
      if (signal.aborted)
        return Promise.reject(
          new AtelierError({ code: 'cancelled', message: 'Cancelled before it started.' }),
        );
      if (waiting.length >= IMAGE_MAX_QUEUED)
        return Promise.reject(
          invalid(
            `${IMAGE_MAX_QUEUED} image jobs are already waiting; wait for some to finish or cancel them.`,
          ),
        );
      if (!running && waiting.length === 0) {
        begin(item);
        return Promise.resolve();
      }
      return new Promise((resolve, reject) => {
        const w: Waiting = {
          item,
          start: () => {
            signal.removeEventListener('abort', onAbort);
            begin(item);
            resolve();
          },
        };
        const onAbort = (): void => {
          const i = waiting.indexOf(w);
          if (i !== -1) waiting.splice(i, 1);
          changed();
          reject(
            new AtelierError({ code: 'cancelled', message: 'Removed from the queue before it started.' }),
          );
        };
        signal.addEventListener('abort', onAbort, { once: true });
        waiting.push(w);
        changed();
      });
    },

    /** The running job ended: the oldest waiting one starts. */
    done(): void {
      running = null;
      const next = waiting.shift();
      if (next) next.start();
      else changed();
    },
  };
}
