/**
 * The messages between main and the quilting worker thread (./quilt-worker.ts): a request
 * carries one source texture, the output size, the item's seed and the quilting options; its
 * reply is the new texture's RGBA bytes, or the error (an `AtelierError`'s info, or an internal
 * failure's message and stack for the log).
 */
import type { ErrorInfo } from '../../../preload/contract';
import type { Rgba } from '../../inference/image';
import type { QuiltOptions } from './quilt';

/** The `workerData` a quilting worker is started with: only a thread started with it listens. */
export const QUILT_WORKER_TAG = 'atelier-quilt';

export interface QuiltRequest {
  id: number;
  source: Rgba;
  width: number;
  height: number;
  seed: number;
  options: QuiltOptions;
}

export type QuiltReply =
  { id: number; ok: true; image: Rgba } | { id: number; ok: false; error: ErrorInfo; stack?: string };
