import { describe, expect, it } from 'vitest';
import { gridLines, gridSteps, rulerBars } from './grid';
import { barGrid } from './model';
import { testView } from './testing';
import type { RollView } from './view';

// The shared test view (40 px a beat, 16 beats across) with beat 2 at the left.
const V: RollView = testView(2);
const THREE_FOUR = barGrid([3, 4]);
const SIX_EIGHT = barGrid([6, 8]);
const NINE_EIGHT = barGrid([9, 8]);

const beatsOf = (lines: { beat: number; kind: string }[], kind: string): number[] =>
  lines.filter((l) => l.kind === kind).map((l) => l.beat);

describe('gridSteps', () => {
  it('draws the snap lines when they are far enough apart', () => {
    expect(gridSteps(V, '1/16').minor).toBe(0.25); // 10 px
    expect(gridSteps({ ...V, beatWidth: 16 }, '1/16').minor).toBe(1); // 4 px apart: beats instead
    expect(gridSteps({ ...V, beatWidth: 1 }, 'off').minor).toBe(8);
    expect(gridSteps(V, 'off').minor).toBe(1);
  });

  it('spaces bar numbers at least 36 px apart', () => {
    expect(gridSteps(V, '1/16').labelBars).toBe(1);
    expect(gridSteps({ ...V, beatWidth: 4 }, '1/16').labelBars).toBe(4);
    expect(gridSteps({ ...V, beatWidth: 4 }, '1/16', THREE_FOUR).labelBars).toBe(4); // 12 px bars
  });

  it('the Bar snap still shows the beats; the grid off shows the written beats', () => {
    expect(gridSteps(V, 'bar', SIX_EIGHT).minor).toBe(1.5);
    expect(gridSteps(V, 'bar').minor).toBe(1);
    expect(gridSteps(V, 'off', SIX_EIGHT).minor).toBe(0.5);
  });

  it('falls back to the meter’s own beats, then its bars', () => {
    expect(gridSteps({ ...V, beatWidth: 8 }, '1/16', SIX_EIGHT).minor).toBe(1.5); // eighths 4 px, dotted quarters 12
    expect(gridSteps({ ...V, beatWidth: 1 }, 'off', THREE_FOUR).minor).toBe(6); // every other 3/4 bar
  });
});

describe('gridLines', () => {
  it('3/4: a bar line every 3 beats, beat lines between', () => {
    const lines = gridLines(testView(0), '1/4', THREE_FOUR);
    expect(beatsOf(lines, 'bar')).toEqual([0, 3, 6, 9, 12, 15]);
    expect(beatsOf(lines, 'beat')).toEqual([1, 2, 4, 5, 7, 8, 10, 11, 13, 14, 16]);
  });

  it('6/8: dotted-quarter beats strong, the eighth-note pulse lighter', () => {
    const lines = gridLines(testView(0), '1/8', SIX_EIGHT);
    expect(beatsOf(lines, 'bar')).toEqual([0, 3, 6, 9, 12, 15]);
    expect(beatsOf(lines, 'beat')).toEqual([1.5, 4.5, 7.5, 10.5, 13.5]);
    expect(beatsOf(lines, 'unit').slice(0, 4)).toEqual([0.5, 1, 2, 2.5]);
    expect(beatsOf(lines, 'minor')).toEqual([]);
    // Sixteenths in between are the faintest.
    expect(beatsOf(gridLines(testView(0), '1/16', SIX_EIGHT), 'minor').slice(0, 3)).toEqual([
      0.25, 0.75, 1.25,
    ]);
  });

  it('9/8: quarter-note steps start again at each bar line', () => {
    const lines = gridLines(testView(0), '1/4', NINE_EIGHT);
    expect(beatsOf(lines, 'bar')).toEqual([0, 4.5, 9, 13.5]);
    expect(lines.filter((l) => l.beat < 9).map((l) => l.beat)).toEqual([
      0, 1, 2, 3, 4, 4.5, 5.5, 6.5, 7.5, 8.5,
    ]);
    expect(beatsOf(lines, 'beat')).toEqual([3, 7.5, 12]); // a quarter on the third dotted quarter
  });

  it('4/4 is drawn as before: bars every 4 beats, beats, sixteenths', () => {
    const lines = gridLines(V, '1/16');
    expect(beatsOf(lines, 'bar')).toEqual([4, 8, 12, 16]);
    expect(beatsOf(lines, 'beat')).toEqual([2, 3, 5, 6, 7, 9, 10, 11, 13, 14, 15, 17, 18]);
    expect(lines.length).toBe(16 * 4 + 1);
  });

  it('zoomed far out draws every other bar line', () => {
    const lines = gridLines({ ...testView(0), beatWidth: 1 }, 'off', THREE_FOUR);
    expect(lines.slice(0, 4)).toEqual([
      { beat: 0, kind: 'bar' },
      { beat: 6, kind: 'bar' },
      { beat: 12, kind: 'bar' },
      { beat: 18, kind: 'bar' },
    ]);
  });
});

describe('rulerBars', () => {
  it('numbers the bars of the meter, with ticks at its counted beats', () => {
    const bars = rulerBars(testView(0), '1/16', THREE_FOUR);
    expect(bars.map((b) => [b.number, b.beat])).toEqual([
      [1, 0],
      [2, 3],
      [3, 6],
      [4, 9],
      [5, 12],
      [6, 15],
    ]);
    expect(bars[1]!.ticks).toEqual([4, 5]);
    expect(rulerBars(testView(0), '1/16', SIX_EIGHT)[1]!.ticks).toEqual([4.5]);
    expect(rulerBars(testView(0), '1/16', NINE_EIGHT).map((b) => b.beat)).toEqual([0, 4.5, 9, 13.5]);
  });

  it('leaves ticks out and labels every few bars when zoomed out', () => {
    const bars = rulerBars({ ...testView(0), beatWidth: 4 }, '1/16', THREE_FOUR);
    expect(bars.every((b) => b.ticks.length === 0)).toBe(true);
    expect(
      bars
        .filter((b) => b.labelled)
        .map((b) => b.number)
        .slice(0, 4),
    ).toEqual([1, 5, 9, 13]);
  });
});
