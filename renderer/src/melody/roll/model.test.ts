import { describe, expect, it } from 'vitest';
import {
  addNote,
  barGrid,
  clampMove,
  cloneInPlace,
  contentEnd,
  copyNotes,
  deleteNotes,
  duplicateNotes,
  extentOf,
  formatPosition,
  isBlackKey,
  makeNote,
  minLength,
  moveNotes,
  newNoteId,
  nudgeStep,
  pasteNotes,
  pitchName,
  quantizeNotes,
  quantizeSnap,
  resizeNotes,
  sameNotes,
  selectInRect,
  setVelocity,
  snapStep,
  snapValue,
  transposeNotes,
  type RollNote,
} from './model';
import { n } from './testing';

const ids = (...xs: string[]): Set<string> => new Set(xs);

function counter(prefix = 'new'): () => string {
  let i = 0;
  return () => `${prefix}${++i}`;
}

const SONG: readonly RollNote[] = Object.freeze([n('a', 60, 0), n('b', 64, 1, 0.5), n('c', 67, 2, 2, 80)]);

describe('snap', () => {
  it('knows the grid steps', () => {
    expect(snapStep('1/4')).toBe(1);
    expect(snapStep('1/8')).toBe(0.5);
    expect(snapStep('1/16')).toBe(0.25);
    expect(snapStep('off')).toBeNull();
    expect(minLength('1/16')).toBe(0.25);
    expect(minLength('off')).toBe(1 / 64);
    expect(quantizeSnap('off')).toBe('1/16');
    expect(quantizeSnap('1/8')).toBe('1/8');
  });

  it('rounds, floors and ceils to the grid', () => {
    expect(snapValue(1.13, '1/16')).toBe(1.25);
    expect(snapValue(1.12, '1/16')).toBe(1);
    expect(snapValue(1.9, '1/4', 'floor')).toBe(1);
    expect(snapValue(1.1, '1/8', 'ceil')).toBe(1.5);
    expect(snapValue(1.5, '1/8', 'ceil')).toBe(1.5);
    expect(snapValue(2.7, 'off')).toBe(2.7);
  });

  it('does not let float error move an on-grid value a step', () => {
    expect(snapValue(3 * 0.25 - 1e-16, '1/16', 'floor')).toBe(0.75);
    expect(snapValue(0.75 + 1e-12, '1/16', 'ceil')).toBe(0.75);
    expect(snapValue(0.75 - 1e-12, '1/16', 'floor')).toBe(0.75);
    expect(Object.is(snapValue(-0.1, '1/4'), 0)).toBe(true);
  });
});

describe('snap in the clip’s meter', () => {
  const sixEight = barGrid([6, 8]);
  const nineEight = barGrid([9, 8]);
  const threeFour = barGrid([3, 4]);

  it('"bar" is the meter’s bar, "beat" its counted beat', () => {
    expect(snapStep('bar', sixEight)).toBe(3);
    expect(snapStep('beat', sixEight)).toBe(1.5);
    expect(snapStep('bar', nineEight)).toBe(4.5);
    expect(snapStep('beat', nineEight)).toBe(1.5);
    expect(snapStep('bar', threeFour)).toBe(3);
    expect(snapStep('beat', threeFour)).toBe(1);
    expect(snapStep('bar', barGrid([2, 2]))).toBe(4);
    expect(snapStep('beat', barGrid([2, 2]))).toBe(2);
    expect(snapStep('bar')).toBe(4);
    expect(minLength('bar', sixEight)).toBe(3);
  });

  it('snaps to the bar lines of 6/8 every 3 beats', () => {
    expect(snapValue(4.4, 'bar', 'round', sixEight)).toBe(3);
    expect(snapValue(4.6, 'bar', 'round', sixEight)).toBe(6);
    expect(snapValue(5.9, 'bar', 'floor', sixEight)).toBe(3);
    expect(snapValue(3.1, 'bar', 'ceil', sixEight)).toBe(6);
    expect(snapValue(2.1, 'beat', 'round', sixEight)).toBe(1.5);
  });

  it('starts a step that does not fill the bar again at each bar line (quarters in 9/8)', () => {
    expect(snapValue(4.3, '1/4', 'round', nineEight)).toBe(4.5);
    expect(snapValue(4.2, '1/4', 'round', nineEight)).toBe(4);
    expect(snapValue(5.4, '1/4', 'round', nineEight)).toBe(5.5);
    expect(snapValue(4.2, '1/4', 'ceil', nineEight)).toBe(4.5);
    expect(snapValue(4.4, '1/4', 'floor', nineEight)).toBe(4);
    expect(snapValue(4.5, '1/4', 'floor', nineEight)).toBe(4.5);
  });

  it('nudges by one bar of the meter with Shift, one grid step without', () => {
    expect(nudgeStep('bar', '1/16', sixEight)).toBe(3);
    expect(nudgeStep('bar', '1/16', nineEight)).toBe(4.5);
    expect(nudgeStep('snap', 'beat', sixEight)).toBe(1.5);
    expect(nudgeStep('snap', 'off', sixEight)).toBe(0.25);
    expect(nudgeStep('bar', '1/16')).toBe(4);
  });

  it('quantizes and duplicates on the meter’s grid', () => {
    const out = quantizeNotes([n('a', 60, 1.2, 1.1)], null, 'beat', sixEight);
    expect(out[0]).toMatchObject({ start: 1.5, duration: 1.5 });
    const r = duplicateNotes([n('a', 60, 0, 2)], ids('a'), 'bar', counter(), sixEight);
    expect(r.notes[1]).toMatchObject({ start: 3 });
  });

  it('formats positions in the meter’s bars and written beats', () => {
    expect(formatPosition(4.5, sixEight)).toBe('2.4.1');
    expect(formatPosition(3.25, threeFour)).toBe('2.1.2');
    expect(formatPosition(5, barGrid([2, 2]))).toBe('2.1.5');
  });
});

describe('notes', () => {
  it('makeNote clamps and rounds', () => {
    expect(makeNote({ pitch: 200.4, start: -3, duration: 0, velocity: 0 }, 'x')).toEqual({
      id: 'x',
      pitch: 127,
      start: 0,
      duration: 1 / 64,
      velocity: 1,
    });
    expect(makeNote({ pitch: 59.6, start: 1, duration: 2, velocity: 300 }, 'y').pitch).toBe(60);
  });

  it('newNoteId makes distinct ids', () => {
    const a = newNoteId();
    const b = newNoteId();
    expect(a).not.toBe(b);
    expect(a.length).toBeGreaterThan(0);
  });

  it('add appends without touching the input', () => {
    const r = addNote(SONG, { pitch: 72, start: 4, duration: 1, velocity: 90 }, counter());
    expect(r.id).toBe('new1');
    expect(r.notes).toHaveLength(4);
    expect(r.notes[3]).toEqual(n('new1', 72, 4, 1, 90));
    expect(SONG).toHaveLength(3);
  });

  it('delete removes the selected notes', () => {
    expect(deleteNotes(SONG, ids('a', 'c')).map((x) => x.id)).toEqual(['b']);
    expect(deleteNotes(SONG, ids())).toEqual(SONG);
    expect(deleteNotes(SONG, ids())).not.toBe(SONG);
  });

  it('extent and content end', () => {
    expect(extentOf(SONG, ids('a', 'b'))).toEqual({ start: 0, end: 1.5, low: 60, high: 64 });
    expect(extentOf(SONG)).toEqual({ start: 0, end: 4, low: 60, high: 67 });
    expect(extentOf(SONG, ids('zz'))).toBeNull();
    expect(contentEnd(SONG)).toBe(4);
    expect(contentEnd([])).toBe(0);
  });
});

describe('move and transpose', () => {
  it('moves only the selection, by beats and semitones', () => {
    const out = moveNotes(SONG, ids('b', 'c'), 1.5, -2);
    expect(out[0]).toBe(SONG[0]);
    expect(out[1]).toEqual(n('b', 62, 2.5, 0.5));
    expect(out[2]).toEqual(n('c', 65, 3.5, 2, 80));
  });

  it('clamps the group at beat 0 and at the pitch range, keeping its shape', () => {
    expect(clampMove(SONG, ids('a', 'b'), -5, 0)).toEqual({ dBeats: 0, dPitch: 0 });
    const left = moveNotes(SONG, ids('b', 'c'), -5, 0);
    expect(left[1]!.start).toBe(0);
    expect(left[2]!.start).toBe(1); // kept its distance from b
    const up = moveNotes([n('x', 120, 0), n('y', 125, 0)], ids('x', 'y'), 0, 10);
    expect(up.map((x) => x.pitch)).toEqual([122, 127]);
    const down = transposeNotes(SONG, ids('a', 'b'), -100);
    expect(down[0]!.pitch).toBe(0);
    expect(down[1]!.pitch).toBe(4);
  });

  it('transposes by whole semitones', () => {
    const out = transposeNotes(SONG, ids('a'), 12);
    expect(out[0]!.pitch).toBe(72);
    expect(out[1]).toBe(SONG[1]);
    expect(transposeNotes(SONG, ids('a'), 0.6)[0]!.pitch).toBe(61);
  });
});

describe('resize', () => {
  it('moves the right edge of the selection', () => {
    const out = resizeNotes(SONG, ids('a', 'c'), 0.5, '1/16');
    expect(out[0]!.duration).toBe(1.5);
    expect(out[2]!.duration).toBe(2.5);
    expect(out[1]).toBe(SONG[1]);
  });

  it('keeps at least one grid step, or 1/64 beat with the grid off', () => {
    expect(resizeNotes(SONG, ids('a'), -10, '1/8')[0]!.duration).toBe(0.5);
    expect(resizeNotes(SONG, ids('a'), -10, 'off')[0]!.duration).toBe(1 / 64);
    // A note already shorter than the step is not lengthened by a shrink.
    expect(resizeNotes([n('t', 60, 0, 0.1)], ids('t'), -1, '1/4')[0]!.duration).toBe(0.1);
  });
});

describe('duplicate', () => {
  it('places copies right after the selection, with new ids', () => {
    const r = duplicateNotes(SONG, ids('a', 'b'), 'off', counter());
    expect(r.ids).toEqual(['new1', 'new2']);
    expect(r.notes).toHaveLength(5);
    expect(r.notes[3]).toEqual(n('new1', 60, 1.5, 1));
    expect(r.notes[4]).toEqual(n('new2', 64, 2.5, 0.5));
  });

  it('rounds the offset up to the grid so copies stay on it', () => {
    const r = duplicateNotes([n('a', 60, 0, 0.9)], ids('a'), '1/4', counter());
    expect(r.notes[1]!.start).toBe(1);
  });

  it('does nothing without a selection', () => {
    expect(duplicateNotes(SONG, ids(), '1/16').ids).toEqual([]);
  });

  it('cloneInPlace copies at the same place', () => {
    const r = cloneInPlace(SONG, ids('c'), counter('k'));
    expect(r.notes[3]).toEqual({ ...SONG[2], id: 'k1' });
  });
});

describe('quantize', () => {
  it('snaps starts and ends to the grid', () => {
    const out = quantizeNotes([n('a', 60, 0.3, 1.1), n('b', 62, 1.9, 0.2)], null, '1/4');
    expect(out[0]).toMatchObject({ start: 0, duration: 1 });
    expect(out[1]).toMatchObject({ start: 2, duration: 1 }); // never zero length
  });

  it('touches only the selection', () => {
    const notes = [n('a', 60, 0.3, 1), n('b', 62, 1.1, 1)];
    const out = quantizeNotes(notes, ids('b'), '1/8');
    expect(out[0]).toBe(notes[0]);
    expect(out[1]).toMatchObject({ start: 1, duration: 1 });
  });

  it('leaves notes alone with the grid off', () => {
    const notes = [n('a', 60, 0.3, 1)];
    expect(quantizeNotes(notes, null, 'off')).toEqual(notes);
  });
});

describe('velocity', () => {
  it('sets absolute velocity, clamped', () => {
    const out = setVelocity(SONG, ids('a', 'c'), 140);
    expect(out.map((x) => x.velocity)).toEqual([127, 100, 127]);
  });

  it('shifts relatively, clamped per note', () => {
    const out = setVelocity(SONG, ids('a', 'c'), 20, 'relative');
    expect(out.map((x) => x.velocity)).toEqual([120, 100, 100]);
    expect(setVelocity(SONG, ids('c'), -500, 'relative')[2]!.velocity).toBe(1);
  });
});

describe('selectInRect', () => {
  it('selects the notes overlapping the rectangle', () => {
    expect([...selectInRect(SONG, { beatStart: 0.5, beatEnd: 2.1, pitchLow: 60, pitchHigh: 66 })]).toEqual([
      'a',
      'b',
    ]);
    expect([...selectInRect(SONG, { beatStart: 3, beatEnd: 1, pitchLow: 70, pitchHigh: 60 })].sort()).toEqual(
      ['b', 'c'],
    );
  });

  it('does not count touching edges as overlap', () => {
    expect(selectInRect(SONG, { beatStart: 1, beatEnd: 2, pitchLow: 60, pitchHigh: 60 }).size).toBe(0);
  });

  it('a zero-width band picks the note under it', () => {
    expect([...selectInRect(SONG, { beatStart: 2.5, beatEnd: 2.5, pitchLow: 67, pitchHigh: 67 })]).toEqual([
      'c',
    ]);
  });
});

describe('copy and paste', () => {
  it('copies relative to the selection start and pastes at a beat', () => {
    const clip = copyNotes(SONG, ids('b', 'c'));
    expect(clip).toEqual({
      origin: 1,
      length: 3,
      notes: [
        { pitch: 64, start: 0, duration: 0.5, velocity: 100 },
        { pitch: 67, start: 1, duration: 2, velocity: 80 },
      ],
    });
    const r = pasteNotes(SONG, clip!, 8, counter('p'));
    expect(r.ids).toEqual(['p1', 'p2']);
    expect(r.notes.slice(3)).toEqual([n('p1', 64, 8, 0.5), n('p2', 67, 9, 2, 80)]);
    expect(copyNotes(SONG, ids())).toBeNull();
  });

  it('pastes at 0 at the earliest', () => {
    const clip = copyNotes(SONG, ids('a'))!;
    expect(pasteNotes([], clip, -4, counter()).notes[0]!.start).toBe(0);
  });
});

describe('helpers', () => {
  it('sameNotes compares content', () => {
    expect(sameNotes(SONG, [...SONG])).toBe(true);
    expect(
      sameNotes(
        SONG,
        SONG.map((x) => ({ ...x })),
      ),
    ).toBe(true);
    expect(sameNotes(SONG, moveNotes(SONG, ids('a'), 1, 0))).toBe(false);
    expect(sameNotes(SONG, SONG.slice(1))).toBe(false);
  });

  it('names pitches with C4 = 60', () => {
    expect(pitchName(60)).toBe('C4');
    expect(pitchName(0)).toBe('C-1');
    expect(pitchName(127)).toBe('G9');
    expect(pitchName(70)).toBe('A#4');
  });

  it('knows the black keys', () => {
    expect([60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71].map(isBlackKey)).toEqual([
      false,
      true,
      false,
      true,
      false,
      false,
      true,
      false,
      true,
      false,
      true,
      false,
    ]);
  });

  it('formats positions as bar.beat.sixteenth', () => {
    expect(formatPosition(0)).toBe('1.1.1');
    expect(formatPosition(5.25)).toBe('2.2.2');
    expect(formatPosition(15.75)).toBe('4.4.4');
  });
});
