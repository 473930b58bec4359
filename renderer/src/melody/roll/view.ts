/**
 * The piano roll's view math, pure: where beats and pitches are on the stage, what is visible,
 * hit testing, zooming around a point, scrolling limits and following the playhead.
 *
 * Stage layout (pixels from the stage's top-left): the ruler across the top (rulerHeight), the
 * keyboard down the left (keyWidth), the velocity lane across the bottom (laneHeight) and the
 * grid in between. Beat b is at x = keyWidth + (b − scrollBeat) × beatWidth; pitch p's row is
 * y ∈ [rulerHeight + (topPitch − p) × rowHeight, … + rowHeight): rows go down in pitch.
 */
import { COMMON_TIME, MAX_PITCH, MIN_PITCH, MAX_VELOCITY, MIN_VELOCITY, noteEnd } from './model';
import type { RollNote } from './model';

export interface RollView {
  /** Stage size in pixels. */
  width: number;
  height: number;
  keyWidth: number;
  rulerHeight: number;
  /** Height of the velocity lane at the bottom, separator included. */
  laneHeight: number;
  /** Pixels per semitone. */
  rowHeight: number;
  /** Pixels per beat. */
  beatWidth: number;
  /** The beat at the grid's left edge. */
  scrollBeat: number;
  /** The pitch whose row's top edge is at the grid's top (a whole number). */
  topPitch: number;
}

export interface Point {
  x: number;
  y: number;
}

export const KEY_WIDTH = 64;
export const RULER_HEIGHT = 28;
export const LANE_HEIGHT = 76;
/** Space above and below the velocity bars inside the lane. */
export const LANE_PAD = 8;
export const MIN_BEAT_WIDTH = 4;
export const MAX_BEAT_WIDTH = 960;
export const MIN_ROW_HEIGHT = 5;
export const MAX_ROW_HEIGHT = 40;
export const DEFAULT_ROW_HEIGHT = 14;
/** The pixel distance from a note's right edge that grabs the edge (resize). */
export const EDGE_GRAB_PX = 6;
/** One zoom step of the buttons and keys. */
export const ZOOM_FACTOR = 1.25;
/** Following the playhead pauses this long after the user scrolls. */
export const FOLLOW_IDLE_MS = 2000;
/** The pitch range the default view shows: C4–C6. */
export const DEFAULT_LOW_PITCH = 60;
export const DEFAULT_HIGH_PITCH = 84;
export const DEFAULT_VISIBLE_BARS = 4;

export function gridTop(v: RollView): number {
  return v.rulerHeight;
}
export function gridBottom(v: RollView): number {
  return Math.max(v.rulerHeight, v.height - v.laneHeight);
}
export function gridHeight(v: RollView): number {
  return gridBottom(v) - v.rulerHeight;
}
export function gridWidth(v: RollView): number {
  return Math.max(0, v.width - v.keyWidth);
}

export function beatToX(v: RollView, beat: number): number {
  return v.keyWidth + (beat - v.scrollBeat) * v.beatWidth;
}
export function xToBeat(v: RollView, x: number): number {
  return v.scrollBeat + (x - v.keyWidth) / v.beatWidth;
}
/** The top edge of pitch p's row. */
export function pitchToY(v: RollView, pitch: number): number {
  return v.rulerHeight + (v.topPitch - pitch) * v.rowHeight;
}
/** The pitch whose row contains y (not clamped). */
export function yToPitch(v: RollView, y: number): number {
  return v.topPitch - Math.floor((y - v.rulerHeight) / v.rowHeight);
}

export function visibleBeats(v: RollView): number {
  return gridWidth(v) / v.beatWidth;
}
export function visibleRows(v: RollView): number {
  return gridHeight(v) / v.rowHeight;
}

export interface BeatRange {
  start: number;
  end: number;
}
export interface PitchRange {
  low: number;
  high: number;
}

export function visibleBeatRange(v: RollView): BeatRange {
  return { start: v.scrollBeat, end: v.scrollBeat + visibleBeats(v) };
}

/** The pitches with at least part of their row in the grid, within 0–127. */
export function visiblePitchRange(v: RollView): PitchRange {
  const high = Math.min(MAX_PITCH, v.topPitch);
  const low = Math.max(MIN_PITCH, v.topPitch - Math.ceil(visibleRows(v)) + 1);
  return { low, high };
}

/** Indices of the notes that overlap the visible beat and pitch ranges (the only ones drawn). */
export function cullNotes(notes: readonly RollNote[], v: RollView): number[] {
  const { start, end } = visibleBeatRange(v);
  const { low, high } = visiblePitchRange(v);
  const out: number[] = [];
  for (let i = 0; i < notes.length; i++) {
    const n = notes[i]!;
    if (n.pitch < low || n.pitch > high) continue;
    if (n.start >= end || noteEnd(n) <= start) continue;
    out.push(i);
  }
  return out;
}

export type Region = 'ruler' | 'keys' | 'grid' | 'lane' | 'corner' | 'lane-keys' | 'outside';

/** Which part of the stage a point is in. */
export function regionAt(v: RollView, x: number, y: number): Region {
  if (x < 0 || y < 0 || x >= v.width || y >= v.height) return 'outside';
  const left = x < v.keyWidth;
  if (y < v.rulerHeight) return left ? 'corner' : 'ruler';
  if (y < gridBottom(v)) return left ? 'keys' : 'grid';
  return left ? 'lane-keys' : 'lane';
}

export interface NoteHit {
  index: number;
  id: string;
  /** 'end': within EDGE_GRAB_PX of the right edge (resize); 'body': anywhere else (move). */
  part: 'body' | 'end';
}

/**
 * The note under a grid point, the one drawn last (on top) first. The right-edge zone is at most
 * EDGE_GRAB_PX wide and never more than a third of a short note, so short notes can still be moved;
 * it reaches 2 px past the edge so a note can be lengthened from just outside it.
 */
export function hitNote(notes: readonly RollNote[], v: RollView, x: number, y: number): NoteHit | null {
  if (regionAt(v, x, y) !== 'grid') return null;
  const pitch = yToPitch(v, y);
  let outside: NoteHit | null = null;
  for (let i = notes.length - 1; i >= 0; i--) {
    const n = notes[i]!;
    if (n.pitch !== pitch) continue;
    const left = beatToX(v, n.start);
    const right = beatToX(v, noteEnd(n));
    const zone = Math.min(EDGE_GRAB_PX, (right - left) / 3);
    if (x >= left && x < right) {
      return { index: i, id: n.id, part: x >= right - zone ? 'end' : 'body' };
    }
    if (!outside && x >= right && x < right + 2) outside = { index: i, id: n.id, part: 'end' };
  }
  return outside;
}

/** The y of a velocity in the lane (1 at the bottom, 127 at the top of the bars). */
export function velocityToY(v: RollView, velocity: number): number {
  const top = gridBottom(v) + LANE_PAD;
  const inner = Math.max(1, v.height - LANE_PAD - top);
  return top + (1 - (velocity - MIN_VELOCITY) / (MAX_VELOCITY - MIN_VELOCITY)) * inner;
}

/** The velocity at a lane y, unrounded and unclamped. */
export function yToVelocity(v: RollView, y: number): number {
  const top = gridBottom(v) + LANE_PAD;
  const inner = Math.max(1, v.height - LANE_PAD - top);
  return MIN_VELOCITY + (1 - (y - top) / inner) * (MAX_VELOCITY - MIN_VELOCITY);
}

/** Velocity units per pixel of vertical drag in the lane. */
export function velocityPerPixel(v: RollView): number {
  const inner = Math.max(1, v.height - LANE_PAD - (gridBottom(v) + LANE_PAD));
  return (MAX_VELOCITY - MIN_VELOCITY) / inner;
}

/** How far from a velocity stem (at the note's start) a press still grabs it. */
export const STEM_GRAB_PX = 5;

/**
 * The note whose velocity stem is nearest a lane point (stems stand at note starts; the lane shows
 * every note in the visible time range, whatever its pitch). Ties (chords) go to a selected note,
 * then to the stem whose top is nearest y.
 */
export function hitVelocity(
  notes: readonly RollNote[],
  v: RollView,
  x: number,
  y: number,
  selection: ReadonlySet<string>,
): string | null {
  if (regionAt(v, x, y) !== 'lane') return null;
  let best: { id: string; dx: number; sel: boolean; dy: number } | null = null;
  for (const n of notes) {
    const dx = Math.abs(beatToX(v, n.start) - x);
    if (dx > STEM_GRAB_PX) continue;
    const c = {
      id: n.id,
      dx: Math.round(dx),
      sel: selection.has(n.id),
      dy: Math.abs(velocityToY(v, n.velocity) - y),
    };
    if (
      !best ||
      c.dx < best.dx ||
      (c.dx === best.dx && c.sel && !best.sel) ||
      (c.dx === best.dx && c.sel === best.sel && c.dy < best.dy)
    ) {
      best = c;
    }
  }
  return best?.id ?? null;
}

/** The song length the roll offers: at least minBars, and the notes' bars plus one empty bar. */
export function totalBeats(contentEnd: number, minBars: number, bar = COMMON_TIME.bar): number {
  const bars = Math.ceil(contentEnd / bar - 1e-9) + 1;
  return Math.max(minBars, bars) * bar;
}

/** Keeps the scroll inside the song (time) and 0–127 (pitch). */
export function clampView(v: RollView, total: number): RollView {
  const beatWidth = clamp(v.beatWidth, MIN_BEAT_WIDTH, MAX_BEAT_WIDTH);
  const rowHeight = clamp(v.rowHeight, MIN_ROW_HEIGHT, MAX_ROW_HEIGHT);
  const sized = { ...v, beatWidth, rowHeight };
  const maxScroll = Math.max(0, total - visibleBeats(sized));
  const scrollBeat = clamp(v.scrollBeat, 0, maxScroll);
  const rows = Math.floor(visibleRows(sized));
  const minTop = Math.min(MAX_PITCH, Math.max(MIN_PITCH, rows - 1));
  const topPitch = clamp(Math.round(v.topPitch), minTop, MAX_PITCH);
  if (
    scrollBeat === v.scrollBeat &&
    topPitch === v.topPitch &&
    beatWidth === v.beatWidth &&
    rowHeight === v.rowHeight
  ) {
    return v;
  }
  return { ...sized, scrollBeat, topPitch };
}

/** Zooms time by `factor` keeping the beat under `anchorX` where it is. */
export function zoomTimeAt(v: RollView, anchorX: number, factor: number): RollView {
  const beatWidth = clamp(v.beatWidth * factor, MIN_BEAT_WIDTH, MAX_BEAT_WIDTH);
  const x = clamp(anchorX, v.keyWidth, v.width);
  const beat = xToBeat(v, x);
  return { ...v, beatWidth, scrollBeat: Math.max(0, beat - (x - v.keyWidth) / beatWidth) };
}

/** Zooms the rows by `factor` keeping the pitch under `anchorY` about where it is. */
export function zoomPitchAt(v: RollView, anchorY: number, factor: number): RollView {
  const rowHeight = clamp(v.rowHeight * factor, MIN_ROW_HEIGHT, MAX_ROW_HEIGHT);
  const y = clamp(anchorY, v.rulerHeight, gridBottom(v));
  const pitch = v.topPitch - (y - v.rulerHeight) / v.rowHeight;
  return { ...v, rowHeight, topPitch: Math.round(pitch + (y - v.rulerHeight) / rowHeight) };
}

/** Wheel deltas in pixels, whatever the device reports (lines, pages). */
export function wheelPixels(delta: number, deltaMode: number, pageSize = 400): number {
  return deltaMode === 1 ? delta * 16 : deltaMode === 2 ? delta * pageSize : delta;
}

/** The zoom factor for a wheel delta (exponential: trackpads and wheels feel alike). */
export function wheelZoomFactor(pixels: number): number {
  return Math.exp(-clamp(pixels, -300, 300) * 0.002);
}

/**
 * Where to scroll to keep a playing playhead in view: null to stay. When it leaves the visible
 * range (or is about to, within 2 % of the width) the view pages so the playhead's bar starts at
 * the left edge. Not within FOLLOW_IDLE_MS of the user's last scroll.
 */
export function followPlayhead(
  v: RollView,
  playhead: number,
  msSinceUserScroll: number,
  barBeats = COMMON_TIME.bar,
): number | null {
  if (msSinceUserScroll < FOLLOW_IDLE_MS) return null;
  const width = visibleBeats(v);
  if (width <= 0) return null;
  const end = v.scrollBeat + width * 0.98;
  if (playhead >= v.scrollBeat && playhead < end) return null;
  const bar = Math.floor(playhead / barBeats + 1e-9) * barBeats;
  const next = width >= barBeats ? bar : Math.max(0, playhead - width * 0.1);
  return next === v.scrollBeat ? null : next;
}

/**
 * The default view of a stage: four bars of the meter across (`barBeats` beats each), rows sized so
 * C4–C6 fit, the notes (if any) in view: scrolled to their first bar and centred on their pitches.
 */
export function initialView(
  size: { width: number; height: number },
  notes: readonly RollNote[],
  layout: Pick<RollView, 'keyWidth' | 'rulerHeight' | 'laneHeight'> = {
    keyWidth: KEY_WIDTH,
    rulerHeight: RULER_HEIGHT,
    laneHeight: LANE_HEIGHT,
  },
  barBeats = COMMON_TIME.bar,
): RollView {
  const base: RollView = {
    ...size,
    ...layout,
    rowHeight: DEFAULT_ROW_HEIGHT,
    beatWidth: 48,
    scrollBeat: 0,
    topPitch: DEFAULT_HIGH_PITCH,
  };
  const rowHeight = clamp(Math.floor(gridHeight(base) / (DEFAULT_HIGH_PITCH - DEFAULT_LOW_PITCH + 1)), 8, 20);
  const beatWidth = clamp(
    gridWidth(base) / (DEFAULT_VISIBLE_BARS * barBeats),
    MIN_BEAT_WIDTH,
    MAX_BEAT_WIDTH,
  );
  const v = { ...base, rowHeight, beatWidth };
  let low = DEFAULT_LOW_PITCH;
  let high = DEFAULT_HIGH_PITCH;
  let scrollBeat = 0;
  if (notes.length > 0) {
    low = MAX_PITCH;
    high = MIN_PITCH;
    let first = Infinity;
    for (const n of notes) {
      low = Math.min(low, n.pitch);
      high = Math.max(high, n.pitch);
      first = Math.min(first, n.start);
    }
    scrollBeat = Math.floor(first / barBeats + 1e-9) * barBeats;
  }
  const rows = Math.floor(visibleRows(v));
  // Centre the pitch range; when it is taller than the view, show its top.
  const span = high - low + 1;
  const top = span > rows ? high + 1 : high + Math.floor((rows - span) / 2);
  return { ...v, scrollBeat, topPitch: clamp(top, 0, MAX_PITCH) };
}

/** The scroll that brings a beat/pitch box into view (unchanged when it already is). */
export function revealView(
  v: RollView,
  box: { start: number; end: number; low: number; high: number },
): RollView {
  let { scrollBeat, topPitch } = v;
  const width = visibleBeats(v);
  if (box.start < scrollBeat) scrollBeat = box.start;
  else if (box.end > scrollBeat + width) scrollBeat = Math.min(box.start, box.end - width);
  const rows = Math.floor(visibleRows(v));
  if (box.high > topPitch) topPitch = box.high;
  else if (box.low < topPitch - rows + 1) topPitch = Math.max(box.high, box.low + rows - 1);
  return scrollBeat === v.scrollBeat && topPitch === v.topPitch ? v : { ...v, scrollBeat, topPitch };
}

/** Whether a loop edge (in beats) is within grabbing distance of x. */
export function nearX(v: RollView, beat: number, x: number, px = EDGE_GRAB_PX): boolean {
  return Math.abs(beatToX(v, beat) - x) <= px;
}

export function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
