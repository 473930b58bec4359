/**
 * The messages between main and the Labs worker thread (./worker.ts): one request per state to
 * check or export, answered under its id with the value or the error (an `AtelierError`'s info,
 * or an internal failure's message for the log).
 */
import type { ErrorInfo } from '../../../preload/contract';
import type { LabState } from '../../../preload/labs/state';

/** The `workerData` a Labs worker is started with: only a thread started with it listens. */
export const LABS_WORKER_TAG = 'atelier-labs';

/** What a checked state is: its settings as the lab's schema reads them, and its rows of data. */
export interface Checked {
  settings: Record<string, unknown>;
  rows: number;
}

export type LabsRequest = { id: number; op: 'check' | 'onnx'; state: LabState };

export type LabsReply =
  | { id: number; ok: true; checked: Checked }
  | { id: number; ok: true; onnx: Uint8Array<ArrayBuffer> }
  /** `stack`: an internal failure's, for main's log (a refusal has none). */
  | { id: number; ok: false; error: ErrorInfo; stack?: string };
