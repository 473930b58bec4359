/**
 * MIDI files in and out. Import reads the Standard MIDI File itself (below): @tonejs/midi pairs
 * note-ons with note-offs by searching and splicing arrays, quadratic in a track's notes (160,000
 * notes held the host 21 s), and reads every note of any file before a cap could apply. Here
 * pairing is one pass, reading stops at the caps, and every damaged file gets one clear sentence.
 * Import lists the tracks that hold notes (times in beats of the file's first tempo); export
 * writes a standard single-track file a DAW opens with @tonejs/midi.
 */
import { createRequire } from 'node:module';
import {
  AtelierError,
  MELODY_MAX_BEATS,
  MELODY_MAX_NOTES,
  type MelodyClip,
  type Note,
} from '../../../preload/contract';
import { encodeWithSignatures } from './signatures';
import { ticksPerBeat } from './timing';

type MidiModule = typeof import('@tonejs/midi');
// The package's "module" build is not Node-ESM-loadable; its CommonJS build is.
const { Midi } = createRequire(import.meta.url)('@tonejs/midi') as MidiModule;

/** Tracks with notes an import lists, and notes a file may hold: the answer stays a few MB. */
export const MIDI_MAX_TRACKS = 64;
export const MIDI_MAX_NOTES = 100_000;
const MAX_NAME_CHARS = 120;

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

const refuse = (message: string): AtelierError =>
  new AtelierError({ code: 'invalid-input', message, field: 'bytes' });

/** Thrown by the reader when the bytes end early or say something impossible. */
class Damaged extends Error {}

/** Big-endian reads within [pos, end) of the file. */
class Reader {
  constructor(
    private readonly b: Uint8Array,
    public pos: number,
    public end: number,
  ) {}
  u8(): number {
    if (this.pos >= this.end) throw new Damaged();
    return this.b[this.pos++]!;
  }
  uint(bytes: number): number {
    let v = 0;
    for (let i = 0; i < bytes; i++) v = v * 256 + this.u8();
    return v;
  }
  /** A variable-length quantity: at most 4 bytes of 7 bits. */
  vlq(): number {
    let v = 0;
    for (let i = 0; i < 4; i++) {
      const c = this.u8();
      v = v * 128 + (c & 0x7f);
      if (c < 0x80) return v;
    }
    throw new Damaged();
  }
  take(n: number): Uint8Array {
    if (n > this.end - this.pos) throw new Damaged();
    this.pos += n;
    return this.b.subarray(this.pos - n, this.pos);
  }
}

/** Text of a meta event (MIDI text is bytes; read as Latin-1 like every MIDI tool), kept short. */
const text = (data: Uint8Array): string => String.fromCharCode(...data.subarray(0, MAX_NAME_CHARS));

/** One instrument on one channel of one track chunk, as @tonejs/midi splits them. */
interface RawTrack {
  name: string;
  program: number;
  channel: number;
  /** Notes in note-on order; `end` is set when the note-off comes (unfinished notes are dropped). */
  notes: { pitch: number; velocity: number; start: number; end: number | null }[];
}

interface RawFile {
  format: number;
  division: number;
  name: string;
  tempo: { tick: number; bpm: number } | null;
  tracks: RawTrack[];
}

/** Reads the file's chunks; throws `Damaged`, or an AtelierError at a cap. */
function parse(bytes: Uint8Array): RawFile {
  const head = new Reader(bytes, 4, bytes.length);
  const headLength = head.uint(4);
  if (headLength < 6) throw new Damaged();
  const format = head.uint(2);
  head.uint(2); // the track count: the chunks themselves are read
  const division = head.uint(2);
  head.take(headLength - 6);
  const file: RawFile = { format, division, name: '', tempo: null, tracks: [] };
  let notes = 0;
  while (head.pos < bytes.length) {
    const type = text(head.take(4));
    const r = new Reader(bytes, head.pos + 4, head.pos + 4 + head.uint(4));
    if (r.end > bytes.length) throw new Damaged();
    head.pos = r.end;
    if (type !== 'MTrk') continue; // other chunks are allowed and skipped
    // This chunk's tracks by "program channel", as @tonejs/midi splits them: the first one also
    // holds the chunk's names, so a chunk of names and tempos alone still counts as a track.
    const firstChunk = file.tracks.length === 0;
    const base: RawTrack = { name: '', program: 0, channel: 0, notes: [] };
    if (r.pos < r.end) file.tracks.push(base);
    const byKey = new Map<string, RawTrack>();
    const program = new Array<number>(16).fill(0);
    const trackFor = (channel: number): RawTrack => {
      const key = `${program[channel]} ${channel}`;
      let t = byKey.get(key);
      if (!t) {
        t = byKey.size === 0 ? base : { name: '', program: 0, channel: 0, notes: [] };
        Object.assign(t, { program: program[channel]!, channel });
        if (t !== base) file.tracks.push(t);
        byKey.set(key, t);
      }
      return t;
    };
    // Pending note-ons by channel and pitch, oldest first: a note-off ends the oldest (one pass).
    const pending = new Map<number, { notes: RawTrack['notes']; head: number }>();
    let tick = 0;
    let running = 0;
    while (r.pos < r.end) {
      tick += r.vlq();
      let status = r.u8();
      if (status < 0x80) {
        if (!running) throw new Damaged();
        status = running; // running status: this byte was the first data byte
        r.pos--;
      }
      if (status === 0xff) {
        const kind = r.u8();
        const data = r.take(r.vlq());
        if (kind === 0x03 && !base.name) base.name = text(data);
        if (kind === 0x03 && firstChunk && !file.name) file.name = text(data);
        if (kind === 0x51 && data.length === 3 && (!file.tempo || tick < file.tempo.tick)) {
          const us = (data[0]! << 16) | (data[1]! << 8) | data[2]!;
          if (us > 0) file.tempo = { tick, bpm: 60_000_000 / us };
        }
        if (kind === 0x2f) break;
        continue;
      }
      if (status === 0xf0 || status === 0xf7) {
        r.take(r.vlq()); // system exclusive
        continue;
      }
      if (status > 0xf0) throw new Damaged(); // real-time and common messages do not belong in a file
      running = status;
      const kind = status >> 4;
      const channel = status & 0x0f;
      const a = r.u8();
      const b = kind === 0xc || kind === 0xd ? 0 : r.u8();
      if (kind === 0xc) program[channel] = a;
      if (kind !== 0x8 && kind !== 0x9) continue;
      const key = channel * 128 + a;
      let open = pending.get(key);
      if (!open) pending.set(key, (open = { notes: [], head: 0 }));
      if (kind === 0x9 && b > 0) {
        if (++notes > MIDI_MAX_NOTES)
          throw refuse(
            `holds more than ${MIDI_MAX_NOTES.toLocaleString('en')} notes; Atelier reads MIDI files of up to that many.`,
          );
        const note = { pitch: a, velocity: b, start: tick, end: null };
        trackFor(channel).notes.push(note);
        open.notes.push(note);
      } else if (open.head < open.notes.length) {
        open.notes[open.head++]!.end = tick;
      }
    }
  }
  return file;
}

export function readMidi(bytes: Uint8Array, fileName = ''): ImportedMidi {
  const what = fileName || 'This MIDI file';
  if (bytes.length === 0) throw refuse(`${what} is empty: it holds no MIDI data.`);
  const head = String.fromCharCode(...bytes.subarray(0, 4));
  if (head !== 'MThd')
    throw refuse(`${fileName || 'This file'} is not a MIDI file (it does not start with "MThd").`);
  let file: RawFile;
  try {
    file = parse(bytes);
  } catch (e) {
    if (e instanceof AtelierError) throw refuse(`${what} ${e.message}`);
    if (e instanceof Damaged) throw refuse(`${what} is damaged or cut short; it could not be read.`);
    throw e;
  }
  const bpm = file.tempo?.bpm ?? 120;
  // Ticks per beat; a file timed in SMPTE frames counts ticks per second (at its first tempo).
  const ppq = ticksPerBeat(file.division, bpm);
  // A format-1 file's first track without notes is its tempo map, not a track (as @tonejs/midi).
  const offset = file.format === 1 && file.tracks[0]?.notes.every((n) => n.end === null) ? 1 : 0;
  const tracks: ImportedTrack[] = [];
  file.tracks.forEach((t, i) => {
    const notes = t.notes
      .filter((n): n is typeof n & { end: number } => n.end !== null)
      .map((n) => ({
        pitch: n.pitch,
        start: round(n.start / ppq),
        duration: Math.min(MELODY_MAX_BEATS, Math.max(1 / 960, round((n.end - n.start) / ppq))),
        velocity: n.velocity,
      }))
      // What a clip can hold (the contract's limits): the first notes up to the longest clip.
      .filter((n) => Number.isFinite(n.start) && Number.isFinite(n.duration) && n.start <= MELODY_MAX_BEATS)
      .slice(0, MELODY_MAX_NOTES);
    if (!notes.length) return;
    const index = i - offset;
    tracks.push({
      index,
      name: t.name || `Track ${index + 1}`,
      instrument: t.channel === 9 ? 'drums' : instrumentName(t.program),
      channel: t.channel,
      notes,
    });
  });
  if (tracks.length > MIDI_MAX_TRACKS)
    throw refuse(
      `${what} has ${tracks.length} tracks with notes; Atelier reads MIDI files of up to ${MIDI_MAX_TRACKS}.`,
    );
  if (!tracks.length) throw refuse(`${what} has no notes.`);
  return {
    name: file.name || fileName.replace(/\.midi?$/i, ''),
    bpm: Math.min(300, Math.max(20, bpm)),
    tracks,
  };
}

/** The General MIDI name of a program number (@tonejs/midi's table, read through its API). */
function instrumentName(program: number): string {
  const probe = new Midi().addTrack();
  probe.instrument.number = program;
  return probe.instrument.name;
}

/**
 * One track, one tempo, the clip's time signature (4/4 unless it says otherwise) and key signature
 * (its key and scale, or the key its notes suggest); ticks at 480 per beat so 16ths and triplets
 * land exactly.
 */
export function writeMidi(clip: MelodyClip): Uint8Array<ArrayBuffer> {
  const midi = new Midi();
  midi.header.setTempo(clip.bpm);
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
  return encodeWithSignatures(midi, clip);
}
