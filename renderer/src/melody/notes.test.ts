import { describe, expect, it } from 'vitest';
import {
  appendTake,
  barsOf,
  endBeat,
  notesAttr,
  sameMusic,
  selectedOrAll,
  toContractNotes,
  toRollNotes,
} from './notes';
import type { RollNote } from './roll/model';

const ids = (): (() => string) => {
  let i = 0;
  return () => `n${++i}`;
};
const roll = (pitch: number, start: number, duration = 1, id = `r${pitch}-${start}`): RollNote => ({
  id,
  pitch,
  start,
  duration,
  velocity: 100,
});

describe('toContractNotes', () => {
  it('drops ids, sorts by start then pitch and clamps to valid ranges', () => {
    const out = toContractNotes([
      { id: 'a', pitch: 64, start: 2, duration: 1, velocity: 200 },
      { id: 'b', pitch: 60, start: 0.1 + 0.2, duration: 0.5, velocity: 0 },
      { id: 'c', pitch: 55, start: 2, duration: 0, velocity: 90 },
    ]);
    expect(out).toEqual([
      { pitch: 60, start: 0.3, duration: 0.5, velocity: 1 },
      { pitch: 55, start: 2, duration: 1 / 64, velocity: 90 },
      { pitch: 64, start: 2, duration: 1, velocity: 127 },
    ]);
  });

  it('round-trips through roll notes with fresh ids', () => {
    const notes = [
      { pitch: 60, start: 0, duration: 1, velocity: 96 },
      { pitch: 62, start: 1, duration: 0.25, velocity: 80 },
    ];
    const rolled = toRollNotes(notes, ids());
    expect(rolled.map((n) => n.id)).toEqual(['n1', 'n2']);
    expect(toContractNotes(rolled)).toEqual(notes);
  });
});

describe('lengths', () => {
  it('measures the end and whole bars (at least one)', () => {
    expect(endBeat([])).toBe(0);
    expect(barsOf([], 4)).toBe(1);
    expect(barsOf([{ start: 0, duration: 4 }], 4)).toBe(1);
    expect(barsOf([{ start: 3.75, duration: 0.5 }], 4)).toBe(2);
    // In bars of the meter: 3/4 and 6/8 bars hold 3 beats, 9/8 bars 4.5.
    expect(barsOf([{ start: 0, duration: 12 }], 3)).toBe(4);
    expect(barsOf([{ start: 11, duration: 2 }], 3)).toBe(5);
    expect(barsOf([{ start: 0, duration: 9 }], 4.5)).toBe(2);
    expect(endBeat([roll(60, 6, 2.5)])).toBe(8.5);
  });
});

describe('selectedOrAll', () => {
  const notes = [roll(60, 0, 1, 'a'), roll(62, 1, 1, 'b')];
  it('is the selection when there is one, else every note', () => {
    expect(selectedOrAll(notes, new Set(['b'])).map((n) => n.id)).toEqual(['b']);
    expect(selectedOrAll(notes, new Set()).map((n) => n.id)).toEqual(['a', 'b']);
    expect(selectedOrAll(notes, new Set(['gone'])).map((n) => n.id)).toEqual(['a', 'b']);
  });
});

describe('appendTake', () => {
  it('adds the continuation after the roll notes with new ids and returns them', () => {
    const before = [roll(60, 0, 1, 'a'), roll(62, 1, 1, 'b')];
    const { notes, ids: added } = appendTake(
      before,
      [
        { pitch: 64, start: 2, duration: 1, velocity: 96 },
        { pitch: 65, start: 3, duration: 1, velocity: 96 },
      ],
      ids(),
    );
    expect(notes).toHaveLength(4);
    expect(notes.slice(0, 2)).toEqual(before);
    expect(added).toEqual(['n1', 'n2']);
    expect(notes.filter((n) => added.includes(n.id)).every((n) => n.start >= 2)).toBe(true);
  });
});

describe('sameMusic and notesAttr', () => {
  it('compares notes and describes them compactly', () => {
    const a = [{ pitch: 60, start: 0, duration: 1, velocity: 96 }];
    expect(sameMusic(a, [{ ...a[0]! }])).toBe(true);
    expect(sameMusic(a, [{ ...a[0]!, pitch: 61 }])).toBe(false);
    expect(sameMusic(a, [])).toBe(false);
    expect(notesAttr([...a, { pitch: 62, start: 1.5, duration: 0.25, velocity: 1 }])).toBe(
      '60:0:1 62:1.5:0.25',
    );
  });
});
