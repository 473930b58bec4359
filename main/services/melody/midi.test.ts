import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { AtelierError, type Note } from '../../../preload/contract';
import { readMidi, writeMidi } from './midi';

const { Midi } = createRequire(import.meta.url)('@tonejs/midi') as typeof import('@tonejs/midi');

const notes: Note[] = [
  { pitch: 60, start: 0, duration: 0.5, velocity: 100 },
  { pitch: 64, start: 0.5, duration: 0.25, velocity: 80 },
  { pitch: 67, start: 1.75, duration: 2.25, velocity: 1 },
  { pitch: 127, start: 8, duration: 0.25, velocity: 127 },
  { pitch: 0, start: 9.5, duration: 1 / 3, velocity: 64 },
];

describe('MIDI files', () => {
  it('export then import gives the same notes (pitch, start, duration, velocity)', () => {
    const bytes = writeMidi({ notes, bpm: 96, name: 'Tune' });
    const file = readMidi(bytes, 'tune.mid');
    expect(file.bpm).toBeCloseTo(96, 3);
    expect(file.tracks).toHaveLength(1);
    const back = file.tracks[0]!.notes;
    expect(back).toHaveLength(notes.length);
    back.forEach((n, i) => {
      expect(n.pitch).toBe(notes[i]!.pitch);
      expect(n.start).toBeCloseTo(notes[i]!.start, 2);
      expect(n.duration).toBeCloseTo(notes[i]!.duration, 2);
      expect(n.velocity).toBe(notes[i]!.velocity);
    });
  });

  it('writes a standard single-track file with tempo and 4/4', () => {
    const m = new Midi(writeMidi({ notes, bpm: 140, name: 'x' }));
    expect(m.tracks.filter((t) => t.notes.length)).toHaveLength(1);
    expect(m.header.tempos[0]!.bpm).toBeCloseTo(140, 3);
    expect(m.header.timeSignatures[0]!.timeSignature).toEqual([4, 4]);
  });

  it('lists every track that holds notes so the user can pick one', () => {
    const m = new Midi();
    m.header.setTempo(120);
    m.addTrack().name = 'Conductor';
    const a = m.addTrack();
    a.name = 'Lead';
    a.addNote({ midi: 72, ticks: 0, durationTicks: 480 });
    const b = m.addTrack();
    b.name = 'Bass';
    b.addNote({ midi: 36, ticks: 960, durationTicks: 240 });
    b.addNote({ midi: 38, ticks: 1440, durationTicks: 240 });
    const file = readMidi(Uint8Array.from(m.toArray()), 'song.mid');
    expect(file.tracks.map((t) => [t.index, t.name, t.notes.length])).toEqual([
      [1, 'Lead', 1],
      [2, 'Bass', 2],
    ]);
    expect(file.tracks[1]!.notes[0]).toMatchObject({ pitch: 36, start: 2, duration: 0.5 });
  });

  it('a file that is not MIDI, a damaged one and one without notes get clear errors', () => {
    const notMidi = new TextEncoder().encode('%PDF-1.4 not a song');
    expect(() => readMidi(notMidi, 'paper.pdf')).toThrow(/paper\.pdf is not a MIDI file/);
    const good = writeMidi({ notes, bpm: 120, name: '' });
    const damaged = good.slice(0, 30);
    let err: unknown;
    try {
      readMidi(damaged, 'cut.mid');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AtelierError);
    expect((err as AtelierError).code).toBe('invalid-input');
    expect((err as AtelierError).message).toMatch(/cut\.mid (is damaged|has no notes)/);
    const empty = writeMidi({ notes: [], bpm: 120, name: '' });
    expect(() => readMidi(empty, 'empty.mid')).toThrow(/has no notes/);
  });

  it('keeps an imported track within what a clip may hold (10,000 notes, 4,096 beats)', () => {
    const m = new Midi();
    const t = m.addTrack();
    for (let i = 0; i < 10_050; i++) t.addNote({ midi: 60 + (i % 12), ticks: i * 120, durationTicks: 100 });
    t.addNote({ midi: 72, ticks: 5000 * 480, durationTicks: 480 });
    const notes = readMidi(Uint8Array.from(m.toArray()), 'long.mid').tracks[0]!.notes;
    expect(notes).toHaveLength(10_000);
    expect(Math.max(...notes.map((n) => n.start))).toBeLessThanOrEqual(4096);
    expect(notes[0]).toMatchObject({ pitch: 60, start: 0 });
  });
});

describe('MIDI import limits and damage', () => {
  const message = (bytes: Uint8Array, name = ''): string => {
    try {
      readMidi(bytes, name);
    } catch (e) {
      expect(e).toBeInstanceOf(AtelierError);
      expect((e as AtelierError).field).toBe('bytes');
      return (e as Error).message;
    }
    throw new Error('expected a refusal');
  };

  it('says a cut-short or empty file is damaged, in a sentence, wherever it is cut', () => {
    const m = new Midi();
    const t = m.addTrack();
    for (let i = 0; i < 40; i++) t.addNote({ midi: 60 + (i % 12), ticks: i * 240, durationTicks: 200 });
    const whole = Uint8Array.from(m.toArray());
    for (let cut = 4; cut < whole.length; cut++) {
      const said = message(whole.subarray(0, cut));
      expect(said).toMatch(
        /^This MIDI file (is damaged or cut short; it could not be read\.|has no notes\.)$/,
      );
    }
    expect(message(whole.subarray(0, 40), 'cut.mid')).toBe(
      'cut.mid is damaged or cut short; it could not be read.',
    );
    expect(message(new Uint8Array(0))).toBe('This MIDI file is empty: it holds no MIDI data.');
  });

  it('refuses a file with more than 100,000 notes quickly (one track of 160,000)', () => {
    const m = new Midi();
    const t = m.addTrack();
    for (let i = 0; i < 160_000; i++) t.addNote({ midi: 60 + (i % 12), ticks: i * 10, durationTicks: 8 });
    const bytes = Uint8Array.from(m.toArray());
    const started = performance.now();
    expect(message(bytes, 'huge.mid')).toBe(
      'huge.mid holds more than 100,000 notes; Atelier reads MIDI files of up to that many.',
    );
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('reads 90,000 notes on one pitch in linear time (note-offs paired in one pass)', () => {
    const m = new Midi();
    const t = m.addTrack();
    // Every note on one pitch, each ending after the next begins: the worst case for a search.
    for (let i = 0; i < 90_000; i++) t.addNote({ midi: 60, ticks: i * 4, durationTicks: 6 });
    const bytes = Uint8Array.from(m.toArray());
    const started = performance.now();
    const notes = readMidi(bytes, 'one-pitch.mid').tracks[0]!.notes;
    expect(performance.now() - started).toBeLessThan(1000);
    expect(notes).toHaveLength(10_000);
    expect(notes[1]).toMatchObject({ pitch: 60, start: 4 / 480 });
  });

  /** A format-1 file of `n` track chunks, each one note long (written by hand: @tonejs/midi takes 30 s for 10,000). */
  const manyTracks = (n: number): Uint8Array => {
    const track = [0x00, 0x90, 60, 96, 0x83, 0x60, 0x80, 60, 64, 0x00, 0xff, 0x2f, 0x00];
    const head = [...'MThd']
      .map((c) => c.charCodeAt(0))
      .concat([0, 0, 0, 6, 0, 1, n >> 8, n & 0xff, 0x01, 0xe0]);
    const chunk = [...'MTrk'].map((c) => c.charCodeAt(0)).concat([0, 0, 0, track.length], track);
    return Uint8Array.from(head.concat(...Array.from({ length: n }, () => chunk)));
  };

  it('refuses a file with more than 64 tracks holding notes', () => {
    expect(message(manyTracks(10_000), 'tracks.mid')).toBe(
      'tracks.mid has 10000 tracks with notes; Atelier reads MIDI files of up to 64.',
    );
    const ok = readMidi(manyTracks(64)).tracks;
    expect(ok).toHaveLength(64);
    expect(ok[63]).toMatchObject({ index: 63, notes: [{ pitch: 60, start: 0, duration: 1, velocity: 96 }] });
  });
});
