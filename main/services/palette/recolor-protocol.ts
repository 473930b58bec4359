/**
 * The messages between main and the recolour worker (./recolor-worker.ts): one request per
 * picture, answered under its id; `stage` messages say where a request is.
 */

/** The `workerData` a recolour worker is started with: only a thread started with it listens. */
export const RECOLOR_WORKER_TAG = 'atelier-recolor';

export interface RecolorRequest {
  id: number;
  /** The source picture as PNG. */
  png: Uint8Array;
  colors: string[];
  /** 0…1: how far each pixel moves from its own colour to the palette's. */
  strength: number;
  /** The longest side of the thumbnail. */
  thumbnail: number;
}

export type RecolorStage = 'recolour' | 'encode';

export type RecolorMessage =
  | { id: number; stage: RecolorStage }
  | {
      id: number;
      ok: true;
      png: Uint8Array;
      thumbnailPng: Uint8Array;
      width: number;
      height: number;
      /** Decode, recolour and encode, in the worker. */
      ms: number;
    }
  | { id: number; ok: false; message: string };
