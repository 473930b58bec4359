import { describe, expect, it } from 'vitest';
import { inScale, scalePitchClasses } from '../../../preload/melody';
import { clipLock, lockLine, NO_LOCK, readLock, readMeter } from './lock';

/** A G major tune: G B D C A F# G D B G. */
const gMajor = [67, 71, 74, 72, 69, 66, 67, 62, 71, 67].map((pitch, i) => ({
  pitch,
  start: i,
  duration: i % 3 === 0 ? 2 : 1,
  velocity: 96,
}));

describe('the clip’s lock', () => {
  it('is what the clip was saved with, chromatic (no lock) included', () => {
    expect(clipLock({ key: 'D', scale: 'dorian' }, gMajor, NO_LOCK)).toEqual({
      key: 'D',
      scale: 'dorian',
      source: 'clip',
    });
    expect(clipLock({ key: 'C', scale: 'chromatic' }, gMajor, NO_LOCK)).toMatchObject({ scale: 'chromatic' });
  });

  it('is the file’s key signature on import', () => {
    expect(clipLock({ key: 'E', scale: 'minor' }, gMajor, NO_LOCK, 'file')).toEqual({
      key: 'E',
      scale: 'minor',
      source: 'file',
    });
  });

  it('is estimated from the notes when the clip or file does not say: a G major clip locks to G major', () => {
    const lock = clipLock({}, gMajor, NO_LOCK);
    expect(lock).toEqual({ key: 'G', scale: 'major', source: 'notes' });
    // G# (pitch class 8) is outside the lock every tab now runs with.
    expect(inScale(68, scalePitchClasses(lock.key, lock.scale))).toBe(false);
    // A stored key without a scale (or an unknown one) is not a lock: estimated too.
    expect(clipLock({ key: 'C', scale: 'lydian' }, gMajor, NO_LOCK)).toMatchObject({
      key: 'G',
      source: 'notes',
    });
  });

  it('stays as it was when the notes are too few to tell', () => {
    const kept = { key: 'F' as const, scale: 'major' as const };
    expect(clipLock({}, gMajor.slice(0, 2), kept)).toEqual({ ...kept, source: 'set' });
  });

  it('reads stored values leniently and says where the lock came from', () => {
    expect(readLock({ key: 'A#', scale: 'blues' })).toEqual({ key: 'A#', scale: 'blues' });
    expect(readLock({ key: 'H', scale: 'major' })).toBeNull();
    expect(readMeter([6, 8])).toEqual([6, 8]);
    expect(readMeter([6, 7])).toBeNull();
    expect(readMeter('4/4')).toBeNull();
    expect(lockLine({ key: 'G', scale: 'major', source: 'notes' })).toBe(
      'Every tab keeps new notes in G major (estimated from the clip’s notes).',
    );
    expect(lockLine({ key: 'C', scale: 'chromatic', source: 'set' })).toMatch(/No scale lock/);
  });
});
