/**
 * What changes every frame or so, kept out of React state (store.ts): the newest snapshot of the
 * lab on show, its charts and metrics, and the view request. The picture, the counter, the chart
 * and the checks subscribe to their slice.
 */
import type { LabId, Losses } from '../../../preload/labs/types';
import { viewHash } from './hash';
import type { Store } from './store';
import type { ChartData, Snapshot } from './worker/protocol';

export interface Live {
  /** The lab the snapshot belongs to (null between a tab switch and its first snapshot). */
  lab: LabId | null;
  iteration: number;
  losses: Losses;
  view: unknown;
  viewHash: string;
  /** Play was pressed (the page's state: set at once, not by snapshots). */
  playing: boolean;
  /** The worker was training when it took the snapshot on show (false: a paused run's final picture). */
  training: boolean;
  charts: ChartData;
  metrics: Record<string, number> | null;
  /** Counts metrics updates (the checks verify on each). */
  metricsSeq: number;
  request: unknown;
}

export const EMPTY_CHARTS: ChartData = { iterations: [], series: {} };

export function emptyLive(lab: LabId | null = null, request: unknown = null): Live {
  return {
    lab,
    iteration: 0,
    losses: {},
    view: null,
    viewHash: '',
    playing: false,
    training: false,
    charts: EMPTY_CHARTS,
    metrics: null,
    metricsSeq: 0,
    request,
  };
}

/** Puts a snapshot in the store (ignored when it belongs to a lab no longer on show). */
export function applySnapshot(store: Store<Live>, s: Snapshot): void {
  const live = store.get();
  if (s.lab !== live.lab) return;
  store.set({
    iteration: s.iteration,
    losses: s.losses,
    view: s.view,
    viewHash: viewHash(s.view),
    training: s.playing,
    ...(s.charts ? { charts: s.charts } : {}),
    ...(s.metrics ? { metrics: s.metrics, metricsSeq: live.metricsSeq + 1 } : {}),
  });
}
