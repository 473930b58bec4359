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
