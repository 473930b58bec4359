/**
 * Main's side of the evaluation worker thread (./evaluate-worker.ts), a ../worker-thread.ts
 * client: `runEvaluation` takes the same options as the engine's `evaluateAugmentation` and
 * answers the same numbers, trained off main's thread. Progress comes back as the engine reports
 * it; aborting the signal cancels the training in the worker (a `cancelled` error); refusals come
 * back as typed errors, internal failures with their stack for the log. One worker serves every
 * evaluation, started on the first and unreferenced while idle.
 */
import { AtelierError } from '../../../preload/contract';
import type { EvaluateOptions, Evaluation } from '../../../preload/labs/evaluate';
import { createWorkerThread, startWorkerFile, type StartWorker, type WorkerThread } from '../worker-thread';
import { EVALUATE_WORKER_TAG, type EvaluateReply, type EvaluateRequest } from './evaluate-protocol';

export const startEvaluateWorker: StartWorker = () =>
  startWorkerFile(
    new URL('./evaluate-worker.ts', import.meta.url),
    EVALUATE_WORKER_TAG,
    () => import('./evaluate-worker?modulePath'),
  );

let shared: WorkerThread<EvaluateReply> | null = null;

/** The worker every evaluation shares (tests may pass their own `start`). */
export function evaluationThread(start: StartWorker = startEvaluateWorker): WorkerThread<EvaluateReply> {
  if (start !== startEvaluateWorker) return createWorkerThread<EvaluateReply>(start, 'evaluation worker');
  return (shared ??= createWorkerThread<EvaluateReply>(start, 'evaluation worker'));
}

const cancelled = (): AtelierError =>
  new AtelierError({ code: 'cancelled', message: 'Training was cancelled.' });

/** Trains and tests both arms in the worker: the engine's numbers, bit for bit. */
export async function runEvaluation(
  o: EvaluateOptions,
  thread: WorkerThread<EvaluateReply> = evaluationThread(),
): Promise<Evaluation> {
  if (o.signal?.aborted) throw cancelled();
  const { onProgress, signal, ...job } = o;
  let requestId = -1;
  let stop: (() => void) | null = null;
  const cancelIn = (id: number): void => thread.post({ id, op: 'cancel' } satisfies EvaluateRequest);
  const answer = thread.request<Evaluation>(
    (id) => {
      requestId = id;
      // Aborted while the worker started: cancel right after the request (messages keep their order).
      if (signal?.aborted) queueMicrotask(() => cancelIn(id));
      return { id, op: 'evaluate', job } satisfies EvaluateRequest;
    },
    (m, resolve, reject) => {
      if ('progress' in m) {
        onProgress?.(m.progress);
        return false;
      }
      if (m.ok) resolve(m.evaluation);
      else if (m.error.code !== 'internal') reject(new AtelierError(m.error));
      else reject(Object.assign(new Error(m.error.message), m.stack ? { stack: m.stack } : {}));
      return true;
    },
  );
  if (signal) {
    const onAbort = (): void => {
      if (requestId >= 0) cancelIn(requestId);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    stop = () => signal.removeEventListener('abort', onAbort);
  }
  try {
    return await answer;
  } finally {
    stop?.();
  }
}
