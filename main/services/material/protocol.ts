/**
 * The messages between main and the material worker (./material-worker.ts): one request per
 * source picture, answered under its id.
 */
import type { MaterialSettings, NormalConvention } from './maps';
import type { BitDepth, MapFile } from './encode';

/** The `workerData` a material worker is started with: only a thread started with it listens. */
export const MATERIAL_WORKER_TAG = 'atelier-material';

export interface MaterialRequest {
  id: number;
  /** The source picture as PNG or JPEG bytes. */
  image: Uint8Array;
  /** The maps' common name. */
  name: string;
  /** 'preview': neutral strengths, 8-bit, OpenGL normals; 'export': these settings baked in. */
  mode: 'preview' | 'export';
  settings: MaterialSettings;
  convention: NormalConvention;
  bits: BitDepth;
}

export type MaterialMessage =
  | { id: number; ok: true; width: number; height: number; files: MapFile[]; ms: number }
  /** `picture`: the source could not be read as a picture (the caller's input), else an internal failure. */
  | { id: number; ok: false; picture: boolean; message: string };
