import { expect, test } from 'vitest';
import {
  DENSITY_SPAN,
  densityColor,
  densityLevel,
  heatmapPixels,
  layerLabel,
  probeReadout,
  sweepLayer,
} from './picture';

test('the colour map runs from the canvas colour to warm yellow, clamped', () => {
  expect(densityColor(0)).toEqual([20, 20, 26]);
  expect(densityColor(1)).toEqual([250, 214, 96]);
  expect(densityColor(-3)).toEqual(densityColor(0));
  expect(densityColor(NaN)).toEqual(densityColor(0));
  expect(densityColor(7)).toEqual(densityColor(1));
  // Brighter as density grows.
  const lum = (t: number): number => densityColor(t).reduce((a, b) => a + b, 0);
  for (let t = 0.1; t <= 1; t += 0.1) expect(lum(t)).toBeGreaterThan(lum(t - 0.1));
});

test('levels: the peak at 1, DENSITY_SPAN nats below it at 0, −∞ at 0', () => {
  expect(densityLevel(-1, -1)).toBe(1);
  expect(densityLevel(-1 - DENSITY_SPAN, -1)).toBeCloseTo(0, 12);
  expect(densityLevel(-Infinity, -1)).toBe(0);
});

test('heatmap pixels: one opaque RGBA pixel per cell, the buffer reused when it fits', () => {
  const lp = Float32Array.from([-1, -6, -11, -Infinity]);
  const px = heatmapPixels(lp, -1);
  expect(px.length).toBe(16);
  expect(Array.from(px.subarray(0, 4))).toEqual([...densityColor(1), 255]);
  expect(Array.from(px.subarray(12, 16))).toEqual([...densityColor(0), 255]);
  expect(heatmapPixels(lp, -1, px)).toBe(px);
});

test('the sweep eases from the base to the last layer and holds there', () => {
  expect(sweepLayer(0, 8, 1000)).toBe(0);
  expect(sweepLayer(500, 8, 1000)).toBeCloseTo(4, 12);
  expect(sweepLayer(1000, 8, 1000)).toBe(8);
  expect(sweepLayer(5000, 8, 1000)).toBe(8);
  expect(sweepLayer(100, 8, 1000)).toBeLessThan(0.8);
});

test('layer words', () => {
  expect(layerLabel(0, 8)).toBe('Base N(0, I)');
  expect(layerLabel(3, 8)).toBe('After 3 of 8 layers');
  expect(layerLabel(2.25, 8)).toBe('After 2.3 of 8 layers');
  expect(layerLabel(8, 8)).toBe('Data space (all 8 layers)');
});

test('the probe readout names the verdict and gives the exact numbers', () => {
  expect(probeReadout(null).state).toBe('none');
  const r = probeReadout({
    x: [1, -0.5],
    logDensity: -7.25,
    z: [2.5, -3],
    logDet: 1.125,
    percentile: 0.4,
    typical: false,
  });
  expect(r.state).toBe('outlier');
  expect(Object.fromEntries(r.rows)).toMatchObject({
    x: '(1.00, -0.50)',
    'log p(x)': '-7.250',
    'z = f(x)': '(2.50, -3.00)',
    'log |det J|': '1.125',
  });
  expect(
    probeReadout({ x: [0, 0], logDensity: -1, z: [0, 0], logDet: 0, percentile: 40, typical: true }).state,
  ).toBe('typical');
});
