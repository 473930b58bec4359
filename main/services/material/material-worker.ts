/**
 * The material worker (a worker thread of main): decodes the source picture, works out its maps
 * (./maps.ts) and encodes them (./encode.ts), so a 2048 px material never holds main's event
 * loop. One request at a time, in order; each answered under its id whatever it throws.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { MATERIAL_MAX_SIDE, MATERIAL_MIN_SIDE } from '../../../preload/contract/material';
import { BadImageError, decodeImage } from '../../inference/prepare';
import { mapFiles } from './encode';
import { materialMaps, type MaterialSettings } from './maps';
import { MATERIAL_WORKER_TAG, type MaterialMessage, type MaterialRequest } from './protocol';

/** What the preview's maps are made with: the 3D preview applies the user's strengths itself. */
export const NEUTRAL: MaterialSettings = {
  heightBlur: 1,
  highPass: 0.125,
  normalStrength: 1,
  roughnessMin: 0,
  roughnessMax: 1,
  roughnessContrast: 1,
  aoStrength: 1,
};

/** The decoded picture, or a BadImageError a person can read. */
function readPicture(bytes: Uint8Array) {
  const img = decodeImage(bytes);
  const { width, height } = img;
  if (Math.min(width, height) < MATERIAL_MIN_SIDE)
    throw new BadImageError(
      `This picture is ${width}×${height} pixels; a material needs at least ${MATERIAL_MIN_SIDE} pixels each way.`,
    );
  if (Math.max(width, height) > MATERIAL_MAX_SIDE)
    throw new BadImageError(
      `This picture is ${width}×${height} pixels; a material is made from at most ${MATERIAL_MAX_SIDE} pixels each way.`,
    );
  return img;
}

export function makeMaterial(req: Omit<MaterialRequest, 'id'>) {
  const started = performance.now();
  const img = readPicture(req.image);
  const preview = req.mode === 'preview';
  const settings = preview
    ? { ...NEUTRAL, heightBlur: req.settings.heightBlur, highPass: req.settings.highPass }
    : req.settings;
  const convention = preview ? 'gl' : req.convention;
  const maps = materialMaps(img, settings, convention);
  const files = mapFiles(req.name, img, maps, convention, preview ? 8 : req.bits);
  return { width: img.width, height: img.height, files, ms: performance.now() - started };
}

const port = workerData === MATERIAL_WORKER_TAG ? parentPort : null;
if (port) {
  const send = (m: MaterialMessage): void => {
    const transfer = m.ok ? m.files.map((f) => f.bytes.buffer) : [];
    port.postMessage(m, transfer as ArrayBuffer[]);
  };
  port.on('message', (req: MaterialRequest) => {
    try {
      send({ id: req.id, ok: true, ...makeMaterial(req) });
    } catch (e) {
      send({
        id: req.id,
        ok: false,
        picture: e instanceof BadImageError,
        message: e instanceof Error ? e.message : String(e),
      });
    }
  });
}
