/**
 * The Labs worker (a worker thread of main): opens a lab state as the engine would, to check it
 * (./check.ts) or to export its ONNX graph, so tfjs and the engines never load into main and a
 * flow's or a VAE's set-up (tens of milliseconds: its baselines, its grids) never holds main's
 * event loop. One request at a time, in order; each answered under its id whatever it throws.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AtelierError } from '../../../preload/contract';
import { checkState, onnxOf } from './check';
import { LABS_WORKER_TAG, type LabsReply, type LabsRequest } from './protocol';

const port = workerData === LABS_WORKER_TAG ? parentPort : null;
if (port) {
  const send = (m: LabsReply): void => port.postMessage(m, 'onnx' in m ? [m.onnx.buffer] : []);
  // Requests are handled one after another: each opens an engine of its own.
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (req: LabsRequest) => {
    queue = queue.then(async () => {
      try {
        if (req.op === 'check') send({ id: req.id, ok: true, checked: await checkState(req.state) });
        else send({ id: req.id, ok: true, onnx: await onnxOf(req.state) });
      } catch (e) {
        if (e instanceof AtelierError) send({ id: req.id, ok: false, error: e.toJSON() });
        else {
          const message = e instanceof Error ? e.message : String(e);
          const stack = e instanceof Error ? e.stack : undefined;
          send({ id: req.id, ok: false, error: { code: 'internal', message }, ...(stack ? { stack } : {}) });
        }
      }
    });
  });
}
