/**
 * The recolour worker (a worker thread of main): decodes a PNG, recolours it with a palette
 * (`recolorPixels` in preload/palette.ts), and encodes the result and its thumbnail, so a
 * 2048 px picture never holds main's event loop. One request at a time, in order; each answered
 * under its id whatever it throws.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PNG } from 'pngjs';
import { recolorPixels, type RgbaPixels } from '../../../preload/palette';
import { decodePng, encodePng, thumbnail } from '../../inference/image';
import { RECOLOR_WORKER_TAG, type RecolorMessage, type RecolorRequest } from './recolor-protocol';

/** Opaque pictures as RGB (as every studio writes them); ones with transparency keep their alpha. */
export function encodeRecolored(img: RgbaPixels): Uint8Array {
  const { data } = img;
  for (let i = 3; i < data.length; i += 4)
    if (data[i] !== 255) {
      const png = new PNG({ width: img.width, height: img.height });
      png.data = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
      return new Uint8Array(PNG.sync.write(png, { colorType: 6, filterType: 4, deflateLevel: 3 }));
    }
  return encodePng(img);
}

export function recolorPng(req: RecolorRequest, onStage: (stage: 'recolour' | 'encode') => void) {
  const started = performance.now();
  const src = decodePng(req.png);
  onStage('recolour');
  const img = { width: src.width, height: src.height, data: recolorPixels(src, req.colors, req.strength) };
  onStage('encode');
  const png = encodeRecolored(img);
  const thumbnailPng = encodeRecolored(thumbnail(img, req.thumbnail));
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
