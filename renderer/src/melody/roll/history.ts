/**
 * Undo/redo as a pair of stacks of note-array snapshots. `past` holds the states before each edit
 * (newest last) with the edit's label; `future` the states undone. A new edit clears `future`;
 * `past` keeps at most HISTORY_LIMIT steps (the oldest are dropped). Immutable: every function
 * returns a new history.
 */
import type { RollNote } from './model';

export const HISTORY_LIMIT = 200;

export interface HistoryEntry {
  /** What the edit did ("Move notes"), shown as "Undo Move notes". */
  label: string;
  /** The notes on the other side of the edit. */
  notes: readonly RollNote[];
}

export interface History {
  past: readonly HistoryEntry[];
  future: readonly HistoryEntry[];
}

export const EMPTY_HISTORY: History = { past: [], future: [] };

/** Records an edit labelled `label` that left `before` behind. */
export function record(
  h: History,
  before: readonly RollNote[],
  label: string,
  limit = HISTORY_LIMIT,
): History {
  const past = [...h.past, { label, notes: before }];
  return { past: past.length > limit ? past.slice(past.length - limit) : past, future: [] };
}

export interface Travel {
  history: History;
  notes: readonly RollNote[];
  label: string;
}

/** Steps back: the notes before the latest edit, or null when there is nothing to undo. */
export function undo(h: History, current: readonly RollNote[]): Travel | null {
  const entry = h.past[h.past.length - 1];
  if (!entry) return null;
  return {
    history: { past: h.past.slice(0, -1), future: [...h.future, { label: entry.label, notes: current }] },
    notes: entry.notes,
    label: entry.label,
  };
}

/** Steps forward again, or null when there is nothing to redo. */
export function redo(h: History, current: readonly RollNote[]): Travel | null {
  const entry = h.future[h.future.length - 1];
  if (!entry) return null;
  return {
    history: { past: [...h.past, { label: entry.label, notes: current }], future: h.future.slice(0, -1) },
    notes: entry.notes,
    label: entry.label,
  };
}

export function undoLabel(h: History): string | null {
  return h.past[h.past.length - 1]?.label ?? null;
}

export function redoLabel(h: History): string | null {
  return h.future[h.future.length - 1]?.label ?? null;
}
