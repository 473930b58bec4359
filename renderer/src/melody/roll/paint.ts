/**
 * Drawing the piano roll on a 2-D canvas context, each part in one pass over what is in view
 * (Konva.Shape scene functions call these): the grid, the notes, the velocity lane, the keyboard,
 * the ruler and the overlay (rubber band, drag readout). Nothing here allocates per note beyond
 * the culled index list.
 */
import { gridLines, rulerBars, type LineKind } from './grid';
import {
  MAX_VELOCITY,
  MIN_VELOCITY,
  isBlackKey,
  noteEnd,
  pitchName,
  type BarGrid,
  type NoteRect,
  type RollNote,
  type Snap,
} from './model';
import {
  beatToX,
  cullNotes,
  gridBottom,
  pitchToY,
  velocityToY,
  visibleBeatRange,
  visiblePitchRange,
  type RollView,
} from './view';

export interface Scene {
  view: RollView;
  notes: readonly RollNote[];
  selection: ReadonlySet<string>;
  snap: Snap;
  /** The clip's meter as bars and beats. */
  grid: BarGrid;
  /** The song's length in beats (the grid beyond it is shaded). */
  total: number;
  loop: { start: number; end: number } | null;
  scale: readonly boolean[] | null;
  /** The key lit on the keyboard (hovered row, dragged or auditioned pitch). */
  hoverPitch: number | null;
  rubber: NoteRect | null;
  info: { text: string; x: number; y: number } | null;
}

export const COLORS = {
  rowWhite: '#1e1e25',
  rowBlack: '#18181e',
  rowOutOfScale: 'rgba(0, 0, 0, 0.32)',
  rowOctave: '#34343f',
  beyondEnd: 'rgba(0, 0, 0, 0.28)',
  lineBar: '#52525f',
  lineBeat: '#454551',
  lineUnit: '#33333d',
  lineMinor: '#2a2a33',
  loopGrid: 'rgba(138, 164, 255, 0.06)',
  noteText: '#0d1020',
  noteOutline: '#ffffff',
  keyWhite: '#d9d9e0',
  keyBlack: '#26262d',
  keyLine: '#9a9aa6',
  keyText: '#30303a',
  keyHover: '#8aa4ff',
  ruler: '#1a1a1f',
  rulerText: '#a3a3b0',
  rulerTick: '#5a5a66',
  loop: 'rgba(138, 164, 255, 0.45)',
  loopEdge: '#8aa4ff',
  lane: '#141418',
  laneLine: '#2f2f38',
  border: '#454550',
  rubberFill: 'rgba(138, 164, 255, 0.12)',
  rubberStroke: '#8aa4ff',
  infoBg: 'rgba(17, 17, 20, 0.9)',
  infoText: '#e8e8ee',
} as const;

const FONT = "11px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

/** Note fills by velocity 1–127: cool and dim when soft, warm and bright when loud. */
const VELOCITY_COLORS: readonly string[] = Array.from({ length: 128 }, (_, v) => velocityColor(v));
const VELOCITY_COLORS_SELECTED: readonly string[] = Array.from({ length: 128 }, (_, v) =>
  velocityColor(v, true),
);

export function velocityColor(velocity: number, selected = false): string {
  const t = Math.min(1, Math.max(0, (velocity - MIN_VELOCITY) / (MAX_VELOCITY - MIN_VELOCITY)));
  const hue = Math.round(220 - 195 * t);
  const sat = Math.round(55 + 30 * t);
  const light = Math.round((selected ? 62 : 46) + 14 * t);
  return `hsl(${hue} ${sat}% ${light}%)`;
}

function fillFor(velocity: number, selected: boolean): string {
  const i = Math.min(127, Math.max(0, Math.round(velocity)));
  return (selected ? VELOCITY_COLORS_SELECTED : VELOCITY_COLORS)[i]!;
}

/** Whether pitch p is outside the scale (a scale of 12 pitch-class flags; null: no scale). */
export function outOfScale(scale: readonly boolean[] | null, pitch: number): boolean {
  if (!scale || scale.length < 12) return false;
  return !scale[((pitch % 12) + 12) % 12];
}

function clipRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number): void {
  ctx.beginPath();
  ctx.rect(x, y, w, h);
  ctx.clip();
}

/** Row backgrounds, scale shading, the shade past the song's end, loop tint and the grid lines. */
export function paintGrid(ctx: CanvasRenderingContext2D, s: Scene): void {
  const v = s.view;
  const top = v.rulerHeight;
  const bottom = gridBottom(v);
  const left = v.keyWidth;
  const right = v.width;
  if (bottom <= top || right <= left) return;
  ctx.save();
  clipRect(ctx, left, top, right - left, bottom - top);
  const { low, high } = visiblePitchRange(v);
  for (let p = high; p >= low; p--) {
    const y = pitchToY(v, p);
    ctx.fillStyle = isBlackKey(p) ? COLORS.rowBlack : COLORS.rowWhite;
    ctx.fillRect(left, y, right - left, v.rowHeight);
    if (outOfScale(s.scale, p)) {
      ctx.fillStyle = COLORS.rowOutOfScale;
      ctx.fillRect(left, y, right - left, v.rowHeight);
    }
    if (p % 12 === 0) {
      // The line under each C marks the octaves.
      ctx.fillStyle = COLORS.rowOctave;
      ctx.fillRect(left, Math.round(y + v.rowHeight) - 1, right - left, 1);
    }
  }
  // Past the end of the song: shaded.
  const endX = beatToX(v, s.total);
  if (endX < right) {
    ctx.fillStyle = COLORS.beyondEnd;
    ctx.fillRect(Math.max(left, endX), top, right - Math.max(left, endX), bottom - top);
  }
  if (s.loop) {
    const x0 = Math.max(left, beatToX(v, s.loop.start));
    const x1 = Math.min(right, beatToX(v, s.loop.end));
    if (x1 > x0) {
      ctx.fillStyle = COLORS.loopGrid;
      ctx.fillRect(x0, top, x1 - x0, bottom - top);
    }
  }
  for (const line of gridLines(v, s.snap, s.grid)) {
    const x = Math.round(beatToX(v, line.beat));
    if (x < left) continue;
    ctx.fillStyle = LINE_COLORS[line.kind];
    ctx.fillRect(x, top, 1, bottom - top);
  }
  ctx.restore();
}

/** Bar lines strongest, then the meter's counted beats, its written beats (6/8's eighths), the snap steps. */
const LINE_COLORS: Record<LineKind, string> = {
  bar: COLORS.lineBar,
  beat: COLORS.lineBeat,
  unit: COLORS.lineUnit,
  minor: COLORS.lineMinor,
};

/** The notes in view, coloured by velocity; the selection outlined and drawn on top. */
export function paintNotes(ctx: CanvasRenderingContext2D, s: Scene): void {
  const v = s.view;
  const top = v.rulerHeight;
  const bottom = gridBottom(v);
  if (bottom <= top || v.width <= v.keyWidth) return;
  ctx.save();
  clipRect(ctx, v.keyWidth, top, v.width - v.keyWidth, bottom - top);
  const visible = cullNotes(s.notes, v);
  const h = Math.max(1, v.rowHeight - 1);
  const labels = visible.length <= 400 && v.rowHeight >= 11;
  if (labels) {
    ctx.font = FONT;
    ctx.textBaseline = 'middle';
  }
  const selected: number[] = [];
  for (const i of visible) {
    const n = s.notes[i]!;
    if (s.selection.has(n.id)) {
      selected.push(i);
      continue;
    }
    drawNote(ctx, s, n, h, false, labels);
  }
  for (const i of selected) drawNote(ctx, s, s.notes[i]!, h, true, labels);
  ctx.restore();
}

function drawNote(
  ctx: CanvasRenderingContext2D,
  s: Scene,
  n: RollNote,
  h: number,
  selected: boolean,
  label: boolean,
): void {
  const v = s.view;
  const x = beatToX(v, n.start);
  const w = Math.max(2, n.duration * v.beatWidth - 1);
  const y = pitchToY(v, n.pitch) + 0.5;
  ctx.fillStyle = fillFor(n.velocity, selected);
  ctx.fillRect(x, y, w, h - 0.5);
  if (selected) {
    ctx.strokeStyle = COLORS.noteOutline;
    ctx.lineWidth = 1.5;
    ctx.strokeRect(x + 0.75, y + 0.75, Math.max(0.5, w - 1.5), Math.max(0.5, h - 2));
  } else {
    // A darker right edge separates notes that touch.
    ctx.fillStyle = 'rgba(0, 0, 0, 0.35)';
    ctx.fillRect(x + w - 1, y, 1, h - 0.5);
  }
  if (label && w >= 30) {
    ctx.fillStyle = COLORS.noteText;
    ctx.fillText(pitchName(n.pitch), x + 4, y + h / 2, w - 8);
  }
}

/** The velocity lane: one stem per note in the visible time range, selected stems on top. */
export function paintLane(ctx: CanvasRenderingContext2D, s: Scene): void {
  const v = s.view;
  const top = gridBottom(v);
  if (v.height <= top) return;
  ctx.save();
  ctx.fillStyle = COLORS.lane;
  ctx.fillRect(0, top, v.width, v.height - top);
  ctx.fillStyle = COLORS.border;
  ctx.fillRect(0, top, v.width, 1);
  ctx.font = FONT;
  ctx.textBaseline = 'middle';
  ctx.fillStyle = COLORS.rulerText;
  ctx.fillText('Velocity', 8, top + (v.height - top) / 2);
  clipRect(ctx, v.keyWidth, top + 1, v.width - v.keyWidth, v.height - top - 1);
  const base = velocityToY(v, MIN_VELOCITY);
  ctx.fillStyle = COLORS.laneLine;
  for (const level of [32, 64, 96, 127])
    ctx.fillRect(v.keyWidth, Math.round(velocityToY(v, level)), v.width, 1);
  const { start, end } = visibleBeatRange(v);
  const selected: RollNote[] = [];
  for (const n of s.notes) {
    if (n.start > end + 0.1 || noteEnd(n) < start - 0.1) continue;
    if (s.selection.has(n.id)) selected.push(n);
    else drawStem(ctx, v, n, base, false);
  }
  for (const n of selected) drawStem(ctx, v, n, base, true);
  ctx.restore();
}

function drawStem(
  ctx: CanvasRenderingContext2D,
  v: RollView,
  n: RollNote,
  base: number,
  selected: boolean,
): void {
  const x = Math.round(beatToX(v, n.start));
  const y = Math.round(velocityToY(v, n.velocity));
  ctx.fillStyle = selected ? COLORS.noteOutline : fillFor(n.velocity, false);
  ctx.fillRect(x, y, 2, Math.max(1, base - y + 2));
  ctx.fillRect(x - 2, y - 1, 6, 3);
}

/** The keyboard: white and black keys, C labels ("C4"), the lit key. */
export function paintKeys(ctx: CanvasRenderingContext2D, s: Scene): void {
  const v = s.view;
  const top = v.rulerHeight;
  const bottom = gridBottom(v);
  if (bottom <= top) return;
  ctx.save();
  clipRect(ctx, 0, top, v.keyWidth, bottom - top);
  ctx.fillStyle = COLORS.keyWhite;
  ctx.fillRect(0, top, v.keyWidth, bottom - top);
  const { low, high } = visiblePitchRange(v);
  const blackWidth = Math.round(v.keyWidth * 0.6);
  ctx.font = FONT;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'right';
  for (let p = high; p >= low; p--) {
    const y = pitchToY(v, p);
    const black = isBlackKey(p);
    const lit = p === s.hoverPitch;
    if (black) {
      ctx.fillStyle = lit ? COLORS.keyHover : COLORS.keyBlack;
      ctx.fillRect(0, y, blackWidth, v.rowHeight);
      // The white keys' boundary runs through the middle of a black key.
      ctx.fillStyle = COLORS.keyLine;
      ctx.fillRect(blackWidth, Math.round(y + v.rowHeight / 2), v.keyWidth - blackWidth, 1);
    } else {
      if (lit) {
        ctx.fillStyle = COLORS.keyHover;
        ctx.fillRect(0, y, v.keyWidth, v.rowHeight);
      }
      const pc = p % 12;
      // E–F and B–C meet without a black key between them.
      if (pc === 4 || pc === 11) {
        ctx.fillStyle = COLORS.keyLine;
        ctx.fillRect(0, Math.round(y), v.keyWidth, 1);
      }
      if (pc === 0 && v.rowHeight >= 7) {
        ctx.fillStyle = COLORS.keyText;
        ctx.fillText(pitchName(p), v.keyWidth - 4, y + v.rowHeight / 2);
      }
    }
    if (outOfScale(s.scale, p)) {
      ctx.fillStyle = 'rgba(0, 0, 0, 0.18)';
      ctx.fillRect(0, y, v.keyWidth, v.rowHeight);
    }
  }
  ctx.restore();
  ctx.fillStyle = COLORS.border;
  ctx.fillRect(v.keyWidth - 1, top, 1, bottom - top);
}

/** The ruler: bar numbers, beat ticks and the loop region (lower half). */
export function paintRuler(ctx: CanvasRenderingContext2D, s: Scene): void {
  const v = s.view;
  const h = v.rulerHeight;
  ctx.save();
  ctx.fillStyle = COLORS.ruler;
  ctx.fillRect(0, 0, v.width, h);
  ctx.fillStyle = COLORS.border;
  ctx.fillRect(0, h - 1, v.width, 1);
  clipRect(ctx, v.keyWidth, 0, v.width - v.keyWidth, h);
  const mid = Math.round(h / 2);
  if (s.loop) {
    const x0 = beatToX(v, s.loop.start);
    const x1 = beatToX(v, s.loop.end);
    ctx.fillStyle = COLORS.loop;
    ctx.fillRect(x0, mid, x1 - x0, h - mid - 1);
    ctx.fillStyle = COLORS.loopEdge;
    ctx.fillRect(Math.round(x0), mid, 2, h - mid - 1);
    ctx.fillRect(Math.round(x1) - 2, mid, 2, h - mid - 1);
  }
  ctx.font = FONT;
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  for (const bar of rulerBars(v, s.snap, s.grid)) {
    const x = Math.round(beatToX(v, bar.beat));
    ctx.fillStyle = COLORS.rulerTick;
    ctx.fillRect(x, bar.labelled ? 2 : mid, 1, bar.labelled ? h - 2 : h - mid);
    if (bar.labelled) {
      ctx.fillStyle = COLORS.rulerText;
      ctx.fillText(String(bar.number), x + 4, 3);
    }
    ctx.fillStyle = COLORS.rulerTick;
    for (const tick of bar.ticks) ctx.fillRect(Math.round(beatToX(v, tick)), h - 6, 1, 5);
  }
  ctx.restore();
  ctx.fillStyle = COLORS.ruler;
  ctx.fillRect(0, 0, v.keyWidth, h);
  ctx.fillStyle = COLORS.border;
  ctx.fillRect(0, h - 1, v.keyWidth, 1);
  ctx.fillRect(v.keyWidth - 1, 0, 1, h);
}

/** The rubber band and the drag readout. */
export function paintOverlay(ctx: CanvasRenderingContext2D, s: Scene): void {
  const v = s.view;
  if (s.rubber) {
    const r = s.rubber;
    const x0 = beatToX(v, Math.min(r.beatStart, r.beatEnd));
    const x1 = beatToX(v, Math.max(r.beatStart, r.beatEnd));
    const y0 = pitchToY(v, Math.max(r.pitchLow, r.pitchHigh));
    const y1 = pitchToY(v, Math.min(r.pitchLow, r.pitchHigh)) + v.rowHeight;
    ctx.save();
    clipRect(ctx, v.keyWidth, v.rulerHeight, v.width - v.keyWidth, gridBottom(v) - v.rulerHeight);
    ctx.fillStyle = COLORS.rubberFill;
    ctx.fillRect(x0, y0, x1 - x0, y1 - y0);
    ctx.strokeStyle = COLORS.rubberStroke;
    ctx.lineWidth = 1;
    ctx.strokeRect(Math.round(x0) + 0.5, Math.round(y0) + 0.5, Math.round(x1 - x0), Math.round(y1 - y0));
    ctx.restore();
  }
  if (s.info) {
    ctx.save();
    ctx.font = FONT;
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'left';
    const w = ctx.measureText(s.info.text).width + 12;
    const h = 20;
    const x = Math.min(v.width - w - 2, s.info.x + 14);
    const y = Math.max(2, s.info.y - h - 8);
    ctx.fillStyle = COLORS.infoBg;
    ctx.fillRect(x, y, w, h);
    ctx.fillStyle = COLORS.infoText;
    ctx.fillText(s.info.text, x + 6, y + h / 2);
    ctx.restore();
  }
}
