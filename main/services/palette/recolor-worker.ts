/**
 * The recolour worker (a worker thread of main): decodes a PNG, recolours it with a palette
 * (`recolorPixels` in preload/palette.ts), and encodes the result and its thumbnail, so a
 * 2048 px picture never holds main's event loop. One request at a time, in order; each answered
 * under its id whatever it throws.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { recolorPixels } from '../../../preload/palette';
import { decodePng, encodeRgbaPng, thumbnail } from '../../inference/image';
import { RECOLOR_WORKER_TAG, type RecolorMessage, type RecolorRequest } from './recolor-protocol';

export function recolorPng(req: RecolorRequest, onStage: (stage: 'recolour' | 'encode') => void) {
  const started = performance.now();
  const src = decodePng(req.png);
  onStage('recolour');
  const img = { width: src.width, height: src.height, data: recolorPixels(src, req.colors, req.strength) };
  onStage('encode');
  const png = encodeRgbaPng(img);
  const thumbnailPng = encodeRgbaPng(thumbnail(img, req.thumbnail));
  return { png, thumbnailPng, width: img.width, height: img.height, ms: performance.now() - started };
}

const port = workerData === RECOLOR_WORKER_TAG ? parentPort : null;
if (port) {
  const send = (m: RecolorMessage): void => {
    const transfer = 'png' in m ? [m.png.buffer, m.thumbnailPng.buffer] : [];
    port.postMessage(m, transfer as ArrayBuffer[]);
  };
  port.on('message', (req: RecolorRequest) => {
    try {
      const r = recolorPng(req, (stage) => send({ id: req.id, stage }));
      send({ id: req.id, ok: true, ...r });
    } catch (e) {
      send({ id: req.id, ok: false, message: e instanceof Error ? e.message : String(e) });
    }
  });
}
