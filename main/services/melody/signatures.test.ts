import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { MelodyClip, Note } from '../../../preload/contract';
import { writeMidi } from './midi';
import { readSignatures } from './signatures';

const { Midi } = createRequire(import.meta.url)('@tonejs/midi') as typeof import('@tonejs/midi');

/** G major: G A B C D E F# over two bars. */
const gMajor: Note[] = [67, 69, 71, 72, 74, 76, 78, 79, 74, 71, 67].map((pitch, i) => ({
  pitch,
  start: i * 0.5,
  duration: i === 10 ? 2 : 0.5,
  velocity: 90,
}));

const clip = (over: Partial<MelodyClip>): MelodyClip => ({ notes: gMajor, bpm: 110, name: 'Air', ...over });

/** What a DAW reads from the written file: its first time and key signature. */
function header(bytes: Uint8Array) {
  const m = new Midi(bytes);
  return {
    meter: m.header.timeSignatures[0]?.timeSignature,
    key: m.header.keySignatures[0]
      ? `${m.header.keySignatures[0].key} ${m.header.keySignatures[0].scale}`
      : null,
  };
}

describe('MIDI written for a clip carries its time signature', () => {
  it('4/4 unless the clip says otherwise; 3/4 and 6/8 as the clip says', () => {
    expect(header(writeMidi(clip({}))).meter).toEqual([4, 4]);
    expect(header(writeMidi(clip({ timeSignature: [3, 4] }))).meter).toEqual([3, 4]);
    expect(header(writeMidi(clip({ timeSignature: [6, 8] }))).meter).toEqual([6, 8]);
    expect(readSignatures(writeMidi(clip({ timeSignature: [6, 8] }))).timeSignature).toEqual([6, 8]);
  });
});

describe('MIDI written for a clip carries its key signature', () => {
  it('from the clip’s key and scale, major and minor', () => {
    // @tonejs/midi names a signature by its major key: one sharp + minor reads "G minor" there (= E minor).
    expect(header(writeMidi(clip({ key: 'G', scale: 'major' }))).key).toBe('G major');
    expect(header(writeMidi(clip({ key: 'E', scale: 'minor' }))).key).toBe('G minor');
    expect(readSignatures(writeMidi(clip({ key: 'G', scale: 'major' })))).toMatchObject({
      key: 'G',
      scale: 'major',
    });
    expect(readSignatures(writeMidi(clip({ key: 'E', scale: 'minor' })))).toMatchObject({
      key: 'E',
      scale: 'minor',
    });
    expect(readSignatures(writeMidi(clip({ key: 'D', scale: 'harmonic-minor' })))).toMatchObject({
      key: 'D',
      scale: 'minor',
    });
    expect(readSignatures(writeMidi(clip({ key: 'A#', scale: 'major' })))).toMatchObject({
      key: 'A#', // B♭ major: two flats
      scale: 'major',
    });
  });

  it('modes as their relative major or minor key', () => {
    expect(readSignatures(writeMidi(clip({ key: 'G', scale: 'mixolydian' })))).toMatchObject({
      key: 'C',
      scale: 'major',
    });
    expect(readSignatures(writeMidi(clip({ key: 'D', scale: 'dorian' })))).toMatchObject({
      key: 'A',
      scale: 'minor',
    });
  });

  it('a clip without a lock gets the key its notes suggest; too few notes, none', () => {
    expect(readSignatures(writeMidi(clip({})))).toMatchObject({ key: 'G', scale: 'major' });
    expect(readSignatures(writeMidi(clip({ key: 'C', scale: 'chromatic' })))).toMatchObject({ key: 'G' });
    const two = writeMidi(clip({ notes: gMajor.slice(0, 2) }));
    expect(header(two).key).toBeNull();
    expect(readSignatures(two).key).toBeUndefined();
  });
});

describe('readSignatures', () => {
  it('takes the earliest signatures of any track, and leaves out what a file does not say', () => {
    // Track 1: 6/8. Track 2: D minor (one flat) at the start, A major two bars on. Written by hand.
    const chunk = (events: number[]): number[] => [
      ...[0x4d, 0x54, 0x72, 0x6b, 0, 0, 0, events.length + 4],
      ...events,
      ...[0, 0xff, 0x2f, 0],
    ];
    const bytes = Uint8Array.from([
      ...[0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 1, 0, 2, 0x01, 0xe0],
      ...chunk([0, 0xff, 0x58, 4, 6, 3, 24, 8]),
      ...chunk([
        0, 0xff, 0x59, 2, 0xff, 1, 0x87, 0x40, 0xff, 0x59, 2, 3, 0, 0, 0x90, 62, 90, 0x83, 0x60, 0x80, 62, 0,
      ]),
    ]);
    expect(readSignatures(bytes)).toEqual({ key: 'D', scale: 'minor', timeSignature: [6, 8] });
    expect(readSignatures(writeMidi(clip({ key: 'D', scale: 'major', timeSignature: [3, 4] })))).toEqual({
      key: 'D',
      scale: 'major',
      timeSignature: [3, 4],
    });
    const bare = new Midi();
    bare.addTrack().addNote({ midi: 60, ticks: 0, durationTicks: 480 });
    expect(readSignatures(Uint8Array.from(bare.toArray()))).toEqual({});
  });

  it('a damaged file gives what was read before the damage, never throws', () => {
    const bytes = writeMidi(clip({ key: 'G', scale: 'major', timeSignature: [3, 4] }));
    for (const cut of [10, 20, 30, 40, bytes.length - 5])
      expect(() => readSignatures(bytes.slice(0, cut))).not.toThrow();
  });
});
