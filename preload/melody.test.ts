import { describe, expect, it } from 'vitest';
import {
  estimateKey,
  inScale,
  keyFromSignature,
  keySignatureOf,
  lockLabel,
  meterBeats,
  scalePitchClasses,
} from './melody';

/** A tune as (pitch, beats) pairs, laid end to end. */
const tune = (pairs: [number, number][]) => {
  let t = 0;
  return pairs.map(([pitch, duration]) => {
    const n = { pitch, start: t, duration, velocity: 96 };
    t += duration;
    return n;
  });
};

describe('estimateKey (Krumhansl–Schmuckler)', () => {
  it('finds G major in a G major tune, and every tune note is in that scale', () => {
    // G B D | C A F# | G D B G — tonic and dominant held longest.
    const notes = tune([
      [67, 2],
      [71, 1],
      [74, 1],
      [72, 1],
      [69, 1],
      [66, 0.5],
      [67, 2.5],
      [62, 1],
      [71, 1],
      [67, 2],
    ]);
    const k = estimateKey(notes);
    expect(k).toMatchObject({ key: 'G', scale: 'major' });
    const mask = scalePitchClasses(k!.key, k!.scale);
    for (const n of notes) expect(inScale(n.pitch, mask)).toBe(true);
  });

  it('finds A minor in an A minor tune (with its raised seventh)', () => {
    const notes = tune([
      [69, 2],
      [72, 1],
      [76, 1],
      [74, 1],
      [72, 1],
      [71, 1],
      [68, 0.5],
      [69, 2.5],
      [64, 1],
      [69, 2],
    ]);
    expect(estimateKey(notes)).toMatchObject({ key: 'A', scale: 'minor' });
  });

  it('says nothing for too few pitch classes or no notes', () => {
    expect(estimateKey([])).toBeNull();
    expect(
      estimateKey(
        tune([
          [60, 1],
          [67, 1],
          [60, 2],
        ]),
      ),
    ).toBeNull();
  });
});

describe('key signatures', () => {
  it('majors and minors by the circle of fifths (sharps positive, flats negative)', () => {
    expect(keySignatureOf('C', 'major')).toEqual({ sharps: 0, minor: false });
    expect(keySignatureOf('G', 'major')).toEqual({ sharps: 1, minor: false });
    expect(keySignatureOf('F', 'major')).toEqual({ sharps: -1, minor: false });
    expect(keySignatureOf('A#', 'major')).toEqual({ sharps: -2, minor: false }); // B♭
    expect(keySignatureOf('F#', 'major')).toEqual({ sharps: 6, minor: false });
    expect(keySignatureOf('E', 'minor')).toEqual({ sharps: 1, minor: true });
    expect(keySignatureOf('D', 'minor')).toEqual({ sharps: -1, minor: true });
    expect(keySignatureOf('A', 'harmonic-minor')).toEqual({ sharps: 0, minor: true });
    expect(keySignatureOf('G', 'major-pentatonic')).toEqual({ sharps: 1, minor: false });
    expect(keySignatureOf('E', 'blues')).toEqual({ sharps: 1, minor: true });
  });

  it('modes are written as their relative major or minor key; chromatic has none', () => {
    expect(keySignatureOf('G', 'mixolydian')).toEqual({ sharps: 0, minor: false }); // C major
    expect(keySignatureOf('D', 'dorian')).toEqual({ sharps: 0, minor: true }); // A minor
    expect(keySignatureOf('A', 'dorian')).toEqual({ sharps: 1, minor: true }); // E minor
    expect(keySignatureOf('C', 'chromatic')).toBeNull();
  });

  it('reads back as the key it names, with sharps in the name', () => {
    expect(keyFromSignature(1, false)).toEqual({ key: 'G', scale: 'major' });
    expect(keyFromSignature(1, true)).toEqual({ key: 'E', scale: 'minor' });
    expect(keyFromSignature(-3, false)).toEqual({ key: 'D#', scale: 'major' });
    expect(keyFromSignature(-1, true)).toEqual({ key: 'D', scale: 'minor' });
    expect(keyFromSignature(0, true)).toEqual({ key: 'A', scale: 'minor' });
  });
});

describe('labels and meters', () => {
  it('names a lock and counts a bar in quarter notes', () => {
    expect(lockLabel('G', 'major')).toBe('G major');
    expect(lockLabel('C', 'chromatic')).toBe('no lock');
    expect(meterBeats([4, 4])).toBe(4);
    expect(meterBeats([3, 4])).toBe(3);
    expect(meterBeats([6, 8])).toBe(3);
  });
});
