/** The MIDI augment's note work: lengths, key lock, transposition, octaves, the distance, bytes. */
import { describe, expect, it } from 'vitest';
import {
  cutAt,
  lengthBars,
  melodyBytes,
  melodyDistance,
  noteSet,
  sourceLock,
  toOctaveOf,
  transpose,
  transposeKey,
} from './melody';
import { pickMelodyTrack } from './source';
import { MELODIES, notesOf, tune } from './testing';

const n = (pitch: number, start: number, duration = 0.5) => ({ pitch, start, duration, velocity: 90 });

describe('melody lengths and cuts', () => {
  it('counts whole bars of the meter', () => {
    expect(lengthBars({ notes: MELODIES.G_REEL })).toBe(4);
    expect(lengthBars({ notes: MELODIES.G_REEL, timeSignature: [3, 4] })).toBe(6);
    expect(lengthBars({ notes: MELODIES.G_REEL, timeSignature: [6, 8] })).toBe(6);
    expect(lengthBars({ notes: [n(60, 0, 4.5)] })).toBe(2);
  });

  it('cuts notes at a beat, shortening the one across it', () => {
    expect(cutAt([n(60, 0, 2), n(62, 2, 3), n(64, 5)], 4)).toEqual([n(60, 0, 2), n(62, 2, 2)]);
  });
});

describe('key lock', () => {
  it('locks to the key the notes suggest, else the file says, else none; off when asked', () => {
    expect(sourceLock({ notes: MELODIES.G_REEL }, true)).toEqual({ key: 'G', scale: 'major' });
    expect(sourceLock({ notes: MELODIES.D_REEL, key: 'C', scale: 'major' }, true)).toEqual({
      key: 'D',
      scale: 'major',
    });
    expect(sourceLock({ notes: [n(60, 0)], key: 'F', scale: 'minor' }, true)).toEqual({
      key: 'F',
      scale: 'minor',
    });
    expect(sourceLock({ notes: [n(60, 0)] }, true).scale).toBe('chromatic');
    expect(sourceLock({ notes: MELODIES.G_REEL }, false).scale).toBe('chromatic');
  });

  it('transposes keys around the circle', () => {
    expect(transposeKey('G', 2)).toBe('A');
    expect(transposeKey('C', -1)).toBe('B');
    expect(transposeKey('A#', 12)).toBe('A#');
  });
});

describe('transpose', () => {
  it('moves every pitch by the semitones and keeps times', () => {
    const t = transpose(MELODIES.G_MARCH, -5)!;
    t.forEach((x, i) =>
      expect(x).toEqual({ ...MELODIES.G_MARCH[i]!, pitch: MELODIES.G_MARCH[i]!.pitch - 5 }),
    );
  });

  it('refuses to leave MIDI 0–127', () => {
    expect(transpose([n(125, 0)], 3)).toBeNull();
    expect(transpose([n(2, 0)], -3)).toBeNull();
    expect(transpose([n(124, 0)], 3)).toEqual([n(127, 0)]);
  });
});

describe('toOctaveOf', () => {
  it('moves model output by whole octaves towards the source, inside MIDI range', () => {
    const src = [n(84, 0), n(88, 1)];
    expect(toOctaveOf([n(60, 0), n(64, 1)], src).map((x) => x.pitch)).toEqual([84, 88]);
    expect(toOctaveOf([n(60, 0)], [n(126, 0)]).map((x) => x.pitch)).toEqual([120]);
    expect(toOctaveOf([n(60, 0), n(100, 1)], [n(8, 0)]).map((x) => x.pitch)).toEqual([0, 40]);
  });
});

describe('melody distance', () => {
  it('is 0 for the same notes, 1 for none shared, the share of notes otherwise', () => {
    const a = noteSet(MELODIES.G_REEL);
    expect(melodyDistance(a, noteSet(MELODIES.G_REEL.map((x) => ({ ...x, velocity: 30 }))))).toBe(0);
    expect(melodyDistance(a, noteSet(transpose(MELODIES.G_REEL, 2)!))).toBe(1);
    const half = MELODIES.G_REEL.slice(0, 10);
    expect(melodyDistance(noteSet(half), a)).toBeCloseTo(1 - 10 / MELODIES.G_REEL.length, 10);
    expect(melodyDistance(new Set(), new Set())).toBe(0);
  });
});

describe('melodyBytes', () => {
  it('gives the same bytes for the same notes, and reads back as the notes, tempo and meter', () => {
    const m = { bpm: 100, timeSignature: [2, 4] as [number, number] };
    const a = melodyBytes(m, MELODIES.D_MARCH, 'D march', { key: 'D', scale: 'major' });
    const b = melodyBytes(m, MELODIES.D_MARCH, 'D march', { key: 'D', scale: 'major' });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(notesOf(a)).toEqual(MELODIES.D_MARCH);
  });
});

describe('pickMelodyTrack', () => {
  const track = (index: number, channel: number, notes: ReturnType<typeof tune>) => ({
    index,
    name: `t${index}`,
    instrument: '',
    channel,
    notes,
  });
  it('takes the highest non-drum track, the earlier on a tie, none when all are drums', () => {
    const bass = track(0, 1, tune([[40, 4]]));
    const tune1 = track(1, 0, MELODIES.G_REEL);
    const drums = track(2, 9, tune([[90, 4]]));
    expect(pickMelodyTrack([bass, tune1, drums])).toBe(tune1);
    const twin = track(3, 2, MELODIES.G_REEL);
    expect(pickMelodyTrack([tune1, twin])).toBe(tune1);
    expect(pickMelodyTrack([drums])).toBeNull();
  });
});
