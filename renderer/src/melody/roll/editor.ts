/**
 * The melody editor's state as a pure reducer (used by useMelodyEditor): the notes, the selection
 * (not part of undo), the undo history, and the gesture in progress. A gesture previews notes
 * live without undo steps; its commit records ONE step from the notes it started from. An edit
 * that changes nothing records no step.
 */
import { EMPTY_HISTORY, record, redo, undo, type History } from './history';
import { sameNotes, type RollNote } from './model';

export interface EditorState {
  notes: readonly RollNote[];
  selection: ReadonlySet<string>;
  history: History;
  /** The notes before the gesture being previewed, or null when none is. */
  gestureBase: readonly RollNote[] | null;
  /** Counts reset()s, so a view can scroll to a newly loaded clip. */
  loads: number;
}

export type SelectionUpdate = ReadonlySet<string> | ((prev: ReadonlySet<string>) => ReadonlySet<string>);

export type EditorAction =
  | { type: 'apply'; label: string; notes: readonly RollNote[] }
  | { type: 'preview'; notes: readonly RollNote[] }
  | { type: 'commit'; label: string }
  | { type: 'cancel' }
  | { type: 'replaceAll'; label: string; notes: readonly RollNote[] }
  | { type: 'reset'; notes: readonly RollNote[] }
  | { type: 'select'; selection: SelectionUpdate }
  | { type: 'undo' }
  | { type: 'redo' };

const EMPTY_SELECTION: ReadonlySet<string> = new Set();

export function initEditor(notes: readonly RollNote[]): EditorState {
  return { notes, selection: EMPTY_SELECTION, history: EMPTY_HISTORY, gestureBase: null, loads: 0 };
}

/** The selection without ids that no longer name a note (same object when nothing was dropped). */
export function pruneSelection(
  selection: ReadonlySet<string>,
  notes: readonly RollNote[],
): ReadonlySet<string> {
  if (selection.size === 0) return selection;
  const present = new Set(notes.map((n) => n.id));
  let dropped = false;
  for (const id of selection) if (!present.has(id)) dropped = true;
  if (!dropped) return selection;
  return new Set([...selection].filter((id) => present.has(id)));
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

/** One undo step from `before` to `after` labelled `label` (none if nothing changed). */
function step(
  s: EditorState,
  before: readonly RollNote[],
  after: readonly RollNote[],
  label: string,
): EditorState {
  if (sameNotes(before, after)) {
    return { ...s, notes: before, gestureBase: null, selection: pruneSelection(s.selection, before) };
  }
  return {
    ...s,
    notes: after,
    gestureBase: null,
    history: record(s.history, before, label),
    selection: pruneSelection(s.selection, after),
  };
}

export function editorReducer(s: EditorState, a: EditorAction): EditorState {
  switch (a.type) {
    case 'apply':
      // An edit during a preview ends the gesture: one step from where the gesture began.
      return step(s, s.gestureBase ?? s.notes, a.notes, a.label);
    case 'preview':
      if (a.notes === s.notes) return s;
      return { ...s, notes: a.notes, gestureBase: s.gestureBase ?? s.notes };
    case 'commit':
      if (!s.gestureBase) return s;
      return step(s, s.gestureBase, s.notes, a.label);
    case 'cancel':
      if (!s.gestureBase) return s;
      return {
        ...s,
        notes: s.gestureBase,
        gestureBase: null,
        selection: pruneSelection(s.selection, s.gestureBase),
      };
    case 'replaceAll':
      return { ...step(s, s.gestureBase ?? s.notes, a.notes, a.label), selection: EMPTY_SELECTION };
    case 'reset':
      return {
        notes: a.notes,
        selection: EMPTY_SELECTION,
        history: EMPTY_HISTORY,
        gestureBase: null,
        loads: s.loads + 1,
      };
    case 'select': {
      const next = typeof a.selection === 'function' ? a.selection(s.selection) : a.selection;
      return sameSet(next, s.selection) ? s : { ...s, selection: next };
    }
    case 'undo': {
      // Undo during a drag abandons the drag.
      if (s.gestureBase) return editorReducer(s, { type: 'cancel' });
      const t = undo(s.history, s.notes);
      if (!t) return s;
      return { ...s, notes: t.notes, history: t.history, selection: pruneSelection(s.selection, t.notes) };
    }
    case 'redo': {
      if (s.gestureBase) return s;
      const t = redo(s.history, s.notes);
      if (!t) return s;
      return { ...s, notes: t.notes, history: t.history, selection: pruneSelection(s.selection, t.notes) };
    }
  }
}
