/**
 * MIDI files in and out with @tonejs/midi: import lists the tracks that hold notes (times in
 * beats of the file's first tempo), export writes a standard single-track file a DAW opens.
 */
import { createRequire } from 'node:module';
import {
  AtelierError,
  MELODY_MAX_BEATS,
  MELODY_MAX_NOTES,
  type MelodyClip,
  type Note,
} from '../../../preload/contract';

type MidiModule = typeof import('@tonejs/midi');
// The package's "module" build is not Node-ESM-loadable; its CommonJS build is.
const { Midi } = createRequire(import.meta.url)('@tonejs/midi') as MidiModule;

export interface ImportedTrack {
  index: number;
  name: string;
  instrument: string;
  channel: number;
  notes: Note[];
}

export interface ImportedMidi {
  name: string;
  bpm: number;
  tracks: ImportedTrack[];
}

const round = (x: number, step = 1 / 960): number => Math.round(x / step) * step;

export function readMidi(bytes: Uint8Array, fileName = ''): ImportedMidi {
  const head = String.fromCharCode(...bytes.subarray(0, 4));
  if (head !== 'MThd')
    throw new AtelierError({
      code: 'invalid-input',
      message: `${fileName || 'This file'} is not a MIDI file (it does not start with "MThd").`,
      field: 'bytes',
    });
  let midi: InstanceType<typeof Midi>;
  try {
    midi = new Midi(bytes);
  } catch (e) {
    throw new AtelierError({
      code: 'invalid-input',
      message: `${fileName || 'The MIDI file'} is damaged and cannot be read (${(e as Error).message}).`,
      field: 'bytes',
    });
  }
  const ppq = midi.header.ppq || 480;
  const tracks: ImportedTrack[] = [];
  midi.tracks.forEach((t, index) => {
    if (!t.notes.length) return;
    const notes = t.notes
      .map((n) => ({
        pitch: Math.min(127, Math.max(0, n.midi)),
        start: round(n.ticks / ppq),
        duration: Math.min(MELODY_MAX_BEATS, Math.max(1 / 960, round(n.durationTicks / ppq))),
        velocity: Math.min(127, Math.max(1, Math.round(n.velocity * 127))),
      }))
      // What a clip can hold (the contract's limits): the first notes up to the longest clip.
      .filter((n) => Number.isFinite(n.start) && Number.isFinite(n.duration) && n.start <= MELODY_MAX_BEATS)
      .slice(0, MELODY_MAX_NOTES);
    if (!notes.length) return;
    tracks.push({
      index,
      name: t.name || `Track ${index + 1}`,
      instrument: t.instrument.percussion ? 'drums' : t.instrument.name,
      channel: t.channel,
      notes,
    });
  });
  if (!tracks.length)
    throw new AtelierError({
      code: 'invalid-input',
      message: `${fileName || 'The MIDI file'} has no notes.`,
      field: 'bytes',
    });
  const bpm = midi.header.tempos[0]?.bpm ?? 120;
  return {
    name: midi.name || fileName.replace(/\.midi?$/i, ''),
    bpm: Math.min(300, Math.max(20, bpm)),
    tracks,
  };
}

/** One track, one tempo, 4/4; ticks at 480 per beat so 16ths and triplets land exactly. */
export function writeMidi(clip: MelodyClip): Uint8Array<ArrayBuffer> {
  const midi = new Midi();
  midi.header.setTempo(clip.bpm);
  midi.header.timeSignatures.push({ ticks: 0, timeSignature: [4, 4] });
  midi.header.name = clip.name;
  const track = midi.addTrack();
  track.name = clip.name || 'Atelier melody';
  track.instrument.number = 0;
  const ppq = midi.header.ppq;
  for (const n of [...clip.notes].sort((a, b) => a.start - b.start || a.pitch - b.pitch))
    track.addNote({
      midi: n.pitch,
      ticks: Math.round(n.start * ppq),
      durationTicks: Math.max(1, Math.round(n.duration * ppq)),
      velocity: n.velocity / 127,
    });
  return Uint8Array.from(midi.toArray());
}
