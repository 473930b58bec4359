/**
 * Key and time signatures of MIDI files: what a clip's key, scale and meter are written as, and
 * what an imported file says about them. Both walk the file's events here, in one pass: the reader
 * in midi.ts keeps only notes, names and the tempo, and @tonejs/midi (which encodes the file)
 * writes a key signature's sharps wrongly (its index in a key table + 7, so D major comes out as
 * 16 sharps), so its byte is set here after encoding.
 */
import { TimeSignature, type MelodyClip } from '../../../preload/contract';
import {
  DEFAULT_METER,
  estimateKey,
  keyFromSignature,
  keySignatureOf,
  type Key,
  type Meter,
} from '../../../preload/melody';

/** A key signature as the file holds it: sharps (negative = flats) and major/minor. */
export interface KeySignature {
  sharps: number;
  minor: boolean;
}

/**
 * The key signature a clip is written with: its key and scale (modes as their relative key), or
 * for a clip without a lock the key its notes suggest; null when neither says.
 */
export function clipKeySignature(clip: Pick<MelodyClip, 'notes' | 'key' | 'scale'>): KeySignature | null {
  const sig = clip.scale ? keySignatureOf(clip.key ?? 'C', clip.scale) : null;
  if (sig) return sig;
  const guess = estimateKey(clip.notes);
  return guess ? keySignatureOf(guess.key, guess.scale) : null;
}

/** The time signature a clip is written with (4/4 unless it says otherwise). */
export function clipMeter(clip: Pick<MelodyClip, 'timeSignature'>): [number, number] {
  const m: Meter = clip.timeSignature ?? DEFAULT_METER;
  return [m[0], m[1]];
}

/** The smallest piece of @tonejs/midi's Midi these helpers touch. */
interface EncodableMidi {
  header: {
    timeSignatures: { ticks: number; timeSignature: number[] }[];
    keySignatures: { ticks: number; key: string; scale: string }[];
  };
  toArray(): Uint8Array;
}

/** Encodes `midi` with the clip's time signature and key signature at the start. */
export function encodeWithSignatures(
  midi: EncodableMidi,
  clip: Pick<MelodyClip, 'notes' | 'key' | 'scale' | 'timeSignature'>,
): Uint8Array<ArrayBuffer> {
  midi.header.timeSignatures.push({ ticks: 0, timeSignature: clipMeter(clip) });
  const key = clipKeySignature(clip);
  if (key) midi.header.keySignatures.push({ ticks: 0, key: 'C', scale: key.minor ? 'minor' : 'major' });
  const bytes = Uint8Array.from(midi.toArray());
  if (key)
    forEachTrack(bytes, (start, end) => {
      let done = false;
      walkMeta(bytes, start, end, (_tick, kind, at, length) => {
        if (kind !== 0x59 || length !== 2) return false;
        bytes[at] = key.sharps & 0xff; // a signed byte
        done = true;
        return true;
      });
      return done;
    });
  return bytes;
}

export interface FileSignatures {
  key?: Key;
  scale?: 'major' | 'minor';
  timeSignature?: [number, number];
}

/**
 * The first key and time signature of a MIDI file (the reader has already accepted it), the
 * earliest of any track; what the file does not say, or cannot be read, is left out.
 */
export function readSignatures(bytes: Uint8Array): FileSignatures {
  let key: { tick: number; sig: KeySignature } | null = null;
  let meter: { tick: number; value: [number, number] } | null = null;
  forEachTrack(bytes, (start, end) => {
    let k = false;
    let m = false;
    walkMeta(bytes, start, end, (tick, kind, at, length) => {
      if (kind === 0x59 && length >= 2 && !k) {
        k = true;
        if (!key || tick < key.tick)
          key = { tick, sig: { sharps: (bytes[at]! << 24) >> 24, minor: bytes[at + 1] === 1 } };
      }
      if (kind === 0x58 && length >= 2 && !m) {
        m = true;
        if (!meter || tick < meter.tick) meter = { tick, value: [bytes[at]!, 2 ** bytes[at + 1]!] };
      }
      return k && m;
    });
    return false;
  });
  const out: FileSignatures = {};
  const sig = (key as { sig: KeySignature } | null)?.sig;
  if (sig && sig.sharps >= -7 && sig.sharps <= 7) Object.assign(out, keyFromSignature(sig.sharps, sig.minor));
  const ts = TimeSignature.safeParse((meter as { value: [number, number] } | null)?.value);
  if (ts.success) out.timeSignature = ts.data;
  return out;
}

function readUint(b: Uint8Array, at: number, n: number): number {
  let v = 0;
  for (let i = 0; i < n; i++) v = v * 256 + (b[at + i] ?? 0);
  return v;
}

/** Calls `track` with each MTrk chunk's event bytes [start, end) until it answers true. */
function forEachTrack(b: Uint8Array, track: (start: number, end: number) => boolean): void {
  let pos = 8 + readUint(b, 4, 4);
  while (pos + 8 <= b.length) {
    const type = String.fromCharCode(b[pos]!, b[pos + 1]!, b[pos + 2]!, b[pos + 3]!);
    const end = Math.min(b.length, pos + 8 + readUint(b, pos + 4, 4));
    if (type === 'MTrk' && track(pos + 8, end)) return;
    pos = end;
  }
}

/**
 * Walks a track's events, calling `meta` with each meta event's tick, kind, data offset and
 * length until it answers true; stops quietly where the bytes stop making sense.
 */
function walkMeta(
  b: Uint8Array,
  start: number,
  end: number,
  meta: (tick: number, kind: number, at: number, length: number) => boolean,
): void {
  let pos = start;
  let tick = 0;
  let running = 0;
  const vlq = (): number => {
    let v = 0;
    for (let i = 0; i < 4 && pos < end; i++) {
      const c = b[pos++]!;
      v = v * 128 + (c & 0x7f);
      if (c < 0x80) return v;
    }
    return -1;
  };
  while (pos < end) {
    const delta = vlq();
    if (delta < 0 || pos >= end) return;
    tick += delta;
    let status = b[pos]!;
    if (status < 0x80) {
      if (!running) return;
      status = running; // running status: this byte is data
    } else pos++;
    if (status === 0xff) {
      const kind = b[pos++]!;
      const length = vlq();
      if (length < 0 || pos + length > end) return;
      if (meta(tick, kind, pos, length) || kind === 0x2f) return;
      pos += length;
    } else if (status === 0xf0 || status === 0xf7) {
      const length = vlq();
      if (length < 0) return;
      pos += length;
    } else if (status > 0xf0) {
      return;
    } else {
      running = status;
      pos += status >> 4 === 0xc || status >> 4 === 0xd ? 1 : 2;
    }
  }
}
