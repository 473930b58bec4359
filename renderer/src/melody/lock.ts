/**
 * The clip's key and scale lock, and its meter: they belong to the clip (saved with it, read from a
 * MIDI file's signatures, or estimated from its notes when nothing says), and every model tab runs
 * with the clip's lock.
 */
import { MusicKey, MusicScale, TimeSignature } from '../../../preload/contract';
import { estimateKey, lockLabel, type Key, type Meter, type ScaleName } from '../../../preload/melody';

export interface Lock {
  key: Key;
  scale: ScaleName;
}

/** Where the clip's lock came from, for the line under the key fields. */
export type LockSource = 'clip' | 'file' | 'notes' | 'set';

export interface ClipLock extends Lock {
  source: LockSource;
}

export const NO_LOCK: Lock = { key: 'C', scale: 'chromatic' };

/** A stored or sent key and scale, or null when either is missing or unknown. */
export function readLock(v: { key?: unknown; scale?: unknown }): Lock | null {
  const key = MusicKey.safeParse(v.key);
  const scale = MusicScale.safeParse(v.scale);
  return key.success && scale.success ? { key: key.data, scale: scale.data } : null;
}

/** A stored or sent time signature, or null. */
export function readMeter(v: unknown): Meter | null {
  const m = TimeSignature.safeParse(v);
  return m.success ? m.data : null;
}

/**
 * The lock of a clip being opened: what it was saved with ("chromatic" included: a clip made
 * without a lock stays so), else — a file's key signature where one is given — else the key its
 * notes suggest, else `fallback` (what the studio had).
 */
export function clipLock(
  saved: { key?: unknown; scale?: unknown },
  notes: readonly { pitch: number; duration: number }[],
  fallback: Lock,
  source: 'clip' | 'file' = 'clip',
): ClipLock {
  const known = readLock(saved);
  if (known) return { ...known, source };
  const guess = estimateKey(notes);
  if (guess) return { key: guess.key, scale: guess.scale, source: 'notes' };
  return { ...fallback, source: 'set' };
}

/** "G major · from the clip", "E natural minor · estimated from the notes", "no lock". */
export function lockLine(l: ClipLock): string {
  const what = lockLabel(l.key, l.scale);
  if (l.scale === 'chromatic') return 'No scale lock: the models may use every pitch.';
  const from: Record<LockSource, string> = {
    clip: 'saved with the clip',
    file: 'from the MIDI file’s key signature',
    notes: 'estimated from the clip’s notes',
    set: 'set here',
  };
  return `Every tab keeps new notes in ${what} (${from[l.source]}).`;
}
