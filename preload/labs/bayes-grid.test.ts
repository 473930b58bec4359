import { expect, it } from 'vitest';
import { bimodality, gridKl, gridMap, gridMoments, gridPosterior } from './bayes-grid';
import { latentGrid } from './vae-quad';

/** log of a (mixture of) Gaussian bumps' mass on a grid's cells, unnormalised. */
function logBumps(side: number, bumps: { at: [number, number]; sd: number; w: number }[]) {
  const grid = latentGrid(2, side, 4);
  const logJoint = new Float64Array(grid.count);
  for (let g = 0; g < grid.count; g++) {
    let p = 0;
    for (const b of bumps) {
      const r2 = (grid.z[2 * g]! - b.at[0]) ** 2 + (grid.z[2 * g + 1]! - b.at[1]) ** 2;
      p += b.w * Math.exp((-0.5 * r2) / b.sd ** 2);
    }
    logJoint[g] = Math.log(p) - 3; // any constant: log p(x) absorbs it
  }
  return { grid, logJoint };
}

it('the grid posterior sums to 1 and its moments, mode and log p(x) are those of the bump', () => {
  const { grid, logJoint } = logBumps(64, [{ at: [1, -0.5], sd: 0.4, w: 1 }]);
  const { values, logPx } = gridPosterior(logJoint);
  expect(values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  // Σ exp(log joint) = e^-3 · Σ_cells bump = e^-3 · 2π·0.16 / cell area
  expect(logPx).toBeCloseTo(-3 + Math.log((2 * Math.PI * 0.16) / grid.h ** 2), 4);
  const m = gridMoments(values, grid.z);
  expect(m.mean[0]).toBeCloseTo(1, 3);
  expect(m.mean[1]).toBeCloseTo(-0.5, 3);
  expect(m.variance[0]).toBeCloseTo(0.16, 5);
  const map = gridMap(values, grid.z);
  expect(Math.hypot(map[0] - 1, map[1] + 0.5)).toBeLessThan(grid.h);
});

it('KL(q ‖ p) on the grid is 0 for q = p and the Gaussian KL otherwise', () => {
  const { grid, logJoint } = logBumps(96, [{ at: [0.5, 0.5], sd: 0.5, w: 1 }]);
  const { logPx } = gridPosterior(logJoint);
  expect(gridKl({ mean: [0.5, 0.5], sigma: [0.5, 0.5] }, logJoint, logPx, grid.z)).toBeCloseTo(0, 6);
  // KL(N(μq, s²) ‖ N(μp, S²)) per dimension = log(S/s) + (s² + Δ²)/(2S²) − ½
  const kl = (s: number, S: number, d: number) => Math.log(S / s) + (s * s + d * d) / (2 * S * S) - 0.5;
  const want = kl(0.3, 0.5, 0.2) + kl(0.6, 0.5, 0);
  expect(gridKl({ mean: [0.7, 0.5], sigma: [0.3, 0.6] }, logJoint, logPx, grid.z)).toBeCloseTo(want, 3);
});

it('bimodality: 0 for one bump, high for two separated bumps, low when they merge', () => {
  const one = gridPosterior(logBumps(64, [{ at: [0, 0], sd: 0.5, w: 1 }]).logJoint).values;
  expect(bimodality(one, 64).score).toBe(0);
  expect(bimodality(one, 64).peaks).toHaveLength(1);
  const two = gridPosterior(
    logBumps(64, [
      { at: [-1.5, 0], sd: 0.4, w: 1 },
      { at: [1.5, 1], sd: 0.4, w: 0.6 },
    ]).logJoint,
  ).values;
  const b = bimodality(two, 64);
  expect(b.score).toBeGreaterThan(0.5);
  expect(b.score).toBeLessThan(0.65);
  expect(b.peaks).toHaveLength(2);
  const merged = gridPosterior(
    logBumps(64, [
      { at: [-0.3, 0], sd: 0.5, w: 1 },
      { at: [0.3, 0], sd: 0.5, w: 1 },
    ]).logJoint,
  ).values;
  expect(bimodality(merged, 64).score).toBeLessThan(0.05);
});
