/**
 * Material maps off main's thread: one worker thread (./material-worker.ts), a ../worker-thread.ts
 * client. A picture the worker cannot read is refused naming `field`; a worker that crashes fails
 * the requests it held with a sentence, and the next request starts a new one.
 */
import { invalid } from '../../../preload/contract';
import { createWorkerThread, internalFailure, startWorkerFile, type StartWorker } from '../worker-thread';
import type { MapFile } from './encode';
import { MATERIAL_WORKER_TAG, type MaterialMessage, type MaterialRequest } from './protocol';

export interface MaterialResult {
  width: number;
  height: number;
  files: MapFile[];
  /** Decode, maps and encode, in the worker. */
  ms: number;
}

export interface MaterialEngine {
  /** The maps of `req.image`; a picture that cannot be read is refused naming `field`. */
  make(req: Omit<MaterialRequest, 'id'>, field: string): Promise<MaterialResult>;
  close(): Promise<void>;
}

/** Starts the material worker thread. */
export const startMaterialWorker: StartWorker = () =>
  startWorkerFile(
    new URL('./material-worker.ts', import.meta.url),
    MATERIAL_WORKER_TAG,
    () => import('./material-worker?modulePath'),
  );

export function createMaterialEngine(start: StartWorker = startMaterialWorker): MaterialEngine {
  const thread = createWorkerThread<MaterialMessage>(start, 'material worker');
  return {
    make: (req, field) =>
      thread.request<MaterialResult>(
        // The source bytes are copied, not transferred: the caller keeps its buffer.
        (id) => ({ ...req, id }) satisfies MaterialRequest,
        (m, resolve, reject) => {
          if (m.ok) resolve({ width: m.width, height: m.height, files: m.files, ms: m.ms });
          else if (m.picture) reject(invalid(m.message, field));
          else reject(internalFailure(`The material maps could not be made (${m.message}).`));
          return true;
        },
      ),
    close: () => thread.close(),
  };
}
