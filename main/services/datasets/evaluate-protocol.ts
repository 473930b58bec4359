/**
 * The messages between main and the evaluation worker thread (./evaluate-worker.ts): a request
 * carries the rows and settings of one evaluation; its replies are progress fractions, then the
 * result or the error (an `AtelierError`'s info, or an internal failure's message for the log).
 * `cancel` names a running request.
 */
import type { ErrorInfo } from '../../../preload/contract';
import type { EvaluateOptions, Evaluation } from '../../../preload/labs/evaluate';

/** The `workerData` an evaluation worker is started with: only a thread started with it listens. */
export const EVALUATE_WORKER_TAG = 'atelier-evaluate';

/** What crosses to the worker: the options without the callbacks and the signal. */
export type EvaluateJob = Omit<EvaluateOptions, 'onProgress' | 'signal'>;

export type EvaluateRequest = { id: number; op: 'evaluate'; job: EvaluateJob } | { id: number; op: 'cancel' };

export type EvaluateReply =
  | { id: number; progress: number }
  | { id: number; ok: true; evaluation: Evaluation }
  /** `stack`: an internal failure's, for main's log (a refusal has none). */
  | { id: number; ok: false; error: ErrorInfo; stack?: string };
