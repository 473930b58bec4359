/** What the studio gets from `useLabRun`: the run on show, its live store, and the actions on it. */
import type { LabState } from '../../../preload/labs/state';
import type { Dataset, LabId } from '../../../preload/labs/types';
import type { CheckResults } from './checks';
import type { Live } from './live';
import type { Store } from './store';
import type { LabInfo, SessionInfo } from './worker/protocol';

export interface ChecksState {
  byLab: Partial<Record<LabId, CheckResults>>;
}

export interface LabRun {
  store: Store<Live>;
  info: Record<LabId, LabInfo> | null;
  /** The run on show as the worker holds it (null while a lab starts). */
  session: SessionInfo | null;
  error: string | null;
  setError: (message: string | null) => void;
  /** Fields whose text is not a number (the worker checks ranges). */
  fieldErrors: Record<string, string>;
  crashed: string | null;
  /** The check-yourself results of each lab (passed ones stay until reset). */
  checks: Store<ChecksState>;
  clearChecks: (lab: LabId) => void;
  selectLab: (lab: LabId) => void;
  play: () => void;
  pause: () => void;
  toggle: () => void;
  step: (n?: number) => void;
  reset: () => void;
  setSpeed: (n: number) => void;
  /** Applies the form (after `delay` ms, so typing a number applies once). */
  applyForm: (delay: number) => void;
  /** A new model from the seed with the kept data, settings and seed (after a data or mode change). */
  restart: () => void;
  /** Points drawn by hand: the running model goes on learning them. */
  trainOnDrawn: (data: Dataset) => void;
  setRequest: (request: unknown) => void;
  load: (state: unknown) => void;
  save: (title?: string) => Promise<LabState>;
}
