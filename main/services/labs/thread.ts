/**
 * Main's side of the Labs worker thread (./worker.ts), a ../worker-thread.ts client. Refusals come
 * back as the same typed errors; a failure inside the worker becomes an internal error (its stack
 * logged by the router); a worker that crashes fails the requests it held, and the next request
 * starts a new one.
 */
import { AtelierError } from '../../../preload/contract';
import type { LabState } from '../../../preload/labs/state';
import { createWorkerThread, internalFailure, startWorkerFile, type StartWorker } from '../worker-thread';
import { LABS_WORKER_TAG, type Checked, type LabsReply, type LabsRequest } from './protocol';

export type { StartWorker } from '../worker-thread';

export interface LabsThread {
  /** The state checked as Labs opens it (an `invalid-input` naming the field otherwise). */
  check(state: LabState): Promise<Checked>;
  /** The trained model as ONNX bytes (refused for a lab without a graph). */
  onnx(state: LabState): Promise<Uint8Array<ArrayBuffer>>;
  close(): Promise<void>;
}

export const startLabsWorker: StartWorker = () =>
  startWorkerFile(
    new URL('./worker.ts', import.meta.url),
    LABS_WORKER_TAG,
    () => import('./worker?modulePath'),
  );

export function createLabsThread(start: StartWorker = startLabsWorker): LabsThread {
  const thread = createWorkerThread<LabsReply>(start, 'Labs worker');

  const request = (op: LabsRequest['op'], state: LabState): Promise<LabsReply & { ok: true }> =>
    thread.request(
      (id) => ({ id, op, state }) satisfies LabsRequest,
      (m, resolve, reject) => {
        if (m.ok) resolve(m);
        // A refusal is the caller's to see as it is; anything else is a bug, logged with its stack.
        else if (m.error.code !== 'internal') reject(new AtelierError(m.error));
        else reject(Object.assign(new Error(m.error.message), m.stack ? { stack: m.stack } : {}));
        return true;
      },
    );

  return {
    async check(state) {
      const r = await request('check', state);
      if (!('checked' in r)) throw internalFailure('The Labs worker answered a check with something else.');
      return r.checked;
    },
    async onnx(state) {
      const r = await request('onnx', state);
      if (!('onnx' in r)) throw internalFailure('The Labs worker answered an export with something else.');
      return r.onnx;
    },
    close: () => thread.close(),
  };
}
