/**
 * Notes between the piano roll (RollNote: ids, any order) and the contract (Note: no ids, sorted),
 * and how model takes are merged into the roll.
 */
import type { Note } from '../../../preload/contract';
import { makeNote, newNoteId, type IdFactory, type RollNote } from './roll/model';

/** Rounds away float noise so beats survive the trip through JSON and MIDI ticks. */
const tidy = (beats: number): number => Math.round(beats * 1e6) / 1e6;

/** The roll's notes as the contract's notes: sorted by start then pitch, valid ranges. */
export function toContractNotes(notes: readonly RollNote[]): Note[] {
  return notes
    .map((n) => ({
      pitch: Math.min(127, Math.max(0, Math.round(n.pitch))),
      start: Math.max(0, tidy(n.start)),
      duration: Math.max(1 / 64, tidy(n.duration)),
      velocity: Math.min(127, Math.max(1, Math.round(n.velocity))),
    }))
    .sort((a, b) => a.start - b.start || a.pitch - b.pitch);
}

/** Contract notes as roll notes, each with a fresh id. */
export function toRollNotes(notes: readonly Note[], makeId: IdFactory = newNoteId): RollNote[] {
  return notes.map((n) => makeNote({ ...n }, makeId()));
}

/** Where the last note ends, in beats (0 for none). */
export function endBeat(notes: readonly { start: number; duration: number }[]): number {
  let end = 0;
  for (const n of notes) end = Math.max(end, n.start + n.duration);
  return end;
}

/** Whole bars of `barBeats` beats (the meter's bar: 3 in 3/4 and 6/8) the notes fill (at least 1). */
export function barsOf(notes: readonly { start: number; duration: number }[], barBeats: number): number {
  return Math.max(1, Math.ceil(endBeat(notes) / barBeats - 1e-9));
}

/** The selected notes, or all of them when nothing is selected. */
export function selectedOrAll(notes: readonly RollNote[], selection: ReadonlySet<string>): RollNote[] {
  if (selection.size === 0) return [...notes];
  const picked = notes.filter((n) => selection.has(n.id));
  return picked.length > 0 ? picked : [...notes];
}

/**
 * A continuation added to the roll: the take's notes (already placed after the notes that were
 * continued) join the roll's notes with fresh ids; returns the new ids to select.
 */
export function appendTake(
  roll: readonly RollNote[],
  take: readonly Note[],
  makeId: IdFactory = newNoteId,
): { notes: RollNote[]; ids: string[] } {
  const added = toRollNotes(take, makeId);
  return { notes: [...roll, ...added], ids: added.map((n) => n.id) };
}

/** Whether two note lists sound the same (ids and order aside). */
export function sameMusic(a: readonly Note[], b: readonly Note[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i]!;
    return (
      x.pitch === y.pitch && x.start === y.start && x.duration === y.duration && x.velocity === y.velocity
    );
  });
}

/** A compact, stable description of notes for data attributes: "pitch:start:duration" joined by spaces. */
export function notesAttr(notes: readonly Note[]): string {
  return notes.map((n) => `${n.pitch}:${tidy(n.start)}:${tidy(n.duration)}`).join(' ');
}
