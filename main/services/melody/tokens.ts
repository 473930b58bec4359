/**
 * Notes ↔ the melody models' tokens: a 16th-note grid, one token per step — REST, HOLD (the
 * sounding note continues) or NOTE_ON(pitch) over the model's pitch range (see
 * models/training/melody/INTERFACE.md). The training data was made by the same rules.
 */
import type { Note } from '../../../preload/contract';
import { STEPS_PER_BEAT } from '../../../preload/melody';

export interface TokenGrid {
  pitchMin: number;
  pitchMax: number;
  rest: number;
  hold: number;
  noteOnBase: number;
  vocab: number;
}

export const STEPS_PER_BAR = 16;

/** A pitch brought into the model's range by whole octaves (the melody keeps its shape). */
export function foldPitch(pitch: number, g: TokenGrid): number {
  let p = pitch;
  while (p < g.pitchMin) p += 12;
  while (p > g.pitchMax) p -= 12;
  return p < g.pitchMin ? g.pitchMin : p;
}

export const toStep = (beats: number): number => Math.round(beats * STEPS_PER_BEAT);

/** Where the notes end, in grid steps (at least one step after the last onset). */
export function endStep(notes: readonly Note[]): number {
  let end = 0;
  for (const n of notes) end = Math.max(end, Math.max(toStep(n.start) + 1, toStep(n.start + n.duration)));
  return end;
}

/**
 * The notes as `steps` tokens from grid step `from`. Monophonic: of notes starting together the
 * highest wins, and a note is cut where the next one starts.
 */
export function notesToTokens(notes: readonly Note[], from: number, steps: number, g: TokenGrid): number[] {
  const byOnset = new Map<number, Note>();
  for (const n of notes) {
    const on = toStep(n.start);
    const have = byOnset.get(on);
    if (!have || n.pitch > have.pitch) byOnset.set(on, n);
  }
  const onsets = [...byOnset.keys()].sort((a, b) => a - b);
  const tokens = new Array<number>(steps).fill(g.rest);
  onsets.forEach((on, i) => {
    const n = byOnset.get(on)!;
    const next = onsets[i + 1] ?? Infinity;
    const end = Math.min(next, Math.max(on + 1, toStep(n.start + n.duration)));
    for (let s = Math.max(on, from); s < Math.min(end, from + steps); s++)
      tokens[s - from] = s === on ? g.noteOnBase + foldPitch(n.pitch, g) - g.pitchMin : g.hold;
  });
  return tokens;
}

/** A gentle accent: downbeats a little louder than beats, beats than off-beats. */
export function accent(step: number): number {
  if (step % STEPS_PER_BAR === 0) return 104;
  if (step % STEPS_PER_BEAT === 0) return 96;
  return 88;
}

/** Tokens from grid step `from` back to notes (beats). A HOLD after a REST is read as a REST. */
export function tokensToNotes(tokens: readonly number[], from: number, g: TokenGrid): Note[] {
  const notes: Note[] = [];
  let current: Note | null = null;
  tokens.forEach((t, i) => {
    const step = from + i;
    if (t === g.hold && current) {
      current.duration += 1 / STEPS_PER_BEAT;
      return;
    }
    current = null;
    if (t >= g.noteOnBase && t < g.noteOnBase + (g.pitchMax - g.pitchMin + 1)) {
      current = {
        pitch: g.pitchMin + t - g.noteOnBase,
        start: step / STEPS_PER_BEAT,
        duration: 1 / STEPS_PER_BEAT,
        velocity: accent(step),
      };
      notes.push(current);
    }
  });
  return notes;
}

/** 1 for every token the scale lock allows (REST and HOLD always; notes whose pitch class is in the mask). */
export function allowedTokens(g: TokenGrid, pitchClasses: readonly boolean[]): number[] {
  const allowed = new Array<number>(g.vocab).fill(1);
  for (let p = g.pitchMin; p <= g.pitchMax; p++)
    if (!pitchClasses[p % 12]) allowed[g.noteOnBase + p - g.pitchMin] = 0;
  return allowed;
}
