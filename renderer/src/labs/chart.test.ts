import { describe, expect, it } from 'vitest';
import {
  chartRange,
  chartSeries,
  hasNonPositive,
  logTicks,
  niceTicks,
  seriesLines,
  tickLabel,
} from './chart';

const charts = {
  iterations: [10, 20, 30, 40],
  series: { d: [1, 0.5, null, 0.25], g: [2, -1, 4, 8] },
};
const box = { left: 0, top: 0, width: 100, height: 50 };

describe('loss chart', () => {
  it('spans the values on show with a little room', () => {
    const r = chartRange(charts, ['d'], false)!;
    expect(r.xMin).toBe(10);
    expect(r.xMax).toBe(40);
    expect(r.yMin).toBeLessThan(0.25);
    expect(r.yMax).toBeGreaterThan(1);
    expect(chartRange({ iterations: [], series: {} }, ['d'], false)).toBeNull();
  });

  it('draws log10 of the positive values and breaks lines at gaps', () => {
    const r = chartRange(charts, ['g'], true)!;
    // -1 is left out on the log scale: 2, 4, 8 remain.
    expect(r.yMin).toBeLessThan(Math.log10(2));
    expect(r.yMax).toBeGreaterThan(Math.log10(8));
    const lines = seriesLines(charts, 'g', r, box, true);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toHaveLength(2);
    expect(lines[1]).toHaveLength(4);
    expect(hasNonPositive(charts, ['g'])).toBe(true);
    expect(hasNonPositive(charts, ['d'])).toBe(false);
  });

  it('puts the first point at the left and higher values higher', () => {
    const r = { xMin: 10, xMax: 40, yMin: 0, yMax: 1 };
    const [line] = seriesLines({ iterations: [10, 40], series: { a: [0, 1] } }, 'a', r, box, false);
    expect(line).toEqual([0, 50, 100, 0]);
  });

  it('chooses round ticks', () => {
    expect(niceTicks(0, 1, 4)).toEqual([0, 0.5, 1]);
    expect(niceTicks(0, 10, 5)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(-0.3, 0.3, 3)).toEqual([-0.2, 0, 0.2]);
    expect(logTicks(-2.2, 1.1)).toEqual([-2, -1, 0, 1]);
    expect(tickLabel(12000)).toBe('12k');
    expect(tickLabel(0.05)).toBe('0.05');
    expect(tickLabel(0.0001)).toBe('1e-4');
  });

  it('draws the lab’s series in its order, then any other the engine records', () => {
    const named = [
      { key: 'g', label: 'Generator' },
      { key: 'd', label: 'Discriminator' },
      { key: 'x', label: 'Missing' },
    ];
    expect(chartSeries(named, ['d', 'gp', 'g'])).toEqual([
      { key: 'g', label: 'Generator' },
      { key: 'd', label: 'Discriminator' },
      { key: 'gp', label: 'gp' },
    ]);
  });
});
