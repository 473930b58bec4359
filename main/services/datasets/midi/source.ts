/**
 * One input MIDI file → the melody the augment works on. The file is parsed in the inference
 * process (the `read-midi` op, the Melody Sketcher's reader), never on main's loop, so a hostile
 * or huge file cannot hold the app; a damaged file is a reason to list, never a crash.
 *
 * Which track is the melody: of the tracks with notes that are not drums (MIDI channel 10), the
 * one with the highest average pitch — the top line, where a tune sits above its bass and
 * accompaniment; a tie goes to the earlier track. A single-track melody file is its own answer.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { AtelierError, MELODY_MAX_MIDI_BYTES, type Note } from '../../../../preload/contract';
import type { Key } from '../../../../preload/melody';
import type { InferenceClient } from '../../../inference/client';
import type { ImportedTrack } from '../../melody/midi';

export interface Melody {
  notes: Note[];
  bpm: number;
  /** The file's key signature, when it has one. */
  key?: Key;
  scale?: 'major' | 'minor';
  /** The file's time signature (4/4 when it has none). */
  timeSignature?: [number, number];
  /** The track's name, for the card and the written files. */
  track: string;
}

export type SourceRead = { ok: true; bytes: Uint8Array; melody: Melody } | { ok: false; reason: string };

const DRUM_CHANNEL = 9;

const meanPitch = (t: ImportedTrack): number => t.notes.reduce((s, n) => s + n.pitch, 0) / t.notes.length;

/** The melody track by the rule above, or null when every track is drums. */
export function pickMelodyTrack(tracks: readonly ImportedTrack[]): ImportedTrack | null {
  let best: ImportedTrack | null = null;
  for (const t of tracks) {
    if (t.channel === DRUM_CHANNEL || !t.notes.length) continue;
    if (!best || meanPitch(t) > meanPitch(best) + 1e-9) best = t;
  }
  return best;
}

/** Reads and checks one file: its bytes (for the manifest's hash) and its melody, or why not. */
export async function readMelodyFile(inference: InferenceClient, abs: string): Promise<SourceRead> {
  let bytes: Uint8Array;
  try {
    const { size } = await stat(abs);
    if (size > MELODY_MAX_MIDI_BYTES)
      return {
        ok: false,
        reason: `file is ${(size / 2 ** 20).toFixed(1)} MiB, over the ${MELODY_MAX_MIDI_BYTES >> 20} MiB a MIDI file may be`,
      };
    bytes = new Uint8Array(await readFile(abs));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, reason: code ? `could not be read (${code})` : (e as Error).message };
  }
  try {
    const midi = await inference.readMidi(bytes, basename(abs), { priority: 'batch' });
    const track = pickMelodyTrack(midi.tracks);
    if (!track) return { ok: false, reason: 'it holds only drum notes, no melody' };
    const melody: Melody = {
      notes: track.notes,
      bpm: midi.bpm,
      ...(midi.key && midi.scale ? { key: midi.key, scale: midi.scale } : {}),
      ...(midi.timeSignature ? { timeSignature: midi.timeSignature } : {}),
      track: track.name,
    };
    return { ok: true, bytes, melody };
  } catch (e) {
    if (e instanceof AtelierError && e.code === 'invalid-input') return { ok: false, reason: e.message };
    throw e;
  }
}
