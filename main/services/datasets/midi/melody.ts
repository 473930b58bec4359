/**
 * Pure work on a melody's notes for the MIDI augment: its length in bars of its meter, the key
 * the models are locked to, transposition, moving model output back to the source's octave,
 * the near-duplicate distance, and the file bytes every item is written as.
 *
 * Near-duplicate distance: each melody is the set of its notes as (onset on the 16th grid, MIDI
 * pitch) pairs — what a listener hears as "the same notes at the same places", ignoring velocity
 * and small differences in length — and two melodies are 1 − |A ∩ B| / |A ∪ B| apart (the Jaccard
 * distance): 0 for the same notes, 1 for no note in common. A continuation of a 4-bar melody by
 * 4 bars lies about 0.5 from its source; any transposition lies 1 from it.
 */
import type { Note } from '../../../../preload/contract';
import {
  DEFAULT_METER,
  estimateKey,
  KEYS,
  meterBeats,
  STEPS_PER_BEAT,
  type Key,
  type ScaleName,
} from '../../../../preload/melody';
import { writeMidi } from '../../melody/midi';
import type { Melody } from './source';

/** Quarter-note beats in one bar of the melody's meter. */
export const barBeats = (m: Pick<Melody, 'timeSignature'>): number =>
  meterBeats(m.timeSignature ?? DEFAULT_METER);

/** Where the last note ends, in beats. */
export const endBeats = (notes: readonly Note[]): number =>
  notes.reduce((e, n) => Math.max(e, n.start + n.duration), 0);

/** The melody's length in whole bars of its meter (at least 1). */
export function lengthBars(m: Pick<Melody, 'notes' | 'timeSignature'>): number {
  return Math.max(1, Math.ceil(endBeats(m.notes) / barBeats(m) - 1e-9));
}

/** Notes cut at `end` beats: later onsets dropped, longer notes shortened. */
export function cutAt(notes: readonly Note[], end: number): Note[] {
  return notes
    .filter((n) => n.start < end - 1e-9)
    .map((n) => (n.start + n.duration > end ? { ...n, duration: end - n.start } : n));
}

export interface Lock {
  key: Key;
  scale: ScaleName;
}

/**
 * The key the models are locked to for a source: the key its notes suggest (Krumhansl–Schmuckler,
 * as the Melody Sketcher's lock), else the file's key signature, else none ('chromatic').
 * The notes come first because many files carry a default C major signature whatever they hold.
 */
export function sourceLock(m: Pick<Melody, 'notes' | 'key' | 'scale'>, on: boolean): Lock {
  if (!on) return { key: 'C', scale: 'chromatic' };
  const guess = estimateKey(m.notes);
  if (guess) return { key: guess.key, scale: guess.scale };
  if (m.key && m.scale) return { key: m.key, scale: m.scale };
  return { key: 'C', scale: 'chromatic' };
}

/** The key `semitones` away (C + 2 = D). */
export const transposeKey = (key: Key, semitones: number): Key =>
  KEYS[(((KEYS.indexOf(key) + semitones) % 12) + 12) % 12]!;

/** Every pitch moved by `semitones`, or null when a note would leave MIDI's 0–127. */
export function transpose(notes: readonly Note[], semitones: number): Note[] | null {
  const out = notes.map((n) => ({ ...n, pitch: n.pitch + semitones }));
  return out.every((n) => n.pitch >= 0 && n.pitch <= 127) ? out : null;
}

const mean = (notes: readonly Note[]): number => notes.reduce((s, n) => s + n.pitch, 0) / notes.length;

/**
 * Model output moved by whole octaves to sit where the source sits (the models write in MIDI
 * 48–95 and fold a source outside it by octaves), as far as MIDI's 0–127 allows.
 */
export function toOctaveOf(notes: readonly Note[], source: readonly Note[]): Note[] {
  if (!notes.length || !source.length) return [...notes];
  let octaves = Math.round((mean(source) - mean(notes)) / 12);
  const lo = Math.min(...notes.map((n) => n.pitch));
  const hi = Math.max(...notes.map((n) => n.pitch));
  while (octaves > 0 && hi + 12 * octaves > 127) octaves--;
  while (octaves < 0 && lo + 12 * octaves < 0) octaves++;
  return notes.map((n) => ({ ...n, pitch: n.pitch + 12 * octaves }));
}

/** The near-duplicate signature: "onset step:pitch" of every note. */
export function noteSet(notes: readonly Note[]): Set<string> {
  return new Set(notes.map((n) => `${Math.round(n.start * STEPS_PER_BEAT)}:${n.pitch}`));
}

/** The Jaccard distance of two signatures (see the top of this file), 0..1. */
export function melodyDistance(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (!a.size && !b.size) return 0;
  let both = 0;
  for (const x of a) if (b.has(x)) both++;
  return 1 - both / (a.size + b.size - both);
}

/**
 * A melody as a Standard MIDI File: one track, the source's tempo and meter, the key signature
 * given (or the one its notes suggest), 480 ticks a beat. @tonejs/midi writes no date or machine
 * detail, so the same notes always give the same bytes.
 */
export function melodyBytes(
  m: Pick<Melody, 'bpm' | 'timeSignature'>,
  notes: readonly Note[],
  name: string,
  key?: { key: Key; scale: ScaleName },
): Uint8Array {
  return writeMidi({
    notes: [...notes],
    bpm: m.bpm,
    name: name.slice(0, 120),
    ...(key && key.scale !== 'chromatic' ? { key: key.key, scale: key.scale } : {}),
    ...(m.timeSignature ? { timeSignature: m.timeSignature } : {}),
  });
}
