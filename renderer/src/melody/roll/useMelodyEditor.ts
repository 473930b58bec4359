/**
 * The melody editor's state for a PianoRoll: notes, selection and undo history (see editor.ts).
 * Callbacks are stable across renders; the returned object changes when the state does.
 */
import { useCallback, useMemo, useReducer } from 'react';
import { editorReducer, initEditor, type SelectionUpdate } from './editor';
import { redoLabel as historyRedoLabel, undoLabel as historyUndoLabel } from './history';
import type { RollNote } from './model';

export interface MelodyEditor {
  notes: readonly RollNote[];
  selection: ReadonlySet<string>;
  setSelection: (next: SelectionUpdate) => void;
  /** Replaces the notes as ONE undo step labelled `label` (nothing recorded if nothing changed). */
  apply: (label: string, next: readonly RollNote[]) => void;
  /** Shows notes live during a drag, with no undo step; commit() or cancel() ends the gesture. */
  preview: (next: readonly RollNote[]) => void;
  /** Ends a drag gesture: one undo step from the notes before its first preview. */
  commit: (label: string) => void;
  /** Ends a drag gesture by going back to the notes before it. */
  cancel: () => void;
  /** Replaces all notes (e.g. a generated clip) as one undo step; clears the selection. */
  replaceAll: (notes: readonly RollNote[], label: string) => void;
  /** Loads a clip: clears history and selection. */
  reset: (notes: readonly RollNote[]) => void;
  undo: () => void;
  redo: () => void;
  canUndo: boolean;
  canRedo: boolean;
  undoLabel: string | null;
  redoLabel: string | null;
  /** Counts reset()s: a roll scrolls to the notes when it changes. */
  loads: number;
}

export function useMelodyEditor(initial: readonly RollNote[]): MelodyEditor {
  const [state, dispatch] = useReducer(editorReducer, initial, initEditor);

  const setSelection = useCallback(
    (selection: SelectionUpdate) => dispatch({ type: 'select', selection }),
    [],
  );
  const apply = useCallback(
    (label: string, notes: readonly RollNote[]) => dispatch({ type: 'apply', label, notes }),
    [],
  );
  const preview = useCallback((notes: readonly RollNote[]) => dispatch({ type: 'preview', notes }), []);
  const commit = useCallback((label: string) => dispatch({ type: 'commit', label }), []);
  const cancel = useCallback(() => dispatch({ type: 'cancel' }), []);
  const replaceAll = useCallback(
    (notes: readonly RollNote[], label: string) => dispatch({ type: 'replaceAll', label, notes }),
    [],
  );
  const reset = useCallback((notes: readonly RollNote[]) => dispatch({ type: 'reset', notes }), []);
  const undo = useCallback(() => dispatch({ type: 'undo' }), []);
  const redo = useCallback(() => dispatch({ type: 'redo' }), []);

  return useMemo(
    () => ({
      notes: state.notes,
      selection: state.selection,
      setSelection,
      apply,
      preview,
      commit,
      cancel,
      replaceAll,
      reset,
      undo,
      redo,
      canUndo: state.history.past.length > 0 || state.gestureBase !== null,
      canRedo: state.history.future.length > 0 && state.gestureBase === null,
      undoLabel: historyUndoLabel(state.history),
      redoLabel: historyRedoLabel(state.history),
      loads: state.loads,
    }),
    [state, setSelection, apply, preview, commit, cancel, replaceAll, reset, undo, redo],
  );
}
