/**
 * The piano roll's pointer gestures as pure state machines: beginGesture on pointer-down,
 * moveGesture on each move, endGesture on pointer-up. Each returns what should happen (preview
 * notes, a new selection, an audition, a seek, a commit label…) as a GestureOutput; the
 * component carries it out. A gesture previews notes live and ends with ONE commit.
 */
import {
  addNote,
  clampVelocity,
  cloneInPlace,
  deleteNotes,
  formatPosition,
  MAX_PITCH,
  MIN_PITCH,
  minLength,
  moveNotes,
  newNoteId,
  noteEnd,
  pitchName,
  resizeNotes,
  selectInRect,
  setVelocity,
  snapValue,
  type BarGrid,
  type IdFactory,
  type NoteRect,
  type RollNote,
  type Snap,
} from './model';
import {
  EDGE_GRAB_PX,
  hitNote,
  hitVelocity,
  nearX,
  regionAt,
  velocityPerPixel,
  xToBeat,
  yToPitch,
  yToVelocity,
  clamp,
  type RollView,
} from './view';

export type Tool = 'draw' | 'select';

/** Pixels a press must travel before it counts as a drag. */
export const DRAG_THRESHOLD_PX = 3;
/** Two presses on the same note within this many ms make a double-click. */
export const DOUBLE_CLICK_MS = 400;
/** The length of a drawn note until the user draws or resizes one. */
export const DEFAULT_DRAW_LENGTH = 1;

export interface PointerInput {
  x: number;
  y: number;
  /** 0 main, 1 middle, 2 secondary. */
  button: number;
  shift: boolean;
  alt: boolean;
  /** Ctrl or Cmd. */
  ctrl: boolean;
}

export interface Loop {
  start: number;
  end: number;
}

export interface GestureEnv {
  view: RollView;
  notes: readonly RollNote[];
  selection: ReadonlySet<string>;
  tool: Tool;
  snap: Snap;
  /** The clip's meter: "bar" and "beat" snaps and the grid's bar lines. */
  grid: BarGrid;
  /** Length of the next drawn note (the last drawn or resized). */
  drawLength: number;
  drawVelocity: number;
  loop: Loop | null;
  /** This press is the second of a double-click on the same spot. */
  double: boolean;
  makeId?: IdFactory;
}

export type Gesture =
  | { kind: 'draw'; down: Point; base: readonly RollNote[]; note: RollNote; moved: boolean }
  | {
      kind: 'move';
      down: Point;
      base: readonly RollNote[];
      ids: ReadonlySet<string>;
      grab: RollNote;
      /** The id of the note that follows the pointer (the grabbed note, or its copy). */
      grabId: string;
      anchorBeat: number;
      /** Alt/Ctrl: the drag moves copies (made when the drag starts). */
      copy: boolean;
      /** A press on an already selected note: a click without a drag selects just it. */
      clickSelect: string | null;
      /** The second press of a double-click: released without a drag, it deletes the note. */
      clickDelete: boolean;
      moved: boolean;
      lastPitch: number;
    }
  | {
      kind: 'resize';
      down: Point;
      base: readonly RollNote[];
      ids: ReadonlySet<string>;
      grab: RollNote;
      clickDelete: boolean;
      moved: boolean;
    }
  | {
      kind: 'rubber';
      down: Point;
      startBeat: number;
      startPitch: number;
      additive: ReadonlySet<string> | null;
      moved: boolean;
    }
  | {
      kind: 'velocity';
      down: Point;
      base: readonly RollNote[];
      ids: ReadonlySet<string>;
      relative: boolean;
      moved: boolean;
    }
  | { kind: 'erase'; base: readonly RollNote[]; erased: ReadonlySet<string> }
  | { kind: 'seek' }
  | { kind: 'loop'; down: Point; anchor: number; moved: boolean; edge: boolean }
  | { kind: 'keys'; pitch: number }
  | { kind: 'pan'; down: Point; scrollBeat: number; topPitch: number };

interface Point {
  x: number;
  y: number;
}

export interface GestureOutput {
  /** Live notes (editor.preview). */
  preview?: readonly RollNote[];
  /** A one-shot edit (editor.apply). */
  apply?: { label: string; notes: readonly RollNote[] };
  /** End the gesture as one undo step with this label (editor.commit). */
  commit?: string;
  selection?: ReadonlySet<string>;
  audition?: { pitch: number; velocity: number };
  seek?: number;
  /** undefined: unchanged; null: remove the loop. */
  loop?: Loop | null;
  /** The next drawn note's length. */
  drawLength?: number;
  /** The rubber band to draw (null: none). */
  rubber?: NoteRect | null;
  /** A readout to show by the pointer while dragging ("E4  2.1.3"); null hides it. */
  info?: string | null;
  /** Scroll the view (middle-button pan). */
  scroll?: { scrollBeat: number; topPitch: number };
}

export interface GestureStep {
  gesture: Gesture | null;
  out: GestureOutput;
}

const noGesture = (out: GestureOutput = {}): GestureStep => ({ gesture: null, out });

function passed(down: Point, p: Point): boolean {
  return Math.abs(p.x - down.x) >= DRAG_THRESHOLD_PX || Math.abs(p.y - down.y) >= DRAG_THRESHOLD_PX;
}

function union(a: ReadonlySet<string>, b: Iterable<string>): Set<string> {
  const out = new Set(a);
  for (const x of b) out.add(x);
  return out;
}

/** Starts a gesture for a press at (p.x, p.y) on the stage. */
export function beginGesture(env: GestureEnv, p: PointerInput): GestureStep {
  const { view: v } = env;
  const region = regionAt(v, p.x, p.y);
  const down = { x: p.x, y: p.y };
  const makeId = env.makeId ?? newNoteId;

  if (p.button === 1) {
    return region === 'grid' || region === 'ruler' || region === 'keys'
      ? { gesture: { kind: 'pan', down, scrollBeat: v.scrollBeat, topPitch: v.topPitch }, out: {} }
      : noGesture();
  }

  if (region === 'ruler') {
    const beat = Math.max(0, xToBeat(v, p.x));
    if (p.button === 2) return noGesture({ loop: null });
    if (p.button !== 0) return noGesture();
    const lower = p.y >= v.rulerHeight / 2;
    if (lower) {
      const loop = env.loop;
      if (loop && nearX(v, loop.start, p.x)) {
        return { gesture: { kind: 'loop', down, anchor: loop.end, moved: false, edge: true }, out: {} };
      }
      if (loop && nearX(v, loop.end, p.x)) {
        return { gesture: { kind: 'loop', down, anchor: loop.start, moved: false, edge: true }, out: {} };
      }
      return {
        gesture: {
          kind: 'loop',
          down,
          anchor: snapValue(beat, env.snap, 'round', env.grid),
          moved: false,
          edge: false,
        },
        out: {},
      };
    }
    return { gesture: { kind: 'seek' }, out: { seek: snapValue(beat, env.snap, 'round', env.grid) } };
  }

  if (region === 'keys') {
    if (p.button !== 0) return noGesture();
    const pitch = clamp(yToPitch(v, p.y), MIN_PITCH, MAX_PITCH);
    return { gesture: { kind: 'keys', pitch }, out: { audition: { pitch, velocity: keyVelocity(v, p.x) } } };
  }

  if (region === 'lane') {
    if (p.button !== 0) return noGesture();
    const id = hitVelocity(env.notes, v, p.x, p.y, env.selection);
    if (!id) return noGesture();
    const relative = env.selection.has(id);
    const ids = relative ? env.selection : new Set([id]);
    const g: Gesture = { kind: 'velocity', down, base: env.notes, ids, relative, moved: false };
    if (relative) return { gesture: g, out: {} };
    // A press on an unselected note's stem sets its velocity there at once.
    const velocity = clampVelocity(yToVelocity(v, p.y));
    return {
      gesture: g,
      out: { preview: setVelocity(env.notes, ids, velocity), info: `Velocity ${velocity}` },
    };
  }

  if (region !== 'grid') return noGesture();

  const hit = hitNote(env.notes, v, p.x, p.y);
  const beat = Math.max(0, xToBeat(v, p.x));
  const pitch = clamp(yToPitch(v, p.y), MIN_PITCH, MAX_PITCH);

  if (p.button === 2) {
    if (hit) {
      const ids = new Set([hit.id]);
      const sel = env.selection.has(hit.id)
        ? new Set([...env.selection].filter((id) => id !== hit.id))
        : env.selection;
      return noGesture({
        apply: { label: 'Delete note', notes: deleteNotes(env.notes, ids) },
        selection: sel,
      });
    }
    // Draw tool: a right-drag over notes erases them.
    return env.tool === 'draw'
      ? { gesture: { kind: 'erase', base: env.notes, erased: new Set() }, out: {} }
      : noGesture();
  }
  if (p.button !== 0) return noGesture();

  if (hit) {
    const grab = env.notes[hit.index]!;
    const clickDelete = env.double && !p.shift;
    const audition = { pitch: grab.pitch, velocity: grab.velocity };
    let selection: ReadonlySet<string>;
    let clickSelect: string | null = null;
    if (p.shift) {
      if (env.selection.has(hit.id)) {
        // Shift-click on a selected note takes it out of the selection.
        return noGesture({ selection: new Set([...env.selection].filter((id) => id !== hit.id)) });
      }
      selection = union(env.selection, [hit.id]);
    } else if (env.selection.has(hit.id)) {
      selection = env.selection;
      clickSelect = env.selection.size > 1 ? hit.id : null;
    } else {
      selection = new Set([hit.id]);
    }
    const out: GestureOutput = { audition };
    if (selection !== env.selection) out.selection = selection;
    if (hit.part === 'end') {
      return {
        gesture: { kind: 'resize', down, base: env.notes, ids: selection, grab, clickDelete, moved: false },
        out,
      };
    }
    return {
      gesture: {
        kind: 'move',
        down,
        base: env.notes,
        ids: selection,
        grab,
        grabId: grab.id,
        anchorBeat: xToBeat(v, p.x),
        copy: p.alt || p.ctrl,
        clickSelect,
        clickDelete,
        moved: false,
        lastPitch: grab.pitch,
      },
      out,
    };
  }

  // Empty grid.
  if (env.tool === 'draw' || env.double) {
    const start = snapValue(beat, env.snap, 'floor', env.grid);
    const { notes, id } = addNote(
      env.notes,
      { pitch, start, duration: env.drawLength, velocity: env.drawVelocity },
      makeId,
    );
    const note = notes[notes.length - 1]!;
    const out: GestureOutput = {
      preview: notes,
      selection: new Set([id]),
      audition: { pitch, velocity: env.drawVelocity },
    };
    if (env.tool === 'select') {
      // Select tool: a double-click on empty grid adds a note (one step, no drag).
      return noGesture({
        apply: { label: 'Draw note', notes },
        selection: out.selection,
        audition: out.audition,
      });
    }
    return { gesture: { kind: 'draw', down, base: env.notes, note, moved: false }, out };
  }
  return {
    gesture: {
      kind: 'rubber',
      down,
      startBeat: beat,
      startPitch: pitch,
      additive: p.shift ? env.selection : null,
      moved: false,
    },
    out: p.shift ? {} : { selection: new Set() },
  };
}

/** The gesture after the pointer moved to p (with the view as it is now: it may have scrolled). */
export function moveGesture(g: Gesture, env: GestureEnv, p: PointerInput): GestureStep {
  const v = env.view;
  const makeId = env.makeId ?? newNoteId;
  switch (g.kind) {
    case 'pan': {
      return {
        gesture: g,
        out: {
          scroll: {
            scrollBeat: g.scrollBeat - (p.x - g.down.x) / v.beatWidth,
            topPitch: Math.round(g.topPitch + (p.y - g.down.y) / v.rowHeight),
          },
        },
      };
    }
    case 'seek':
      return {
        gesture: g,
        out: { seek: snapValue(Math.max(0, xToBeat(v, p.x)), env.snap, 'round', env.grid) },
      };
    case 'keys': {
      const pitch = clamp(yToPitch(v, p.y), MIN_PITCH, MAX_PITCH);
      if (pitch === g.pitch) return { gesture: g, out: {} };
      return { gesture: { ...g, pitch }, out: { audition: { pitch, velocity: keyVelocity(v, p.x) } } };
    }
    case 'loop': {
      if (!g.moved && !passed(g.down, p)) return { gesture: g, out: {} };
      const beat = snapValue(Math.max(0, xToBeat(v, p.x)), env.snap, 'round', env.grid);
      const start = Math.min(g.anchor, beat);
      const end = Math.max(g.anchor, beat);
      const loop = end - start >= minLength(env.snap, env.grid) ? { start, end } : undefined;
      return { gesture: { ...g, moved: true }, out: loop ? { loop } : {} };
    }
    case 'erase': {
      const hit = hitNote(g.base, v, p.x, p.y);
      if (!hit || g.erased.has(hit.id)) return { gesture: g, out: {} };
      const erased = union(g.erased, [hit.id]);
      return { gesture: { ...g, erased }, out: { preview: deleteNotes(g.base, erased) } };
    }
    case 'rubber': {
      if (!g.moved && !passed(g.down, p)) return { gesture: g, out: {} };
      const rect: NoteRect = {
        beatStart: g.startBeat,
        beatEnd: Math.max(0, xToBeat(v, p.x)),
        pitchLow: g.startPitch,
        pitchHigh: clamp(yToPitch(v, p.y), MIN_PITCH, MAX_PITCH),
      };
      const hits = selectInRect(env.notes, rect);
      const selection = g.additive ? union(g.additive, hits) : hits;
      return { gesture: { ...g, moved: true }, out: { selection, rubber: rect } };
    }
    case 'draw': {
      if (!g.moved && !passed(g.down, p)) return { gesture: g, out: {} };
      const { note } = g;
      const end = Math.max(
        note.start + minLength(env.snap, env.grid),
        snapValue(xToBeat(v, p.x), env.snap, 'ceil', env.grid),
      );
      const duration = end - note.start;
      return {
        gesture: { ...g, moved: true },
        out: {
          preview: [...g.base, { ...note, duration }],
          info: `${pitchName(note.pitch)}  ${formatLength(duration)}`,
        },
      };
    }
    case 'move': {
      if (!g.moved && !passed(g.down, p)) return { gesture: g, out: {} };
      let { base, ids, grabId } = g;
      const out: GestureOutput = {};
      if (!g.moved && g.copy) {
        const c = cloneInPlace(g.base, g.ids, makeId);
        const order = g.base.filter((n) => g.ids.has(n.id)).findIndex((n) => n.id === g.grab.id);
        base = c.notes;
        ids = new Set(c.ids);
        grabId = c.ids[order] ?? grabId;
        out.selection = ids;
      }
      let dBeats = xToBeat(v, p.x) - g.anchorBeat;
      let dPitch = clamp(yToPitch(v, p.y), MIN_PITCH, MAX_PITCH) - g.grab.pitch;
      if (p.shift) {
        // Shift constrains the drag to its main direction.
        if (Math.abs(p.x - g.down.x) >= Math.abs(p.y - g.down.y)) dPitch = 0;
        else dBeats = 0;
      }
      if (dBeats !== 0) dBeats = snapValue(g.grab.start + dBeats, env.snap, 'round', env.grid) - g.grab.start;
      const preview = moveNotes(base, ids, dBeats, dPitch);
      const grabNow = preview.find((n) => n.id === grabId) ?? g.grab;
      out.preview = preview;
      out.info = `${pitchName(grabNow.pitch)}  ${formatPosition(grabNow.start, env.grid)}`;
      if (grabNow.pitch !== g.lastPitch) out.audition = { pitch: grabNow.pitch, velocity: g.grab.velocity };
      return { gesture: { ...g, base, ids, grabId, moved: true, lastPitch: grabNow.pitch }, out };
    }
    case 'resize': {
      if (!g.moved && !passed(g.down, p)) return { gesture: g, out: {} };
      const min = minLength(env.snap, env.grid);
      const end = Math.max(g.grab.start + min, snapValue(xToBeat(v, p.x), env.snap, 'round', env.grid));
      const delta = end - noteEnd(g.grab);
      const preview = resizeNotes(g.base, g.ids, delta, env.snap, env.grid);
      const duration = Math.max(Math.min(min, g.grab.duration), g.grab.duration + delta);
      return {
        gesture: { ...g, moved: true },
        out: { preview, info: `${pitchName(g.grab.pitch)}  ${formatLength(duration)}`, drawLength: duration },
      };
    }
    case 'velocity': {
      if (g.relative) {
        if (!g.moved && !passed(g.down, p)) return { gesture: g, out: {} };
        const delta = Math.round((g.down.y - p.y) * velocityPerPixel(v));
        const sign = delta > 0 ? '+' : '';
        return {
          gesture: { ...g, moved: true },
          out: { preview: setVelocity(g.base, g.ids, delta, 'relative'), info: `Velocity ${sign}${delta}` },
        };
      }
      const velocity = clampVelocity(yToVelocity(v, p.y));
      return {
        gesture: { ...g, moved: true },
        out: { preview: setVelocity(g.base, g.ids, velocity), info: `Velocity ${velocity}` },
      };
    }
  }
}

/** Ends the gesture (pointer-up): the commit and any last changes. */
export function endGesture(g: Gesture, env: GestureEnv): GestureOutput {
  switch (g.kind) {
    case 'draw': {
      const note = env.notes.find((n) => n.id === g.note.id);
      return { commit: 'Draw note', drawLength: note?.duration ?? g.note.duration, info: null };
    }
    case 'move':
      if (g.moved) return { commit: g.copy ? 'Duplicate notes' : 'Move notes', info: null };
      if (g.clickDelete) return deleteByClick(g.grab.id, env);
      return g.clickSelect ? { selection: new Set([g.clickSelect]) } : {};
    case 'resize':
      if (g.moved) return { commit: 'Resize notes', info: null };
      return g.clickDelete ? deleteByClick(g.grab.id, env) : {};
    case 'velocity':
      return { commit: 'Change velocity', info: null };
    case 'erase':
      return g.erased.size > 0 ? { commit: g.erased.size > 1 ? 'Delete notes' : 'Delete note' } : {};
    case 'rubber':
      return { rubber: null };
    case 'loop':
      if (!g.moved && !g.edge) return { seek: g.anchor };
      return {};
    default:
      return {};
  }
}

function deleteByClick(id: string, env: GestureEnv): GestureOutput {
  return {
    apply: { label: 'Delete note', notes: deleteNotes(env.notes, new Set([id])) },
    selection: new Set([...env.selection].filter((x) => x !== id)),
  };
}

/** A key click's velocity: louder towards the key's front (right), 40–127. */
export function keyVelocity(v: RollView, x: number): number {
  return clampVelocity(40 + (87 * clamp(x, 0, v.keyWidth)) / Math.max(1, v.keyWidth));
}

/** "1 beat", "0.25 beat", "2.5 beats". */
export function formatLength(beats: number): string {
  const r = Math.round(beats * 1000) / 1000;
  return `${r} ${r === 1 ? 'beat' : 'beats'}`;
}

export interface PressRecord {
  time: number;
  x: number;
  y: number;
  noteId: string | null;
}

/**
 * Whether a press makes a double-click with the previous one: soon enough, near enough, and on
 * the same note (which must have been there at the first press, so draw-then-click does not count).
 */
export function isDoubleClick(prev: PressRecord | null, next: PressRecord): boolean {
  if (!prev) return false;
  return (
    next.time - prev.time <= DOUBLE_CLICK_MS &&
    Math.abs(next.x - prev.x) <= EDGE_GRAB_PX &&
    Math.abs(next.y - prev.y) <= EDGE_GRAB_PX &&
    prev.noteId === next.noteId
  );
}
