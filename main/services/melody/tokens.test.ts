import { describe, expect, it } from 'vitest';
import type { Note } from '../../../preload/contract';
import { scalePitchClasses } from '../../../preload/melody';
import { allowedTokens, endStep, foldPitch, notesToTokens, tokensToNotes, type TokenGrid } from './tokens';

const g: TokenGrid = { pitchMin: 48, pitchMax: 95, rest: 0, hold: 1, noteOnBase: 2, vocab: 50 };
const on = (p: number): number => 2 + p - 48;
const note = (pitch: number, start: number, duration: number, velocity = 96): Note => ({
  pitch,
  start,
  duration,
  velocity,
});

describe('melody tokens', () => {
  it('writes note-on, holds and rests on the 16th grid', () => {
    const t = notesToTokens([note(60, 0, 1), note(62, 1.5, 0.25)], 0, 8, g);
    expect(t).toEqual([on(60), 1, 1, 1, 0, 0, on(62), 0]);
  });

  it('keeps the highest of simultaneous notes and cuts a note where the next starts', () => {
    const t = notesToTokens([note(60, 0, 2), note(67, 0, 2), note(64, 0.5, 0.25)], 0, 8, g);
    expect(t).toEqual([on(67), 1, on(64), 0, 0, 0, 0, 0]);
  });

  it('folds pitches outside the model range by octaves and never makes a zero-length note', () => {
    expect(foldPitch(30, g)).toBe(54);
    expect(foldPitch(110, g)).toBe(86);
    const t = notesToTokens([note(108, 0, 0.01)], 0, 2, g);
    expect(t).toEqual([on(96 - 12), 0]);
  });

  it('reads tokens back into the same notes (round trip on the grid)', () => {
    const notes = [note(60, 0, 1), note(64, 1, 0.5), note(67, 2.25, 1.75)];
    const tokens = notesToTokens(notes, 0, 16, g);
    const back = tokensToNotes(tokens, 0, g);
    expect(back.map((n) => [n.pitch, n.start, n.duration])).toEqual(
      notes.map((n) => [n.pitch, n.start, n.duration]),
    );
    expect(endStep(notes)).toBe(16);
  });

  it('offsets notes by the starting step and reads a HOLD after a REST as silence', () => {
    const back = tokensToNotes([0, 1, on(72), 1], 16, g);
    expect(back).toEqual([{ pitch: 72, start: 4.5, duration: 0.5, velocity: 88 }]);
  });

  it('the scale lock allows rest, hold and in-scale notes only', () => {
    const allowed = allowedTokens(g, scalePitchClasses('G', 'major'));
    expect(allowed[0]).toBe(1);
    expect(allowed[1]).toBe(1);
    expect(allowed[on(66)]).toBe(1); // F#
    expect(allowed[on(65)]).toBe(0); // F
    expect(allowed.filter((a) => a === 1).length).toBe(2 + 7 * 4);
  });
});
