import { describe, expect, it } from 'vitest';
import {
  beginGesture,
  endGesture,
  formatLength,
  isDoubleClick,
  keyVelocity,
  moveGesture,
  type Gesture,
  type GestureEnv,
  type GestureOutput,
  type PointerInput,
} from './gestures';
import { barGrid, COMMON_TIME, type RollNote } from './model';
import { beatToX, pitchToY, velocityToY, type RollView } from './view';
import { n, testView } from './testing';

const V: RollView = testView(0);

const NOTES: readonly RollNote[] = [n('a', 64, 1), n('b', 67, 2, 2, 80), n('c', 60, 8, 0.5, 50)];

function env(over: Partial<GestureEnv> = {}): GestureEnv {
  let i = 0;
  return {
    view: V,
    notes: NOTES,
    selection: new Set(),
    tool: 'draw',
    snap: '1/16',
    grid: COMMON_TIME,
    drawLength: 1,
    drawVelocity: 100,
    loop: null,
    double: false,
    makeId: () => `new${++i}`,
    ...over,
  };
}

/** A pointer at a beat and pitch (the middle of the row). */
const at = (beat: number, pitch: number, mods: Partial<PointerInput> = {}): PointerInput => ({
  x: beatToX(V, beat),
  y: pitchToY(V, pitch) + V.rowHeight / 2,
  button: 0,
  shift: false,
  alt: false,
  ctrl: false,
  ...mods,
});

/** Runs a press, moves and a release the way the stage does, feeding previews back as the notes. */
function drag(
  e: GestureEnv,
  points: PointerInput[],
): { outs: GestureOutput[]; end: GestureOutput; notes: readonly RollNote[]; selection: ReadonlySet<string> } {
  let notes = e.notes;
  let selection = e.selection;
  const outs: GestureOutput[] = [];
  const apply = (o: GestureOutput): void => {
    outs.push(o);
    if (o.apply) notes = o.apply.notes;
    if (o.preview) notes = o.preview;
    if (o.selection) selection = o.selection;
  };
  const first = beginGesture(e, points[0]!);
  apply(first.out);
  let g: Gesture | null = first.gesture;
  for (const p of points.slice(1)) {
    if (!g) break;
    const step = moveGesture(g, { ...e, notes, selection }, p);
    g = step.gesture;
    apply(step.out);
  }
  const end = g ? endGesture(g, { ...e, notes, selection }) : {};
  apply(end);
  return { outs, end, notes, selection };
}

describe('draw tool', () => {
  it('a click on empty grid draws a note of the last length at the snapped start', () => {
    const r = drag(env({ drawLength: 0.5 }), [at(4.3, 70)]);
    const added = r.notes.find((x) => x.id === 'new1');
    expect(added).toEqual(n('new1', 70, 4.25, 0.5));
    expect([...r.selection]).toEqual(['new1']);
    expect(r.end.commit).toBe('Draw note');
    expect(r.outs[0]!.audition).toEqual({ pitch: 70, velocity: 100 });
  });

  it('dragging extends the new note to the grid', () => {
    const r = drag(env(), [at(4.3, 70), at(5, 70), at(6.6, 70)]);
    expect(r.notes.find((x) => x.id === 'new1')).toMatchObject({ start: 4.25, duration: 2.5 });
    expect(r.end.drawLength).toBe(2.5);
    expect(r.end.commit).toBe('Draw note');
  });

  it('clicking a note selects it without drawing; shift-click toggles', () => {
    const r = drag(env(), [at(1.5, 64)]);
    expect(r.notes).toBe(NOTES);
    expect([...r.selection]).toEqual(['a']);
    expect(r.end.commit).toBeUndefined();
    const shift = drag(env({ selection: new Set(['b']) }), [at(1.5, 64, { shift: true })]);
    expect([...shift.selection].sort()).toEqual(['a', 'b']);
    const off = drag(env({ selection: new Set(['a', 'b']) }), [at(1.5, 64, { shift: true })]);
    expect([...off.selection]).toEqual(['b']);
  });

  it('a click on a note of a larger selection selects just it', () => {
    const r = drag(env({ selection: new Set(['a', 'b']) }), [at(1.5, 64)]);
    expect([...r.selection]).toEqual(['a']);
  });

  it('right-click and double-click delete the note', () => {
    const right = drag(env({ selection: new Set(['a']) }), [at(1.5, 64, { button: 2 })]);
    expect(right.outs[0]!.apply?.label).toBe('Delete note');
    expect(right.notes.map((x) => x.id)).toEqual(['b', 'c']);
    expect(right.selection.size).toBe(0);
    const dbl = drag(env({ double: true }), [at(2.5, 67)]);
    expect(dbl.end.apply?.label).toBe('Delete note');
    expect(dbl.notes.map((x) => x.id)).toEqual(['a', 'c']);
  });

  it('a drag that starts as the second press of a double-click moves, not deletes', () => {
    const r = drag(env({ double: true }), [at(2.5, 67), at(4.5, 67)]);
    expect(r.notes.map((x) => x.id)).toEqual(['a', 'b', 'c']);
    expect(r.notes.find((x) => x.id === 'b')!.start).toBe(4);
  });

  it('right-drag over empty grid erases the notes it crosses, as one step', () => {
    const r = drag(env(), [at(0.5, 64, { button: 2 }), at(1.5, 64), at(8.2, 60)]);
    expect(r.notes.map((x) => x.id)).toEqual(['b']);
    expect(r.end.commit).toBe('Delete notes');
  });
});

describe('moving notes', () => {
  it('drags the selection by snapped beats and semitones, one commit', () => {
    const r = drag(env({ selection: new Set(['a', 'b']) }), [at(1.5, 64), at(2.1, 65), at(3.6, 66)]);
    // The grabbed note's start snaps to the 1/16 grid; the other keeps its distance.
    expect(r.notes.find((x) => x.id === 'a')).toMatchObject({ start: 3, pitch: 66 });
    expect(r.notes.find((x) => x.id === 'b')).toMatchObject({ start: 4, pitch: 69 });
    expect(r.end.commit).toBe('Move notes');
    expect(r.outs.filter((o) => o.commit)).toHaveLength(1);
  });

  it('with the "bar" snap in 6/8 the note lands on bar lines 3 beats apart', () => {
    const sixEight = barGrid([6, 8]);
    const notes = [n('a', 64, 0)];
    const r = drag(env({ notes, snap: 'bar', grid: sixEight }), [at(0.5, 64), at(2.1, 64), at(4.2, 64)]);
    expect(r.notes[0]).toMatchObject({ start: 3, pitch: 64 });
    expect(r.outs.at(-2)!.info).toMatch(/ 2\.1\.1$/);
  });

  it('shows the pitch while dragging and auditions each new pitch', () => {
    const r = drag(env(), [at(1.5, 64), at(1.5, 65), at(1.6, 65), at(1.6, 67)]);
    expect(r.outs.map((o) => o.audition?.pitch).filter((p) => p !== undefined)).toEqual([64, 65, 67]);
    expect(r.outs.at(-2)!.info).toMatch(/^G4 /);
  });

  it('does not move before the pointer passes the drag threshold', () => {
    const p = at(1.5, 64);
    const r = drag(env(), [p, { ...p, x: p.x + 2 }]);
    expect(r.notes).toBe(NOTES);
    expect(r.end.commit).toBeUndefined();
  });

  it('clamps the group at beat 0', () => {
    const r = drag(env({ selection: new Set(['a', 'b']) }), [at(1.5, 64), at(-3, 64)]);
    expect(r.notes.find((x) => x.id === 'a')!.start).toBe(0);
    expect(r.notes.find((x) => x.id === 'b')!.start).toBe(1);
  });

  it('Shift constrains the drag to one axis', () => {
    const r = drag(env(), [at(1.5, 64), at(3.5, 65, { shift: true })]);
    expect(r.notes.find((x) => x.id === 'a')).toMatchObject({ start: 3, pitch: 64 });
  });

  it('Alt-drag (or Ctrl-drag) moves copies and leaves the originals', () => {
    for (const mod of [{ alt: true }, { ctrl: true }]) {
      const r = drag(env({ selection: new Set(['a']) }), [at(1.5, 64, mod), at(3.5, 64, mod)]);
      expect(r.notes).toHaveLength(4);
      expect(r.notes.find((x) => x.id === 'a')).toEqual(NOTES[0]);
      expect(r.notes.find((x) => x.id === 'new1')).toMatchObject({ start: 3, pitch: 64 });
      expect([...r.selection]).toEqual(['new1']);
      expect(r.end.commit).toBe('Duplicate notes');
    }
  });

  it('Alt-click without a drag copies nothing', () => {
    const r = drag(env(), [at(1.5, 64, { alt: true })]);
    expect(r.notes).toBe(NOTES);
  });
});

describe('resizing', () => {
  it('a drag near the right edge resizes, snapped, and sets the next draw length', () => {
    const edge = { ...at(2, 64), x: beatToX(V, 2) - 2 };
    const r = drag(env(), [edge, { ...edge, x: beatToX(V, 3.4) }]);
    expect(r.notes.find((x) => x.id === 'a')).toMatchObject({ start: 1, duration: 2.5 });
    expect(r.end.commit).toBe('Resize notes');
    expect(r.outs.at(-2)!.drawLength).toBe(2.5);
  });

  it('keeps at least one grid step', () => {
    const edge = { ...at(2, 64), x: beatToX(V, 2) - 2 };
    const r = drag(env({ snap: '1/8' }), [edge, { ...edge, x: beatToX(V, 0) }]);
    expect(r.notes.find((x) => x.id === 'a')!.duration).toBe(0.5);
  });

  it('resizes the whole selection by the same amount', () => {
    const edge = { ...at(2, 64), x: beatToX(V, 2) - 2 };
    const r = drag(env({ selection: new Set(['a', 'b']) }), [edge, { ...edge, x: beatToX(V, 3) }]);
    expect(r.notes.find((x) => x.id === 'b')!.duration).toBe(3);
  });
});

describe('select tool', () => {
  it('a drag on empty grid selects the notes in the band, live', () => {
    const r = drag(env({ tool: 'select' }), [at(0.5, 70), at(3, 66), at(3, 63)]);
    expect([...r.selection].sort()).toEqual(['a', 'b']);
    expect(r.notes).toBe(NOTES);
    expect(r.outs[1]!.rubber).toBeTruthy();
    expect(r.end.rubber).toBeNull();
  });

  it('Shift adds to the selection; a plain click clears it', () => {
    const add = drag(env({ tool: 'select', selection: new Set(['c']) }), [
      at(0.5, 65, { shift: true }),
      at(1.5, 63, { shift: true }),
    ]);
    expect([...add.selection].sort()).toEqual(['a', 'c']);
    const clear = drag(env({ tool: 'select', selection: new Set(['c']) }), [at(12, 70)]);
    expect(clear.selection.size).toBe(0);
  });

  it('a double-click on empty grid adds a note', () => {
    const r = drag(env({ tool: 'select', double: true }), [at(12, 70)]);
    expect(r.outs[0]!.apply?.label).toBe('Draw note');
    expect(r.notes).toHaveLength(4);
  });
});

describe('velocity lane', () => {
  const stem = (beat: number, velocity: number): PointerInput => ({
    ...at(beat, 60),
    x: beatToX(V, beat) + 1,
    y: velocityToY(V, velocity),
  });

  it('a press on a stem sets that note, dragging follows the pointer', () => {
    const r = drag(env(), [stem(2, 30), stem(2, 90)]);
    expect(r.notes.find((x) => x.id === 'b')!.velocity).toBe(90);
    expect(r.end.commit).toBe('Change velocity');
  });

  it('with a selection, dragging a selected stem shifts all selected relatively', () => {
    const r = drag(env({ selection: new Set(['a', 'b']) }), [stem(2, 80), stem(2, 100)]);
    expect(r.notes.find((x) => x.id === 'a')!.velocity).toBe(120);
    expect(r.notes.find((x) => x.id === 'b')!.velocity).toBe(100);
    expect(r.notes.find((x) => x.id === 'c')!.velocity).toBe(50);
  });
});

describe('ruler and keyboard', () => {
  it('a click in the ruler seeks to the snapped beat; dragging scrubs', () => {
    const p = { ...at(3.1, 60), y: 5 };
    const r = drag(env(), [p, { ...p, x: beatToX(V, 5.3) }]);
    expect(r.outs[0]!.seek).toBe(3);
    expect(r.outs[1]!.seek).toBe(5.25);
  });

  it('a drag in the lower half sets the loop; a click there seeks', () => {
    const p = { ...at(4, 60), y: 20 };
    const r = drag(env({ snap: '1/4' }), [p, { ...p, x: beatToX(V, 6.2) }, { ...p, x: beatToX(V, 1.9) }]);
    expect(r.outs[1]!.loop).toEqual({ start: 4, end: 6 });
    expect(r.outs[2]!.loop).toEqual({ start: 2, end: 4 });
    const click = drag(env({ snap: '1/4' }), [p]);
    expect(click.end.seek).toBe(4);
  });

  it('dragging a loop edge moves that edge; right-click removes the loop', () => {
    const loop = { start: 4, end: 8 };
    const p = { ...at(8, 60), y: 20 };
    const r = drag(env({ loop, snap: '1/4' }), [p, { ...p, x: beatToX(V, 10) }]);
    expect(r.outs[1]!.loop).toEqual({ start: 4, end: 10 });
    const right = drag(env({ loop }), [{ ...p, button: 2 }]);
    expect(right.outs[0]!.loop).toBeNull();
  });

  it('a key auditions its pitch, a glissando each new key', () => {
    const key = (pitch: number): PointerInput => ({ ...at(0, pitch), x: 40 });
    const r = drag(env(), [key(60), key(60), key(62)]);
    expect(r.outs.map((o) => o.audition?.pitch).filter((p) => p !== undefined)).toEqual([60, 62]);
    expect(r.notes).toBe(NOTES);
  });

  it('key velocity is louder towards the front', () => {
    expect(keyVelocity(V, 5)).toBeLessThan(keyVelocity(V, 60));
    expect(keyVelocity(V, 64)).toBe(127);
  });

  it('middle-drag pans the view', () => {
    const p = at(4, 60, { button: 1 });
    const r = drag(env(), [p, { ...p, x: p.x - 80, y: p.y + 20 }]);
    expect(r.outs[1]!.scroll).toEqual({ scrollBeat: 2, topPitch: 74 });
  });
});

describe('helpers', () => {
  it('double-clicks need the same note, soon and near', () => {
    const a = { time: 0, x: 100, y: 100, noteId: 'a' };
    expect(isDoubleClick(a, { ...a, time: 300 })).toBe(true);
    expect(isDoubleClick(a, { ...a, time: 500 })).toBe(false);
    expect(isDoubleClick(a, { ...a, time: 100, x: 120 })).toBe(false);
    expect(isDoubleClick({ ...a, noteId: null }, { ...a, time: 100 })).toBe(false);
    expect(isDoubleClick(null, a)).toBe(false);
  });

  it('formats lengths', () => {
    expect(formatLength(1)).toBe('1 beat');
    expect(formatLength(0.25)).toBe('0.25 beats');
  });
});
