/**
 * Test helpers: a tiny folder of MIDI melodies written with @tonejs/midi — two labels under
 * train/, a held-out test/ split, a multi-track file (bass, melody, drums), a corrupt file, a
 * text file — and a way to read a written file's melody back.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Note } from '../../../../preload/contract';
import { readMidi } from '../../melody/midi';
import { put } from '../testing';

type MidiModule = typeof import('@tonejs/midi');
const { Midi } = createRequire(import.meta.url)('@tonejs/midi') as MidiModule;

/** Notes from [pitch, eighths] pairs, one after another from beat 0. */
export function tune(pairs: readonly [number, number][]): Note[] {
  let at = 0;
  return pairs.map(([pitch, eighths]) => {
    const n = { pitch, start: at, duration: eighths / 2, velocity: 90 };
    at += eighths / 2;
    return n;
  });
}

// Four bars of 4/4 each (32 eighths), in G major and D major, folk-like.
// prettier-ignore
const G_REEL = tune([
  [67, 1], [71, 1], [74, 1], [71, 1], [67, 1], [71, 1], [74, 2],
  [72, 1], [76, 1], [74, 1], [72, 1], [71, 2], [69, 2],
  [67, 1], [71, 1], [74, 1], [79, 1], [78, 1], [76, 1], [74, 2],
  [72, 1], [71, 1], [69, 1], [66, 1], [67, 4],
]);
// prettier-ignore
const D_REEL = tune([
  [62, 1], [66, 1], [69, 1], [66, 1], [62, 1], [66, 1], [69, 2],
  [71, 1], [69, 1], [67, 1], [66, 1], [64, 2], [62, 2],
  [66, 1], [69, 1], [74, 1], [73, 1], [71, 1], [69, 1], [67, 2],
  [66, 1], [64, 1], [62, 1], [61, 1], [62, 4],
]);
// prettier-ignore
const G_MARCH = tune([
  [67, 2], [67, 2], [71, 2], [74, 2], [72, 2], [71, 2], [69, 4],
  [71, 2], [72, 2], [74, 2], [76, 2], [74, 4], [71, 4],
]);
// prettier-ignore
const D_MARCH = tune([
  [69, 2], [69, 2], [66, 2], [62, 2], [64, 2], [66, 2], [67, 4],
  [69, 2], [71, 2], [69, 2], [67, 2], [66, 4], [62, 4],
]);
/** A bass line under the multi-track file's melody (lower, so not the melody). */
const BASS = tune([
  [43, 8],
  [48, 8],
  [43, 8],
  [50, 8],
]);

export const MELODIES = { G_REEL, D_REEL, G_MARCH, D_MARCH };

export interface TrackSpec {
  notes: readonly Note[];
  channel?: number;
  name?: string;
}

/** A MIDI file of these tracks at `bpm`, with a time signature when given. */
export function midiFile(tracks: readonly TrackSpec[], bpm = 120, meter?: [number, number]): Uint8Array {
  const midi = new Midi();
  midi.header.setTempo(bpm);
  if (meter) midi.header.timeSignatures.push({ ticks: 0, timeSignature: meter });
  const ppq = midi.header.ppq;
  for (const t of tracks) {
    const track = midi.addTrack();
    track.name = t.name ?? '';
    track.channel = t.channel ?? 0;
    for (const n of t.notes)
      track.addNote({
        midi: n.pitch,
        ticks: Math.round(n.start * ppq),
        durationTicks: Math.round(n.duration * ppq),
        velocity: n.velocity / 127,
      });
  }
  return Uint8Array.from(midi.toArray());
}

/**
 * `train/{march,reel}/` with two melodies each (one reel a three-track file with bass and drums),
 * `test/reel/held.mid`, a corrupt `train/reel/broken.mid` and `train/march/notes.txt`.
 * Returns the input root. Training melodies: 4 readable, 1 corrupt.
 */
export function tinyMidiFolder(root: string): string {
  const input = join(root, 'midi-input');
  put(input, 'train/march/g.mid', midiFile([{ notes: G_MARCH, name: 'G march' }], 100));
  put(input, 'train/march/d.midi', midiFile([{ notes: D_MARCH, name: 'D march' }], 100, [2, 4]));
  put(input, 'train/reel/g.mid', midiFile([{ notes: G_REEL, name: 'G reel' }], 140));
  put(
    input,
    'train/reel/band.mid',
    midiFile([
      { notes: BASS, name: 'Bass', channel: 1 },
      { notes: D_REEL, name: 'Fiddle', channel: 0 },
      {
        notes: tune([
          [80, 8],
          [80, 8],
        ]),
        name: 'Drums',
        channel: 9,
      },
    ]),
  );
  put(input, 'test/reel/held.mid', midiFile([{ notes: G_REEL, name: 'held' }]));
  put(input, 'train/reel/broken.mid', midiFile([{ notes: G_REEL }]).subarray(0, 40));
  put(input, 'train/march/notes.txt', 'not a melody');
  return input;
}

/** The notes of a written single-track file. */
export const notesOf = (bytes: Uint8Array): Note[] => readMidi(bytes).tracks[0]!.notes;
