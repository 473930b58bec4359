/**
 * Main's side of the quilting worker thread (./quilt-worker.ts), a ../worker-thread.ts client:
 * `quiltOffThread` answers exactly what ./quilt.ts's `quilt` would, computed off main's thread.
 * Refusals come back as typed errors, internal failures with their stack for the log. One worker
 * serves every texture re-synthesis, started on the first item and unreferenced while idle.
 */
import { AtelierError } from '../../../preload/contract';
import type { Rgba } from '../../inference/image';
import { createWorkerThread, startWorkerFile, type StartWorker, type WorkerThread } from '../worker-thread';
import type { QuiltOptions } from './quilt';
import { QUILT_WORKER_TAG, type QuiltReply, type QuiltRequest } from './quilt-protocol';

export const startQuiltWorker: StartWorker = () =>
  startWorkerFile(
    new URL('./quilt-worker.ts', import.meta.url),
    QUILT_WORKER_TAG,
    () => import('./quilt-worker?modulePath'),
  );

let shared: WorkerThread<QuiltReply> | null = null;

/** A `width`×`height` texture quilted from `source` with `seed`, in the shared worker thread. */
export function quiltOffThread(
  source: Rgba,
  width: number,
  height: number,
  seed: number,
  options: QuiltOptions,
): Promise<Rgba> {
  shared ??= createWorkerThread<QuiltReply>(startQuiltWorker, 'texture quilting worker');
  return shared.request<Rgba>(
    // The source bytes are copied, not transferred: the caller keeps its image.
    (id) => ({ id, source, width, height, seed, options }) satisfies QuiltRequest,
    (m, resolve, reject) => {
      if (m.ok) resolve(m.image);
      else if (m.error.code !== 'internal') reject(new AtelierError(m.error));
      else reject(Object.assign(new Error(m.error.message), m.stack ? { stack: m.stack } : {}));
      return true;
    },
  );
}
