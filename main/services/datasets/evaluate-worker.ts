/**
 * The evaluation worker (a worker thread of main): trains the classifiers of `datasets.evaluate`
 * and the glyph benchmark with the Labs engine (tfjs), so tfjs never loads into main and minutes
 * of training never hold main's event loop. Requests run side by side (the engine yields between
 * steps, so a `cancel` message is heard); each is answered under its id whatever it throws, with
 * progress at most once per percent.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AtelierError, invalid } from '../../../preload/contract';
import { ClassifierCancelledError, ClassifierInputError } from '../../../preload/labs/classifier';
import { evaluateAugmentation } from '../../../preload/labs/evaluate';
import { EVALUATE_WORKER_TAG, type EvaluateReply, type EvaluateRequest } from './evaluate-protocol';

/** A failure as the contract's typed error: cancelled, a refused input, or left as it is. */
export function typedFailure(e: unknown): unknown {
  if (e instanceof ClassifierCancelledError)
    return new AtelierError({ code: 'cancelled', message: e.message });
  if (e instanceof ClassifierInputError)
    return invalid(`The evaluation cannot run on these images: ${e.message}.`, 'input');
  return e;
}

const port = workerData === EVALUATE_WORKER_TAG ? parentPort : null;
if (port) {
  const running = new Map<number, AbortController>();
  const send = (m: EvaluateReply): void => port.postMessage(m);
  port.on('message', (req: EvaluateRequest) => {
    if (req.op === 'cancel') {
      running.get(req.id)?.abort();
      return;
    }
    const controller = new AbortController();
    running.set(req.id, controller);
    let shown = -1;
    evaluateAugmentation({
      ...req.job,
      signal: controller.signal,
      onProgress: (f) => {
        const pct = Math.floor(f * 100);
        if (pct === shown) return;
        shown = pct;
        send({ id: req.id, progress: f });
      },
    })
      .then((evaluation) => send({ id: req.id, ok: true, evaluation }))
      .catch((caught: unknown) => {
        const e = typedFailure(caught);
        if (e instanceof AtelierError) send({ id: req.id, ok: false, error: e.toJSON() });
        else {
          const message = e instanceof Error ? e.message : String(e);
          const stack = e instanceof Error ? e.stack : undefined;
          send({ id: req.id, ok: false, error: { code: 'internal', message }, ...(stack ? { stack } : {}) });
        }
      })
      .finally(() => running.delete(req.id));
  });
}
