/**
 * The messages between the Labs page and its Web Worker (labs.worker.ts), written once with the
 * guards each side runs on what arrives (a message that fails its guard is dropped and logged,
 * never acted on half-read).
 *
 * The page sends what the learner does (init a lab, play, a step, a setting, a view request); the
 * worker answers with the session it holds and, at most once per animation frame, a snapshot:
 * the page acknowledges each snapshot from requestAnimationFrame and the worker posts no other
 * until then (back-pressure, so a slow page never queues frames).
 */
import type { LabState } from '../../../../preload/labs/state';
import { LAB_IDS, type Dataset, type LabId, type Losses } from '../../../../preload/labs/types';

export interface ChartData {
  iterations: number[];
  series: Record<string, (number | null)[]>;
}

export type ToWorker =
  /** A fresh run of `lab` from the seed (replaces that lab's run, makes it the one on show). */
  | {
      type: 'init';
      lab: LabId;
      data: Dataset;
      seed: number;
      settings: Record<string, unknown>;
      request: unknown;
    }
  /** A saved run (a LabState from the library or a file, checked in the worker). */
  | { type: 'load'; state: unknown }
  /** Show another lab's run, already initialised (training pauses). */
  | { type: 'show'; lab: LabId }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'step'; n: number }
  /** Iterations per frame at most. */
  | { type: 'speed'; n: number }
  | { type: 'request'; request: unknown }
  /** Settings that apply to the running model: it keeps its weights and iteration. */
  | { type: 'settings'; settings: Record<string, unknown> }
  /** New data for the running model (points drawn by hand): it keeps its weights. */
  | { type: 'data'; data: Dataset }
  | { type: 'ack'; seq: number }
  /** The whole run as a state file, answered by a `state` message with the same id. */
  | { type: 'save'; id: number; title?: string };

/** What the worker holds for the lab on show. */
export interface SessionInfo {
  lab: LabId;
  seed: number;
  settings: Record<string, unknown>;
  iteration: number;
  data: Dataset;
  request: unknown;
  /** The engine exports ONNX (flow, VAE). */
  canOnnx: boolean;
}

export interface Snapshot {
  seq: number;
  lab: LabId;
  iteration: number;
  losses: Losses;
  view: unknown;
  playing: boolean;
  /** The loss charts, when they changed (at most a few times a second). */
  charts?: ChartData;
  /** The lab's measures, when measured (every ~300 ms while training, after a step). */
  metrics?: Record<string, number>;
}

export interface LabInfo {
  defaults: Record<string, unknown>;
  images: boolean;
}

export type WorkerOp = ToWorker['type'] | 'train' | 'start';

export type FromWorker =
  | { type: 'ready'; labs: Record<LabId, LabInfo> }
  | { type: 'session'; reason: 'init' | 'load' | 'show' | 'settings' | 'data'; session: SessionInfo }
  | { type: 'snapshot'; snapshot: Snapshot }
  | { type: 'state'; id: number; state: LabState }
  | { type: 'error'; op: WorkerOp; message: string; lab?: LabId; id?: number };

// ------------------------------------------------------------------------------------------ guards

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isInt = (v: unknown, min = 0): v is number => Number.isInteger(v) && (v as number) >= min;
export const isLabId = (v: unknown): v is LabId =>
  typeof v === 'string' && (LAB_IDS as readonly string[]).includes(v);

export function isDataset(v: unknown): v is Dataset {
  if (!isObj(v) || !isInt(v.dim, 1) || !(v.points instanceof Float32Array) || !isObj(v.source)) return false;
  return v.points.length > 0 && v.points.length % v.dim === 0 && (v.side === undefined || isInt(v.side, 1));
}

/** The message the worker received, or null when it is not one the protocol knows. */
export function toWorker(m: unknown): ToWorker | null {
  if (!isObj(m)) return null;
  switch (m.type) {
    case 'init':
      return isLabId(m.lab) && isDataset(m.data) && isInt(m.seed) && isObj(m.settings)
        ? (m as ToWorker)
        : null;
    case 'load':
      return 'state' in m ? (m as ToWorker) : null;
    case 'show':
      return isLabId(m.lab) ? (m as ToWorker) : null;
    case 'play':
    case 'pause':
      return m as ToWorker;
    case 'step':
    case 'speed':
      return isInt(m.n, 1) ? (m as ToWorker) : null;
    case 'request':
      return 'request' in m ? (m as ToWorker) : null;
    case 'settings':
      return isObj(m.settings) ? (m as ToWorker) : null;
    case 'data':
      return isDataset(m.data) ? (m as ToWorker) : null;
    case 'ack':
      return isInt(m.seq) ? (m as ToWorker) : null;
    case 'save':
      return isInt(m.id) && (m.title === undefined || typeof m.title === 'string') ? (m as ToWorker) : null;
    default:
      return null;
  }
}

function isSession(v: unknown): v is SessionInfo {
  return (
    isObj(v) &&
    isLabId(v.lab) &&
    isInt(v.seed) &&
    isObj(v.settings) &&
    isInt(v.iteration) &&
    isDataset(v.data) &&
    typeof v.canOnnx === 'boolean'
  );
}

function isCharts(v: unknown): v is ChartData {
  return isObj(v) && Array.isArray(v.iterations) && isObj(v.series);
}

function isSnapshot(v: unknown): v is Snapshot {
  return (
    isObj(v) &&
    isInt(v.seq) &&
    isLabId(v.lab) &&
    isInt(v.iteration) &&
    isObj(v.losses) &&
    typeof v.playing === 'boolean' &&
    (v.charts === undefined || isCharts(v.charts)) &&
    (v.metrics === undefined || isObj(v.metrics))
  );
}

/** The message the page received, or null when it is not one the protocol knows. */
export function fromWorker(m: unknown): FromWorker | null {
  if (!isObj(m)) return null;
  switch (m.type) {
    case 'ready':
      return isObj(m.labs) ? (m as FromWorker) : null;
    case 'session':
      return typeof m.reason === 'string' && isSession(m.session) ? (m as FromWorker) : null;
    case 'snapshot':
      return isSnapshot(m.snapshot) ? (m as FromWorker) : null;
    case 'state':
      return isInt(m.id) && isObj(m.state) ? (m as FromWorker) : null;
    case 'error':
      return typeof m.op === 'string' && typeof m.message === 'string' ? (m as FromWorker) : null;
    default:
      return null;
  }
}

/** Finite numbers only (a metric that came out NaN is left out rather than shown as "NaN"). */
export function finiteOnly(values: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(values)) if (isNum(v)) out[k] = v;
  return out;
}
