import { expect, test } from 'vitest';
import { baseGridLines, GRID_EXTENT, GRID_LINES_PER_AXIS, GRID_POINTS_PER_LINE, stageAt } from './flow-view';

test('the base grid: horizontal lines first, then vertical ones, over ±GRID_EXTENT', () => {
  const g = baseGridLines();
  const m = GRID_POINTS_PER_LINE;
  expect(g.length).toBe(2 * GRID_LINES_PER_AXIS * m * 2);
  // The first line is horizontal at the bottom, left to right.
  expect([g[0], g[1]]).toEqual([-GRID_EXTENT, -GRID_EXTENT]);
  expect([g[2 * (m - 1)], g[2 * (m - 1) + 1]]).toEqual([GRID_EXTENT, -GRID_EXTENT]);
  // The first vertical line is at the left, bottom to top.
  const v = GRID_LINES_PER_AXIS * m * 2;
  expect([g[v], g[v + 1]]).toEqual([-GRID_EXTENT, -GRID_EXTENT]);
  expect([g[v + 2 * (m - 1)], g[v + 2 * (m - 1) + 1]]).toEqual([-GRID_EXTENT, GRID_EXTENT]);
});

test('a fractional layer blends the two layer outputs around it; ends are clamped', () => {
  const stages = Float32Array.from([0, 0, 10, 10, 20, 40]); // three stages of one point
  expect(Array.from(stageAt(stages, 2, 0))).toEqual([0, 0]);
  expect(Array.from(stageAt(stages, 2, 0.25))).toEqual([2.5, 2.5]);
  expect(Array.from(stageAt(stages, 2, 1.5))).toEqual([15, 25]);
  expect(Array.from(stageAt(stages, 2, 2))).toEqual([20, 40]);
  expect(Array.from(stageAt(stages, 2, 7))).toEqual([20, 40]);
  expect(Array.from(stageAt(stages, 2, -1))).toEqual([0, 0]);
  expect(Array.from(stageAt(stages, 2, NaN))).toEqual([20, 40]);
});
