/**
 * The piano roll's note model: pure, immutable edits on arrays of notes. Time is in beats (quarter
 * notes) in bars of the clip's meter (a `BarGrid`: 4/4 has 4 beats a bar, 3/4 three, 6/8 three
 * counted as two dotted quarters); pitches are MIDI 0–127; velocities 1–127. Every function returns
 * new arrays (and new note objects for the notes it changes) and never mutates its input.
 */
import { DEFAULT_METER, meterBeats, meterPulses, type Meter } from '../../../../preload/melody';

export interface RollNote {
  id: string;
  /** MIDI pitch 0–127 (60 = C4). */
  pitch: number;
  /** Start in beats, ≥ 0. */
  start: number;
  /** Length in beats, > 0. */
  duration: number;
  /** 1–127. */
  velocity: number;
}

/** A note without its id (clipboard contents, notes about to be added). */
export type NoteData = Omit<RollNote, 'id'>;

/** The grid notes snap to: a bar or a counted beat of the meter, a note value, or nothing. */
export type Snap = 'bar' | 'beat' | '1/4' | '1/8' | '1/16' | 'off';

export const SNAPS: readonly Snap[] = ['bar', 'beat', '1/4', '1/8', '1/16', 'off'];
export const DEFAULT_SNAP: Snap = '1/16';
export const MIN_PITCH = 0;
export const MAX_PITCH = 127;
export const MIN_VELOCITY = 1;
export const MAX_VELOCITY = 127;
export const DEFAULT_VELOCITY = 100;
/** The shortest note when the grid is off. */
export const FREE_MIN_LENGTH = 1 / 64;

/** Rounding away tiny float errors (0.1 + 0.2) so that grid positions compare equal. */
const EPS = 1e-9;

/** The bars the roll draws and snaps to, from the clip's meter; beats are quarter notes. */
export interface BarGrid {
  /** Beats in a bar (3/4 → 3, 6/8 → 3, 9/8 → 4.5, 2/2 → 4). */
  bar: number;
  /** The counted beats in a bar (6/8: 0 and 1.5, dotted quarters): the stronger lines, the "beat" snap. */
  pulses: readonly number[];
  /** The meter's written beat, its lower number's note (6/8: an eighth, 0.5): drawn lighter. */
  unit: number;
}

export function barGrid(meter: Meter): BarGrid {
  return { bar: meterBeats(meter), pulses: meterPulses(meter), unit: 4 / meter[1] };
}

/** 4/4: what the roll shows when no meter is given. */
export const COMMON_TIME: BarGrid = barGrid(DEFAULT_METER);

/** Beats between the meter's counted beats (a dotted quarter in 6/8; the bar when it counts one). */
export function pulseStep(grid: BarGrid): number {
  const [a, b] = grid.pulses;
  return a !== undefined && b !== undefined ? b - a : grid.bar;
}

/** The grid step in beats, or null when snapping is off. */
export function snapStep(snap: Snap, grid: BarGrid = COMMON_TIME): number | null {
  switch (snap) {
    case 'bar':
      return grid.bar;
    case 'beat':
      return pulseStep(grid);
    case '1/4':
      return 1;
    case '1/8':
      return 0.5;
    case '1/16':
      return 0.25;
    default:
      return null;
  }
}

/** A nudge with the grid off moves by a sixteenth. */
const FREE_NUDGE = 0.25;

/** How far an arrow key moves the selection: one grid step, or (Shift) one bar of the meter. */
export function nudgeStep(unit: 'snap' | 'bar', snap: Snap, grid: BarGrid = COMMON_TIME): number {
  return unit === 'bar' ? grid.bar : (snapStep(snap, grid) ?? FREE_NUDGE);
}

/** The shortest note a resize allows: one grid step, or 1/64 beat with the grid off. */
export function minLength(snap: Snap, grid: BarGrid = COMMON_TIME): number {
  return snapStep(snap, grid) ?? FREE_MIN_LENGTH;
}

/** The grid used by Quantize: the current snap, or 1/16 when snapping is off. */
export function quantizeSnap(snap: Snap): Snap {
  return snap === 'off' ? '1/16' : snap;
}

export type SnapMode = 'round' | 'floor' | 'ceil';

/**
 * A beat position on the grid (nearest, at or before, or at or after); unchanged with snap off. The
 * grid starts again at every bar line, so a step that does not fill a bar evenly (a quarter note in
 * 9/8) still puts every bar line on the grid; a tie goes to the later line.
 */
export function snapValue(
  beat: number,
  snap: Snap,
  mode: SnapMode = 'round',
  grid: BarGrid = COMMON_TIME,
): number {
  const step = snapStep(snap, grid);
  if (step === null) return beat;
  const origin = Math.floor(beat / grid.bar + EPS) * grid.bar;
  const q = (beat - origin) / step;
  // Bars and steps are sums of powers of two (meters' note values are), so these are exact.
  const below = origin + Math.floor(q + EPS) * step;
  const above = Math.min(origin + Math.ceil(q - EPS) * step, origin + grid.bar);
  const at = mode === 'floor' ? below : mode === 'ceil' ? above : beat - below < above - beat ? below : above;
  // `+ 0` turns -0 into 0.
  return at + 0;
}

export function clampPitch(pitch: number): number {
  return Math.min(MAX_PITCH, Math.max(MIN_PITCH, Math.round(pitch)));
}

export function clampVelocity(velocity: number): number {
  if (!Number.isFinite(velocity)) return DEFAULT_VELOCITY;
  return Math.min(MAX_VELOCITY, Math.max(MIN_VELOCITY, Math.round(velocity)));
}

let idCounter = 0;

/** A fresh note id: a UUID where the platform has one, else a counter. */
export function newNoteId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  idCounter += 1;
  return `note-${idCounter}`;
}

export type IdFactory = () => string;

/** Makes a valid note: pitch and velocity clamped and rounded, start ≥ 0, duration > 0. */
export function makeNote(data: NoteData, id: string = newNoteId()): RollNote {
  return {
    id,
    pitch: clampPitch(data.pitch),
    start: Math.max(0, Number.isFinite(data.start) ? data.start : 0),
    duration: data.duration > 0 && Number.isFinite(data.duration) ? data.duration : FREE_MIN_LENGTH,
    velocity: clampVelocity(data.velocity),
  };
}

export function noteEnd(n: RollNote | NoteData): number {
  return n.start + n.duration;
}

/** The latest end of any note (0 for none). */
export function contentEnd(notes: readonly RollNote[]): number {
  let end = 0;
  for (const n of notes) end = Math.max(end, noteEnd(n));
  return end;
}

export interface Extent {
  start: number;
  end: number;
  low: number;
  high: number;
}

/** The time and pitch range of the notes whose ids are in `ids` (all notes when `ids` is null). */
export function extentOf(notes: readonly RollNote[], ids: ReadonlySet<string> | null = null): Extent | null {
  let e: Extent | null = null;
  for (const n of notes) {
    if (ids && !ids.has(n.id)) continue;
    if (!e) e = { start: n.start, end: noteEnd(n), low: n.pitch, high: n.pitch };
    else {
      e.start = Math.min(e.start, n.start);
      e.end = Math.max(e.end, noteEnd(n));
      e.low = Math.min(e.low, n.pitch);
      e.high = Math.max(e.high, n.pitch);
    }
  }
  return e;
}

/** Adds one note; returns the new array and the new note's id. */
export function addNote(
  notes: readonly RollNote[],
  data: NoteData,
  makeId: IdFactory = newNoteId,
): { notes: RollNote[]; id: string } {
  const note = makeNote(data, makeId());
  return { notes: [...notes, note], id: note.id };
}

export function deleteNotes(notes: readonly RollNote[], ids: ReadonlySet<string>): RollNote[] {
  return notes.filter((n) => !ids.has(n.id));
}

/**
 * The move actually possible for a set of notes: the pitch delta is limited so every note stays in
 * 0–127 and the time delta so no note starts before 0, keeping the notes' shape as it is.
 */
export function clampMove(
  notes: readonly RollNote[],
  ids: ReadonlySet<string>,
  dBeats: number,
  dPitch: number,
): { dBeats: number; dPitch: number } {
  const e = extentOf(notes, ids);
  if (!e) return { dBeats: 0, dPitch: 0 };
  const p = Math.round(dPitch);
  return {
    dBeats: Math.max(dBeats, -e.start) + 0,
    dPitch: Math.min(MAX_PITCH - e.high, Math.max(MIN_PITCH - e.low, p)) + 0,
  };
}

/** Moves the selected notes by Δbeats/Δpitch (clamped as a group: see clampMove). */
export function moveNotes(
  notes: readonly RollNote[],
  ids: ReadonlySet<string>,
  dBeats: number,
  dPitch: number,
): RollNote[] {
  const d = clampMove(notes, ids, dBeats, dPitch);
  if (d.dBeats === 0 && d.dPitch === 0) return [...notes];
  return notes.map((n) =>
    ids.has(n.id) ? { ...n, start: Math.max(0, n.start + d.dBeats), pitch: n.pitch + d.dPitch } : n,
  );
}

/** Transposes the selected notes by whole semitones (clamped as a group). */
export function transposeNotes(
  notes: readonly RollNote[],
  ids: ReadonlySet<string>,
  semitones: number,
): RollNote[] {
  return moveNotes(notes, ids, 0, semitones);
}

/**
 * Moves the right edge of each selected note by `dBeats`; no note gets shorter than one grid step
 * (or 1/64 beat with the grid off), or its own length when that is already shorter.
 */
export function resizeNotes(
  notes: readonly RollNote[],
  ids: ReadonlySet<string>,
  dBeats: number,
  snap: Snap,
  grid: BarGrid = COMMON_TIME,
): RollNote[] {
  const min = minLength(snap, grid);
  return notes.map((n) => {
    if (!ids.has(n.id)) return n;
    const floor = Math.min(min, n.duration);
    return { ...n, duration: Math.max(floor, n.duration + dBeats) };
  });
}

/**
 * Copies the selected notes right after the selection's extent (its length rounded up to the grid),
 * so repeated duplicates tile. Returns the array with the copies appended and the copies' ids.
 */
export function duplicateNotes(
  notes: readonly RollNote[],
  ids: ReadonlySet<string>,
  snap: Snap = 'off',
  makeId: IdFactory = newNoteId,
  grid: BarGrid = COMMON_TIME,
): { notes: RollNote[]; ids: string[] } {
  const e = extentOf(notes, ids);
  if (!e) return { notes: [...notes], ids: [] };
  const step = snapStep(snap, grid);
  const length = e.end - e.start;
  const offset = step === null ? length : Math.max(step, snapValue(length, snap, 'ceil', grid));
  const copies = notes
    .filter((n) => ids.has(n.id))
    .map((n) => ({ ...n, id: makeId(), start: n.start + offset }));
  return { notes: [...notes, ...copies], ids: copies.map((c) => c.id) };
}

/** Copies of the selected notes with new ids at the same place (Alt+drag duplicates). */
export function cloneInPlace(
  notes: readonly RollNote[],
  ids: ReadonlySet<string>,
  makeId: IdFactory = newNoteId,
): { notes: RollNote[]; ids: string[] } {
  const copies = notes.filter((n) => ids.has(n.id)).map((n) => ({ ...n, id: makeId() }));
  return { notes: [...notes, ...copies], ids: copies.map((c) => c.id) };
}

/**
 * Snaps starts and ends of the selected notes (all notes when `ids` is null) to the grid; a note
 * that would collapse keeps one grid step. With the grid off the notes are unchanged.
 */
export function quantizeNotes(
  notes: readonly RollNote[],
  ids: ReadonlySet<string> | null,
  snap: Snap,
  grid: BarGrid = COMMON_TIME,
): RollNote[] {
  const step = snapStep(snap, grid);
  if (step === null) return [...notes];
  return notes.map((n) => {
    if (ids && !ids.has(n.id)) return n;
    const start = Math.max(0, snapValue(n.start, snap, 'round', grid));
    const end = Math.max(start + step, snapValue(noteEnd(n), snap, 'round', grid));
    if (start === n.start && end - start === n.duration) return n;
    return { ...n, start, duration: end - start };
  });
}

export type VelocityMode = 'absolute' | 'relative';

/** Sets (absolute) or shifts (relative) the velocity of the selected notes, clamped to 1–127. */
export function setVelocity(
  notes: readonly RollNote[],
  ids: ReadonlySet<string>,
  value: number,
  mode: VelocityMode = 'absolute',
): RollNote[] {
  return notes.map((n) => {
    if (!ids.has(n.id)) return n;
    const velocity = clampVelocity(mode === 'absolute' ? value : n.velocity + value);
    return velocity === n.velocity ? n : { ...n, velocity };
  });
}

/** A rectangle in the roll's own units: beats across, pitches (inclusive) up. */
export interface NoteRect {
  beatStart: number;
  beatEnd: number;
  pitchLow: number;
  pitchHigh: number;
}

/** The ids of the notes that overlap the rectangle (the corners may be given in any order). */
export function selectInRect(notes: readonly RollNote[], rect: NoteRect): Set<string> {
  const b0 = Math.min(rect.beatStart, rect.beatEnd);
  const b1 = Math.max(rect.beatStart, rect.beatEnd);
  const lo = Math.min(rect.pitchLow, rect.pitchHigh);
  const hi = Math.max(rect.pitchLow, rect.pitchHigh);
  const out = new Set<string>();
  for (const n of notes) {
    if (n.pitch < lo || n.pitch > hi) continue;
    // A zero-width band (a click) still picks the note under it.
    const overlaps = b1 > b0 ? n.start < b1 && noteEnd(n) > b0 : n.start <= b0 && noteEnd(n) > b0;
    if (overlaps) out.add(n.id);
  }
  return out;
}

/** Copied notes, relative to the copied selection's start. */
export interface RollClip {
  notes: NoteData[];
  /** Where the copied selection started, in beats. */
  origin: number;
  /** The copied selection's length in beats. */
  length: number;
}

export function copyNotes(notes: readonly RollNote[], ids: ReadonlySet<string>): RollClip | null {
  const e = extentOf(notes, ids);
  if (!e) return null;
  const copied = notes
    .filter((n) => ids.has(n.id))
    .map((n) => ({ pitch: n.pitch, start: n.start - e.start, duration: n.duration, velocity: n.velocity }));
  return { notes: copied, origin: e.start, length: e.end - e.start };
}

/** Inserts the clip's notes with their first note at `atBeat`; returns the new ids. */
export function pasteNotes(
  notes: readonly RollNote[],
  clip: RollClip,
  atBeat: number,
  makeId: IdFactory = newNoteId,
): { notes: RollNote[]; ids: string[] } {
  const at = Math.max(0, atBeat);
  const pasted = clip.notes.map((d) => makeNote({ ...d, start: at + d.start }, makeId()));
  return { notes: [...notes, ...pasted], ids: pasted.map((n) => n.id) };
}

/** Whether two note arrays hold the same notes in the same order (an edit that changed nothing). */
export function sameNotes(a: readonly RollNote[], b: readonly RollNote[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (
      x !== y &&
      (x.id !== y.id ||
        x.pitch !== y.pitch ||
        x.start !== y.start ||
        x.duration !== y.duration ||
        x.velocity !== y.velocity)
    ) {
      return false;
    }
  }
  return true;
}

/** The note names, sharps: C, C#, D, … */
export const PITCH_CLASS_NAMES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'] as const;

/** "C4" for 60, "A#-1" for 10. */
export function pitchName(pitch: number): string {
  const p = Math.round(pitch);
  const pc = ((p % 12) + 12) % 12;
  return `${PITCH_CLASS_NAMES[pc]}${Math.floor(p / 12) - 1}`;
}

export function isBlackKey(pitch: number): boolean {
  const pc = ((Math.round(pitch) % 12) + 12) % 12;
  return pc === 1 || pc === 3 || pc === 6 || pc === 8 || pc === 10;
}

/**
 * "bar.beat.sixteenth", 1-based as DAWs show positions, the beat in the meter's written beats (an
 * eighth in 6/8): in 4/4 beat 0 → "1.1.1", beat 5.25 → "2.2.2"; in 6/8 beat 4.5 → "2.4.1".
 */
export function formatPosition(beat: number, grid: BarGrid = COMMON_TIME): string {
  const b = Math.max(0, beat);
  const bar = Math.floor(b / grid.bar + EPS);
  const inBar = b - bar * grid.bar;
  const beatIn = Math.floor(inBar / grid.unit + EPS);
  const sixteenth = Math.floor((inBar - beatIn * grid.unit) * 4 + EPS);
  return `${bar + 1}.${beatIn + 1}.${sixteenth + 1}`;
}
