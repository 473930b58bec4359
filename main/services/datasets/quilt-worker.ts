/**
 * The quilting worker (a worker thread of main): runs ./quilt.ts for one item per request, so
 * seconds of quilting a large texture never hold main's event loop. Every request is answered
 * under its id, whatever it throws; the new texture's bytes are transferred, not copied.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AtelierError } from '../../../preload/contract';
import { quilt } from './quilt';
import { QUILT_WORKER_TAG, type QuiltReply, type QuiltRequest } from './quilt-protocol';

const port = workerData === QUILT_WORKER_TAG ? parentPort : null;
if (port) {
  port.on('message', (req: QuiltRequest) => {
    let reply: QuiltReply;
    try {
      const image = quilt(req.source, req.width, req.height, req.seed, req.options);
      reply = { id: req.id, ok: true, image };
      port.postMessage(reply, [image.data.buffer as ArrayBuffer]);
      return;
    } catch (e) {
      if (e instanceof AtelierError) reply = { id: req.id, ok: false, error: e.toJSON() };
      else {
        const message = e instanceof Error ? e.message : String(e);
        const stack = e instanceof Error ? e.stack : undefined;
        reply = { id: req.id, ok: false, error: { code: 'internal', message }, ...(stack ? { stack } : {}) };
      }
    }
    port.postMessage(reply);
  });
}
