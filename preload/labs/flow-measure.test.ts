import { expect, test } from 'vitest';
import { PLANE } from './data';
import {
  densityIntegral,
  finiteRange,
  massOffData,
  nearDataMask,
  percentileOf,
  planeGrid,
} from './flow-measure';

/** log N(x; μ, σ² I) in 2-D at the grid's cell centres. */
function gaussianGrid(side: number, mx: number, my: number, sigma: number): Float32Array {
  const g = planeGrid(side);
  const out = new Float32Array(side * side);
  for (let i = 0; i < out.length; i++) {
    const dx = g[2 * i]! - mx;
    const dy = g[2 * i + 1]! - my;
    out[i] = -(dx * dx + dy * dy) / (2 * sigma * sigma) - Math.log(2 * Math.PI * sigma * sigma);
  }
  return out;
}

test('the grid is laid out as an image: row 0 at the top, column 0 at the left, cell centres', () => {
  const g = planeGrid(4);
  expect(Array.from(g.subarray(0, 4))).toEqual([-3, 3, -1, 3]);
  expect(Array.from(g.subarray(2 * 15))).toEqual([3, -3]);
  expect(g.length).toBe(32);
});

test('a Gaussian inside the plane integrates to 1; one half outside it to about ½', () => {
  expect(densityIntegral(gaussianGrid(200, 0.3, -0.5, 1), 200)).toBeCloseTo(1, 3); // its far tails lie outside
  expect(densityIntegral(gaussianGrid(200, 0, 0, 0.1), 200)).toBeCloseTo(1, 4);
  expect(densityIntegral(gaussianGrid(200, PLANE, 0, 0.5), 200)).toBeCloseTo(0.5, 2);
});

test('cells near the data are marked within the radius only', () => {
  const mask = nearDataMask(new Float32Array([0, 0]), 80, 0.5);
  const g = planeGrid(80);
  let marked = 0;
  for (let i = 0; i < mask.length; i++) {
    const d = Math.hypot(g[2 * i]!, g[2 * i + 1]!);
    expect(mask[i]).toBe(d <= 0.5 ? 1 : 0);
    marked += mask[i]!;
  }
  // π r² over a cell of 0.1²: about 78 cells.
  expect(marked).toBeGreaterThan(70);
  expect(marked).toBeLessThan(90);
});

test('mass off the data: none for a density on the data, most for one elsewhere', () => {
  const data = new Float32Array([1, 1, 1.1, 0.9, 0.9, 1.05]);
  const near = nearDataMask(data, 100);
  expect(massOffData(gaussianGrid(100, 1, 1, 0.05), near)).toBeLessThan(1e-6);
  expect(massOffData(gaussianGrid(100, -2, -2, 0.1), near)).toBeGreaterThan(0.999);
  expect(massOffData(gaussianGrid(100, 0, 0, 1), near)).toBeGreaterThan(0.8);
});

test('percentile: the share strictly below a value', () => {
  const sorted = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  expect(percentileOf(sorted, 0)).toBe(0);
  expect(percentileOf(sorted, 3)).toBe(20);
  expect(percentileOf(sorted, 3.5)).toBe(30);
  expect(percentileOf(sorted, 11)).toBe(100);
});

test('the finite range skips -Infinity and NaN', () => {
  expect(finiteRange(Float32Array.from([-Infinity, 2, NaN, -3]))).toEqual({ min: -3, max: 2 });
  expect(finiteRange(Float32Array.from([NaN]))).toEqual({ min: 0, max: 0 });
});
