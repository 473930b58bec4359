/**
 * Recolouring off main's thread: one worker thread (./recolor-worker.ts), a ../worker-thread.ts
 * client. A worker that crashes fails the requests it held with a sentence; the next request
 * starts a new one.
 */
import { createWorkerThread, internalFailure, startWorkerFile, type StartWorker } from '../worker-thread';
import {
  RECOLOR_WORKER_TAG,
  type RecolorMessage,
  type RecolorRequest,
  type RecolorStage,
} from './recolor-protocol';

export type { StartWorker } from '../worker-thread';

export interface RecolorResult {
  png: Uint8Array;
  thumbnailPng: Uint8Array;
  width: number;
  height: number;
  /** Time in the worker: decode, recolour, encode. */
  ms: number;
}

export interface Recolorer {
  recolor(req: Omit<RecolorRequest, 'id'>, onStage?: (stage: RecolorStage) => void): Promise<RecolorResult>;
  /** Stops the worker; requests still waiting fail. */
  close(): Promise<void>;
}

/** Starts the recolour worker thread. */
export const startRecolorWorker: StartWorker = () =>
  startWorkerFile(
    new URL('./recolor-worker.ts', import.meta.url),
    RECOLOR_WORKER_TAG,
    () => import('./recolor-worker?modulePath'),
  );

export function createRecolorer(start: StartWorker = startRecolorWorker): Recolorer {
  const thread = createWorkerThread<RecolorMessage>(start, 'recolouring worker');
  return {
    recolor: (req, onStage) =>
      thread.request<RecolorResult>(
        // The source bytes are copied, not transferred: the caller keeps its buffer.
        (id) => ({ ...req, id }) satisfies RecolorRequest,
        (m, resolve, reject) => {
          if ('stage' in m) {
            onStage?.(m.stage);
            return false;
          }
          if (m.ok) {
            const { png, thumbnailPng, width, height, ms } = m;
            resolve({ png, thumbnailPng, width, height, ms });
          } else reject(internalFailure(`The picture could not be recoloured (${m.message}).`));
          return true;
        },
      ),
    close: () => thread.close(),
  };
}
