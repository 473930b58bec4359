/**
 * The small piano-roll pictures of takes and clips: which notes they show over which beats, and
 * where each note is drawn, in bars of the clip's meter (`barBeats` beats each: 4 in 4/4, 3 in 3/4
 * and 6/8). A continuation's take holds only the new notes, placed after the notes it continues
 * (beat 16 and on for a 4-bar phrase in 4/4), so its picture starts a bar before the new notes with
 * that bar's notes dimmed, not at beat 0 (where every new note would fall past the picture's right edge).
 */
import type { MelodyTake, Note } from '../../../preload/contract';
import { endBeat } from './notes';

export interface TakePreview {
  notes: Note[];
  /** The beat at the picture's left edge. */
  from: number;
  /** Bars shown from there. */
  bars: number;
  /** Beats in a bar of the meter the take was made in. */
  barBeats: number;
  /** Notes from this beat on are the new ones (drawn in the accent colour). */
  highlightFrom?: number;
}

/** A take as the model made it (Generate, Variations, Interpolate): from the clip's start. */
export function takePreview(take: Pick<MelodyTake, 'notes' | 'bars'>, barBeats: number): TakePreview {
  return { notes: take.notes, from: 0, bars: take.bars, barBeats };
}

/**
 * A continuation: one bar of the notes it continues (`context`, ending at `from`) and the new
 * notes, from a bar line.
 */
export function continuationPreview(
  context: readonly Note[],
  take: Pick<MelodyTake, 'notes' | 'bars'>,
  from: number,
  barBeats: number,
): TakePreview {
  const start = Math.max(0, Math.floor(from / barBeats + 1e-9) * barBeats - barBeats);
  const end = Math.max(from + take.bars * barBeats, endBeat(take.notes));
  // The model starts on the 16th grid: the first new note may sit a hair before `from`.
  const newFrom = Math.min(from, ...take.notes.map((n) => n.start));
  const before = context.filter((n) => n.start + n.duration > start && n.start < newFrom);
  return {
    notes: [...before, ...take.notes],
    from: start,
    bars: Math.max(1, Math.ceil((end - start) / barBeats - 1e-9)),
    barBeats,
    highlightFrom: newFrom,
  };
}

export interface MiniRect {
  x: number;
  y: number;
  width: number;
  height: number;
  isNew: boolean;
}

/**
 * Where each note of a picture `width` × `height` px is drawn: beats across from `from`, pitch up
 * (at least an octave tall); notes outside the beats shown are left out, notes across an edge cut.
 */
export function miniRollLayout(
  notes: readonly Note[],
  opts: {
    from?: number;
    bars?: number;
    barBeats: number;
    width: number;
    height: number;
    highlightFrom?: number;
  },
): { beats: number; rects: MiniRect[] } {
  const from = opts.from ?? 0;
  const bar = opts.barBeats;
  const beats = Math.max(bar, (opts.bars ?? Math.ceil((endBeat(notes) - from) / bar - 1e-9)) * bar);
  const shown = notes.filter((n) => n.start < from + beats && n.start + n.duration > from);
  let lo = 127;
  let hi = 0;
  for (const n of shown) {
    lo = Math.min(lo, n.pitch);
    hi = Math.max(hi, n.pitch);
  }
  if (shown.length === 0) {
    lo = 60;
    hi = 72;
  }
  const span = Math.max(12, hi - lo + 1);
  const bottom = (lo + hi) / 2 - span / 2;
  const rowH = opts.height / span;
  const x = (b: number): number => ((Math.min(from + beats, Math.max(from, b)) - from) / beats) * opts.width;
  return {
    beats,
    rects: shown.map((n) => ({
      x: x(n.start),
      y: opts.height - (n.pitch - bottom + 1) * rowH,
      width: Math.max(1.5, x(n.start + n.duration) - x(n.start) - 0.5),
      height: Math.max(1.5, rowH - 0.5),
      isNew: opts.highlightFrom !== undefined && n.start >= opts.highlightFrom,
    })),
  };
}
