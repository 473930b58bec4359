import { describe, expect, it } from 'vitest';
import {
  FOLLOW_IDLE_MS,
  MAX_BEAT_WIDTH,
  MIN_ROW_HEIGHT,
  beatToX,
  clampView,
  cullNotes,
  followPlayhead,
  gridBottom,
  hitNote,
  hitVelocity,
  initialView,
  pitchToY,
  regionAt,
  revealView,
  totalBeats,
  velocityToY,
  visibleBeats,
  visiblePitchRange,
  wheelPixels,
  wheelZoomFactor,
  xToBeat,
  yToPitch,
  yToVelocity,
  zoomPitchAt,
  zoomTimeAt,
  type RollView,
} from './view';
import { n, testView } from './testing';

// The shared test view with beat 2 at the left.
const V: RollView = testView(2);

describe('coordinates', () => {
  it('follows the documented formulas', () => {
    expect(beatToX(V, 2)).toBe(64);
    expect(beatToX(V, 3.5)).toBe(64 + 60);
    expect(pitchToY(V, 72)).toBe(28);
    expect(pitchToY(V, 70)).toBe(48);
    expect(gridBottom(V)).toBe(228);
    expect(visibleBeats(V)).toBe(16);
  });

  it('inverts: a row is [top, top + rowHeight)', () => {
    expect(xToBeat(V, beatToX(V, 5.25))).toBeCloseTo(5.25, 12);
    expect(yToPitch(V, 28)).toBe(72);
    expect(yToPitch(V, 37.9)).toBe(72);
    expect(yToPitch(V, 38)).toBe(71);
    expect(yToPitch(V, pitchToY(V, 65) + 5)).toBe(65);
  });

  it('knows the visible pitches (partial rows included), within 0–127', () => {
    expect(visiblePitchRange(V)).toEqual({ low: 53, high: 72 });
    expect(visiblePitchRange({ ...V, rowHeight: 7 })).toEqual({ low: 72 - 29 + 1, high: 72 });
    expect(visiblePitchRange({ ...V, topPitch: 10 })).toEqual({ low: 0, high: 10 });
  });

  it('tells the regions apart', () => {
    expect(regionAt(V, 10, 10)).toBe('corner');
    expect(regionAt(V, 100, 10)).toBe('ruler');
    expect(regionAt(V, 10, 100)).toBe('keys');
    expect(regionAt(V, 100, 100)).toBe('grid');
    expect(regionAt(V, 100, 250)).toBe('lane');
    expect(regionAt(V, 10, 250)).toBe('lane-keys');
    expect(regionAt(V, -1, 100)).toBe('outside');
    expect(regionAt(V, 100, V.height)).toBe('outside');
  });
});

describe('culling', () => {
  it('keeps only the notes overlapping the view', () => {
    const notes = [
      n('left', 60, 0, 2), // ends exactly at the left edge: out
      n('edge', 60, 1, 1.5), // overlaps the left edge: in
      n('in', 60, 5),
      n('right', 60, 18), // starts at the right edge: out
      n('high', 73, 5), // above the top row: out
      n('low', 53, 5), // the partly visible bottom row: in
      n('lower', 52, 5),
    ];
    expect(cullNotes(notes, V).map((i) => notes[i]!.id)).toEqual(['edge', 'in', 'low']);
  });

  it('culls 10,000 notes to the few in view', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => n(`n${i}`, 40 + (i % 48), i * 0.5, 0.5));
    const visible = cullNotes(many, V);
    expect(visible.length).toBeGreaterThan(0);
    expect(visible.length).toBeLessThan(40);
  });
});

describe('hit testing', () => {
  const notes = [n('a', 70, 3, 2), n('b', 70, 5, 0.25), n('top', 70, 3.5, 0.5)];

  it('finds the note under the point, the topmost first', () => {
    const y = pitchToY(V, 70) + 5;
    expect(hitNote(notes, V, beatToX(V, 3.2), y)).toEqual({ index: 0, id: 'a', part: 'body' });
    expect(hitNote(notes, V, beatToX(V, 3.7), y)?.id).toBe('top');
    expect(hitNote(notes, V, beatToX(V, 3.2), y + 10)).toBeNull();
    expect(hitNote(notes, V, 30, y)).toBeNull(); // on the keyboard
  });

  it('grabs the right edge within 6 px, less on short notes', () => {
    const y = pitchToY(V, 70) + 5;
    const end = beatToX(V, 5);
    expect(hitNote([notes[0]!], V, end - 5, y)?.part).toBe('end');
    expect(hitNote([notes[0]!], V, end - 7, y)?.part).toBe('body');
    expect(hitNote([notes[0]!], V, end + 1, y)?.part).toBe('end'); // just outside
    expect(hitNote([notes[0]!], V, end + 3, y)).toBeNull();
    // 'b' is 10 px wide: its edge zone is a third of it, so its middle still moves it.
    const bx = beatToX(V, 5);
    expect(hitNote([notes[1]!], V, bx + 5, y)?.part).toBe('body');
    expect(hitNote([notes[1]!], V, bx + 8, y)?.part).toBe('end');
  });

  it('prefers the body of a following note to the outer edge zone of the one before', () => {
    const y = pitchToY(V, 70) + 5;
    expect(hitNote(notes.slice(0, 2), V, beatToX(V, 5) + 1, y)).toEqual({ index: 1, id: 'b', part: 'body' });
  });

  it('maps velocities to the lane and back', () => {
    expect(velocityToY(V, 127)).toBe(gridBottom(V) + 8);
    expect(velocityToY(V, 1)).toBe(V.height - 8);
    expect(yToVelocity(V, velocityToY(V, 90))).toBeCloseTo(90, 9);
  });

  it('picks the velocity stem nearest the pointer; chords go to the selection', () => {
    const chord = [n('c1', 60, 4, 1, 40), n('c2', 64, 4, 1, 110), n('d', 60, 6)];
    const x = beatToX(V, 4) + 2;
    expect(hitVelocity(chord, V, x, velocityToY(V, 110), new Set())).toBe('c2');
    expect(hitVelocity(chord, V, x, velocityToY(V, 40), new Set())).toBe('c1');
    expect(hitVelocity(chord, V, x, velocityToY(V, 110), new Set(['c1']))).toBe('c1');
    expect(hitVelocity(chord, V, beatToX(V, 5), 250, new Set())).toBeNull();
    expect(hitVelocity(chord, V, x, 100, new Set())).toBeNull(); // not in the lane
  });
});

describe('zoom', () => {
  it('keeps the beat under the pointer when zooming time', () => {
    const x = 300;
    const before = xToBeat(V, x);
    const z = zoomTimeAt(V, x, 2);
    expect(z.beatWidth).toBe(80);
    expect(xToBeat(z, x)).toBeCloseTo(before, 9);
    expect(zoomTimeAt(V, x, 1e6).beatWidth).toBe(MAX_BEAT_WIDTH);
  });

  it('keeps the pitch under the pointer (to a row) when zooming rows', () => {
    const y = pitchToY(V, 62) + 5;
    const z = zoomPitchAt(V, y, 2);
    expect(z.rowHeight).toBe(20);
    expect(Number.isInteger(z.topPitch)).toBe(true);
    expect(Math.abs(yToPitch(z, y) - 62)).toBeLessThanOrEqual(1);
    expect(zoomPitchAt(V, y, 0.01).rowHeight).toBe(MIN_ROW_HEIGHT);
  });

  it('zooms in for a negative wheel delta and converts line deltas', () => {
    expect(wheelZoomFactor(-100)).toBeGreaterThan(1);
    expect(wheelZoomFactor(100)).toBeLessThan(1);
    expect(wheelZoomFactor(-100) * wheelZoomFactor(100)).toBeCloseTo(1, 12);
    expect(wheelPixels(3, 1)).toBe(48);
    expect(wheelPixels(1, 2, 500)).toBe(500);
    expect(wheelPixels(7, 0)).toBe(7);
  });
});

describe('scroll limits', () => {
  it('grows the song with the notes, one bar past the last', () => {
    expect(totalBeats(0, 4)).toBe(16);
    expect(totalBeats(16, 4)).toBe(20);
    expect(totalBeats(17, 4)).toBe(24);
    expect(totalBeats(3, 8)).toBe(32);
  });

  it('counts the song in bars of the meter', () => {
    expect(totalBeats(0, 4, 3)).toBe(12); // four bars of 3/4
    expect(totalBeats(12, 4, 3)).toBe(15);
    expect(totalBeats(10, 2, 4.5)).toBe(18); // 9/8: the notes' three bars and an empty one
  });

  it('clamps time scroll to the song and pitch to 0–127', () => {
    expect(clampView({ ...V, scrollBeat: -3 }, 32).scrollBeat).toBe(0);
    expect(clampView({ ...V, scrollBeat: 30 }, 32).scrollBeat).toBe(16);
    expect(clampView({ ...V, topPitch: 200 }, 32).topPitch).toBe(127);
    expect(clampView({ ...V, topPitch: 3 }, 32).topPitch).toBe(19); // 20 rows down to pitch 0
    expect(clampView({ ...V, topPitch: 70.6 }, 32).topPitch).toBe(71);
    expect(clampView(V, 32)).toBe(V);
  });

  it('reveals a box out of view', () => {
    expect(revealView(V, { start: 2, end: 3, low: 60, high: 70 })).toBe(V);
    expect(revealView(V, { start: 0.5, end: 1, low: 60, high: 60 }).scrollBeat).toBe(0.5);
    expect(revealView(V, { start: 20, end: 21, low: 60, high: 60 }).scrollBeat).toBe(5);
    expect(revealView(V, { start: 3, end: 4, low: 80, high: 80 }).topPitch).toBe(80);
    expect(revealView(V, { start: 3, end: 4, low: 40, high: 40 }).topPitch).toBe(59);
  });
});

describe('followPlayhead', () => {
  it('stays while the playhead is in view', () => {
    expect(followPlayhead(V, 10, FOLLOW_IDLE_MS)).toBeNull();
  });

  it('pages to the playhead bar when it leaves the view', () => {
    expect(followPlayhead(V, 18.1, FOLLOW_IDLE_MS)).toBe(16);
    expect(followPlayhead(V, 1, FOLLOW_IDLE_MS)).toBe(0);
  });

  it('pages just before the right edge, not after', () => {
    expect(followPlayhead(V, 2 + 16 * 0.99, 5000)).toBe(16);
  });

  it('pages to the bar of the meter', () => {
    expect(followPlayhead(V, 18.1, FOLLOW_IDLE_MS, 3)).toBe(18);
    expect(followPlayhead(V, 19, FOLLOW_IDLE_MS, 1.5)).toBe(18);
  });

  it('does not follow within 2 s of the user scrolling', () => {
    expect(followPlayhead(V, 30, FOLLOW_IDLE_MS - 1)).toBeNull();
  });
});

describe('initialView', () => {
  const size = { width: 64 + 800, height: 28 + 76 + 300 };

  it('shows four bars and C4–C6 by default', () => {
    const v = initialView(size, []);
    expect(visibleBeats(v)).toBeCloseTo(16, 9);
    const { low, high } = visiblePitchRange(v);
    expect(low).toBeLessThanOrEqual(60);
    expect(high).toBeGreaterThanOrEqual(84);
    expect(v.scrollBeat).toBe(0);
  });

  it('scrolls to the notes', () => {
    const v = initialView(size, [n('a', 30, 17), n('b', 36, 20)]);
    expect(v.scrollBeat).toBe(16);
    const { low, high } = visiblePitchRange(v);
    expect(low).toBeLessThanOrEqual(30);
    expect(high).toBeGreaterThanOrEqual(36);
  });

  it('shows four bars of the meter, scrolled to the notes’ bar', () => {
    expect(visibleBeats(initialView(size, [], undefined, 3))).toBeCloseTo(12, 9);
    expect(visibleBeats(initialView(size, [], undefined, 4.5))).toBeCloseTo(18, 9);
    expect(initialView(size, [n('a', 60, 7)], undefined, 3).scrollBeat).toBe(6);
  });

  it('shows the top of a pitch range taller than the view', () => {
    const v = initialView(size, [n('a', 10, 0), n('b', 110, 0)]);
    expect(visiblePitchRange(v).high).toBe(111);
  });
});
