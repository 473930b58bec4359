import { describe, expect, it } from 'vitest';
import { editorReducer, initEditor, pruneSelection, type EditorAction, type EditorState } from './editor';
import { moveNotes, type RollNote } from './model';

const note = (id: string, pitch: number, start: number): RollNote => ({
  id,
  pitch,
  start,
  duration: 1,
  velocity: 100,
});
const START: readonly RollNote[] = [note('a', 60, 0), note('b', 62, 1)];

const run = (s: EditorState, ...actions: EditorAction[]): EditorState => actions.reduce(editorReducer, s);

describe('editorReducer', () => {
  it('apply is one undo step; undo and redo travel', () => {
    const moved = moveNotes(START, new Set(['a']), 1, 0);
    const s = run(initEditor(START), { type: 'apply', label: 'Move', notes: moved });
    expect(s.notes).toBe(moved);
    expect(s.history.past).toHaveLength(1);
    const u = run(s, { type: 'undo' });
    expect(u.notes).toBe(START);
    const r = run(u, { type: 'redo' });
    expect(r.notes).toBe(moved);
  });

  it('a drag through many previews commits ONE step', () => {
    let s = initEditor(START);
    for (let i = 1; i <= 20; i++) {
      s = run(s, { type: 'preview', notes: moveNotes(START, new Set(['a']), i * 0.25, 0) });
    }
    expect(s.history.past).toHaveLength(0);
    expect(s.notes[0]!.start).toBe(5);
    s = run(s, { type: 'commit', label: 'Move notes' });
    expect(s.history.past).toHaveLength(1);
    expect(s.history.past[0]!.label).toBe('Move notes');
    expect(s.gestureBase).toBeNull();
    expect(run(s, { type: 'undo' }).notes).toBe(START);
  });

  it('a gesture that ends where it began records nothing', () => {
    const s = run(
      initEditor(START),
      { type: 'preview', notes: moveNotes(START, new Set(['a']), 1, 0) },
      { type: 'preview', notes: moveNotes(START, new Set(['a']), 0, 0) },
      { type: 'commit', label: 'Move' },
    );
    expect(s.history.past).toHaveLength(0);
    expect(
      run(initEditor(START), { type: 'apply', label: 'x', notes: [...START] }).history.past,
    ).toHaveLength(0);
  });

  it('cancel goes back to the notes before the gesture', () => {
    const s = run(
      initEditor(START),
      { type: 'preview', notes: [] },
      { type: 'cancel' },
      { type: 'commit', label: 'late' },
    );
    expect(s.notes).toBe(START);
    expect(s.history.past).toHaveLength(0);
  });

  it('undo during a drag abandons the drag only', () => {
    const s0 = run(initEditor(START), { type: 'apply', label: 'Clear', notes: [] });
    const s = run(s0, { type: 'preview', notes: [note('z', 70, 0)] }, { type: 'undo' });
    expect(s.notes).toEqual([]);
    expect(s.history.past).toHaveLength(1);
  });

  it('a new edit clears redo', () => {
    const s = run(
      initEditor(START),
      { type: 'apply', label: 'One', notes: [] },
      { type: 'undo' },
      { type: 'apply', label: 'Two', notes: [note('c', 64, 0)] },
    );
    expect(s.history.future).toHaveLength(0);
    expect(run(s, { type: 'redo' }).notes).toBe(s.notes);
  });

  it('selection changes are not undo steps, and undo drops ids that vanish', () => {
    let s = run(initEditor(START), { type: 'select', selection: new Set(['a', 'b']) });
    expect(s.history.past).toHaveLength(0);
    s = run(s, { type: 'select', selection: (prev) => new Set([...prev].filter((id) => id !== 'b')) });
    expect([...s.selection]).toEqual(['a']);
    s = run(s, { type: 'apply', label: 'Add', notes: [...START, note('c', 64, 2)] });
    s = run(s, { type: 'select', selection: new Set(['a', 'c']) });
    s = run(s, { type: 'undo' });
    expect([...s.selection]).toEqual(['a']);
  });

  it('replaceAll is one step and clears the selection; reset clears history', () => {
    let s = run(initEditor(START), { type: 'select', selection: new Set(['a']) });
    s = run(s, { type: 'replaceAll', label: 'Generate', notes: [note('g', 72, 0)] });
    expect(s.selection.size).toBe(0);
    expect(s.history.past.map((e) => e.label)).toEqual(['Generate']);
    s = run(s, { type: 'reset', notes: START });
    expect(s.history.past).toHaveLength(0);
    expect(s.notes).toBe(START);
    expect(s.loads).toBe(1);
  });

  it('pruneSelection keeps the same set when nothing vanished', () => {
    const sel = new Set(['a']);
    expect(pruneSelection(sel, START)).toBe(sel);
    expect([...pruneSelection(new Set(['a', 'q']), START)]).toEqual(['a']);
  });
});
