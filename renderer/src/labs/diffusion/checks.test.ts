import { expect, test } from 'vitest';
import { preset } from '../../../../preload/labs/data';
import { goneStep, makeSchedule } from '../../../../preload/labs/diffusion-schedule';
import type { CheckContext } from '../lab-def';
import { DIFFUSION_CHECKS, goneWindow } from './checks';

const data = preset('two-moons', 50, 0);
const settings = { steps: 100, schedule: 'linear' };
const ctx = (metrics: Record<string, number>, iteration = 1000): CheckContext => ({
  metrics,
  iteration,
  settings,
  losses: {},
  data,
});
const check = (id: string) => DIFFUSION_CHECKS.find((x) => x.id === id)!;

test('beating the Gaussian, with DDIM in its usual steps and in 10', () => {
  expect(check('diffusion-beat-gaussian').verify(ctx({ swd: 0.1, swdGaussian: 0.17 })).passed).toBe(true);
  expect(check('diffusion-beat-gaussian').verify(ctx({ swd: 0.1, swdGaussian: 0.17 }, 0)).passed).toBe(false);
  expect(check('diffusion-ddim-10').verify(ctx({ swdDdim10: 0.2, swdGaussian: 0.17 })).passed).toBe(false);
  expect(check('diffusion-ddim-10').verify(ctx({ swdDdim10: 0.12, swdGaussian: 0.17 })).passed).toBe(true);
});

test('the data is gone from the first step where √ᾱ ≤ 0.1, and a few steps after', () => {
  const c = check('diffusion-data-gone');
  const gone = goneStep(makeSchedule('linear', 100));
  expect(Math.sqrt(makeSchedule('linear', 100).alphaBar[gone]!)).toBeLessThanOrEqual(0.1);
  expect(Math.sqrt(makeSchedule('linear', 100).alphaBar[gone - 1]!)).toBeGreaterThan(0.1);
  expect(() => c.verify(ctx({ goneT: gone }))).toThrow('t slider');
  const early = c.verify(ctx({ goneT: gone, shownT: gone - 10 }));
  expect(early.passed).toBe(false);
  expect(early.detail).toContain('go further');
  expect(c.verify(ctx({ goneT: gone, shownT: gone })).passed).toBe(true);
  expect(c.verify(ctx({ goneT: gone, shownT: gone + goneWindow(100) })).passed).toBe(true);
  const late = c.verify(ctx({ goneT: gone, shownT: 100 }));
  expect(late.passed).toBe(false);
  expect(late.detail).toContain('long gone');
});
