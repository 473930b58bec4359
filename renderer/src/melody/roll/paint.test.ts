import { describe, expect, it } from 'vitest';
import { barGrid, COMMON_TIME, type BarGrid } from './model';
import { COLORS, outOfScale, paintGrid, paintRuler, velocityColor, type Scene } from './paint';
import { testView } from './testing';
import { beatToX, type RollView } from './view';

interface Call {
  op: 'fillRect' | 'fillText';
  style: string;
  x: number;
  y: number;
  w: number;
  h: number;
  text?: string;
}

/** A 2-D context that records what is filled, with the fill style at the time. */
function recorder(): { ctx: CanvasRenderingContext2D; calls: Call[] } {
  const calls: Call[] = [];
  const ctx = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    font: '',
    textBaseline: '',
    textAlign: '',
    save() {},
    restore() {},
    beginPath() {},
    rect() {},
    clip() {},
    strokeRect() {},
    measureText: (t: string) => ({ width: t.length * 6 }),
    fillRect(x: number, y: number, w: number, h: number) {
      calls.push({ op: 'fillRect', style: String(this.fillStyle), x, y, w, h });
    },
    fillText(text: string, x: number, y: number) {
      calls.push({ op: 'fillText', style: String(this.fillStyle), x, y, w: 0, h: 0, text });
    },
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls };
}

const scene = (view: RollView, grid: BarGrid, snap: Scene['snap'] = '1/16'): Scene => ({
  view,
  notes: [],
  selection: new Set(),
  snap,
  grid,
  total: 64,
  loop: null,
  scale: null,
  hoverPitch: null,
  rubber: null,
  info: null,
});

/** The beats of the full-height grid lines drawn in a colour. */
const linesIn = (calls: Call[], v: RollView, color: string): number[] =>
  calls
    .filter((c) => c.style === color && c.w === 1 && c.y === v.rulerHeight)
    .map((c) => (c.x - v.keyWidth) / v.beatWidth + v.scrollBeat);

describe('paintGrid and paintRuler in the clip’s meter', () => {
  const v = testView(0);

  it('3/4: bar lines every 3 beats, the ruler numbers each bar of 3', () => {
    const { ctx, calls } = recorder();
    paintGrid(ctx, scene(v, barGrid([3, 4])));
    expect(linesIn(calls, v, COLORS.lineBar)).toEqual([0, 3, 6, 9, 12, 15]);
    expect(linesIn(calls, v, COLORS.lineBeat)).toContain(1);
    const ruler = recorder();
    paintRuler(ruler.ctx, scene(v, barGrid([3, 4])));
    const labels = ruler.calls.filter((c) => c.op === 'fillText');
    expect(labels.map((c) => c.text)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(labels[1]!.x).toBe(Math.round(beatToX(v, 3)) + 4);
  });

  it('6/8: the dotted-quarter beats stronger, the eighth-note pulse lighter', () => {
    const { ctx, calls } = recorder();
    paintGrid(ctx, scene(v, barGrid([6, 8]), '1/8'));
    expect(linesIn(calls, v, COLORS.lineBar)).toEqual([0, 3, 6, 9, 12, 15]);
    expect(linesIn(calls, v, COLORS.lineBeat)).toEqual([1.5, 4.5, 7.5, 10.5, 13.5]);
    expect(linesIn(calls, v, COLORS.lineUnit).slice(0, 4)).toEqual([0.5, 1, 2, 2.5]);
  });

  it('4/4 without a meter: bars every 4 beats', () => {
    const { ctx, calls } = recorder();
    paintGrid(ctx, scene(v, COMMON_TIME));
    expect(linesIn(calls, v, COLORS.lineBar)).toEqual([0, 4, 8, 12, 16]);
  });
});

const C_MAJOR = [true, false, true, false, true, true, false, true, false, true, false, true];

describe('outOfScale', () => {
  it('shades the pitch classes outside the scale, in every octave', () => {
    expect(outOfScale(C_MAJOR, 60)).toBe(false);
    expect(outOfScale(C_MAJOR, 61)).toBe(true);
    expect(outOfScale(C_MAJOR, 6)).toBe(true);
    expect(outOfScale(C_MAJOR, 127)).toBe(false); // G
  });

  it('shades nothing without a scale', () => {
    expect(outOfScale(null, 61)).toBe(false);
    expect(outOfScale([true], 61)).toBe(false);
  });
});

describe('velocityColor', () => {
  const hue = (c: string): number => Number(/hsl\((\d+)/.exec(c)![1]);
  const light = (c: string): number => Number(/(\d+)%\)$/.exec(c)![1]);

  it('runs from cool (soft) to warm (loud)', () => {
    expect(hue(velocityColor(1))).toBeGreaterThan(hue(velocityColor(64)));
    expect(hue(velocityColor(64))).toBeGreaterThan(hue(velocityColor(127)));
  });

  it('makes selected notes lighter', () => {
    expect(light(velocityColor(90, true))).toBeGreaterThan(light(velocityColor(90)));
  });
});
