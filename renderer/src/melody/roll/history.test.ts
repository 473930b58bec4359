import { describe, expect, it } from 'vitest';
import { EMPTY_HISTORY, HISTORY_LIMIT, record, redo, redoLabel, undo, undoLabel } from './history';
import type { RollNote } from './model';

const notes = (...pitches: number[]): RollNote[] =>
  pitches.map((p, i) => ({ id: `n${i}`, pitch: p, start: i, duration: 1, velocity: 100 }));

describe('history', () => {
  it('undoes and redoes with labels', () => {
    const a = notes(60);
    const b = notes(60, 62);
    const c = notes(60, 62, 64);
    let h = record(EMPTY_HISTORY, a, 'Add note');
    h = record(h, b, 'Add another');
    expect(undoLabel(h)).toBe('Add another');
    expect(redoLabel(h)).toBeNull();

    const u1 = undo(h, c)!;
    expect(u1.notes).toBe(b);
    expect(u1.label).toBe('Add another');
    expect(undoLabel(u1.history)).toBe('Add note');
    expect(redoLabel(u1.history)).toBe('Add another');

    const u2 = undo(u1.history, u1.notes)!;
    expect(u2.notes).toBe(a);
    expect(undo(u2.history, u2.notes)).toBeNull();

    const r1 = redo(u2.history, u2.notes)!;
    expect(r1.notes).toBe(b);
    const r2 = redo(r1.history, r1.notes)!;
    expect(r2.notes).toBe(c);
    expect(redo(r2.history, r2.notes)).toBeNull();
    expect(undoLabel(r2.history)).toBe('Add another');
  });

  it('a new edit clears redo', () => {
    const h = record(EMPTY_HISTORY, notes(60), 'One');
    const u = undo(h, notes(61))!;
    expect(redoLabel(u.history)).toBe('One');
    const h2 = record(u.history, u.notes, 'Other');
    expect(h2.future).toHaveLength(0);
    expect(redoLabel(h2)).toBeNull();
  });

  it(`keeps at most ${HISTORY_LIMIT} steps, dropping the oldest`, () => {
    let h = EMPTY_HISTORY;
    for (let i = 0; i < HISTORY_LIMIT + 25; i++) h = record(h, notes(i % 128), `edit ${i}`);
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    expect(h.past[0]!.label).toBe('edit 25');
    expect(undoLabel(h)).toBe(`edit ${HISTORY_LIMIT + 24}`);
  });

  it('is immutable', () => {
    const h = record(EMPTY_HISTORY, notes(60), 'One');
    undo(h, notes(61));
    expect(h.past).toHaveLength(1);
    expect(EMPTY_HISTORY.past).toHaveLength(0);
  });
});
