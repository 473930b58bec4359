import { expect, it } from 'vitest';
import { RING8 } from './data';
import { onModes, rmsSpread } from './gan-metrics';

const at = (k: number): [number, number] => {
  const t = (2 * Math.PI * k) / RING8.modes;
  return [RING8.radius * Math.cos(t), RING8.radius * Math.sin(t)];
};

it('onModes counts the share of points within 3σ of any mode', () => {
  const [x0, y0] = at(0);
  const [x3, y3] = at(3);
  const pts = new Float32Array([x0, y0, x3 + 0.25, y3, 0, 0, x0 + 0.35, y0]);
  expect(onModes(pts)).toBe(0.5);
  expect(onModes(new Float32Array())).toBe(0);
});

it('rmsSpread is the root-mean-square distance from the mean', () => {
  expect(rmsSpread(new Float32Array([1, 0, -1, 0, 0, 1, 0, -1]))).toBeCloseTo(1, 6);
  expect(rmsSpread(new Float32Array([3, 3, 3, 3]))).toBe(0);
});
