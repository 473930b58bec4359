import { expect, test } from 'vitest';
import { preset } from '../../../../preload/labs/data';
import type { CheckContext } from '../lab-def';
import { FLOW_CHECKS } from './checks';

const data = preset('two-moons', 50, 0);
const ctx = (metrics: Record<string, number>, iteration = 2000): CheckContext => ({
  metrics,
  iteration,
  settings: {},
  losses: {},
  data,
});
const check = (id: string) => FLOW_CHECKS.find((c) => c.id === id)!;

test('density off the data counts only on a trained flow, from 15 %', () => {
  const c = check('flow-off-data');
  expect(c.verify(ctx({ massOffData: 0.3 }, 0)).passed).toBe(false);
  expect(c.verify(ctx({ massOffData: 0.3 }, 0)).detail).toContain('Train at least 300 steps');
  expect(c.verify(ctx({ massOffData: 0.05 })).passed).toBe(false);
  const ok = c.verify(ctx({ massOffData: 0.22 }));
  expect(ok.passed).toBe(true);
  expect(ok.detail).toContain('22.0 %');
  expect(() => c.verify(ctx({}))).toThrow('massOffData');
});

test('beating the Gaussian compares the two distances', () => {
  const c = check('flow-beat-gaussian');
  expect(c.verify(ctx({ swd: 0.08, swdGaussian: 0.17 })).passed).toBe(true);
  expect(c.verify(ctx({ swd: 0.2, swdGaussian: 0.17 })).passed).toBe(false);
  expect(c.verify(ctx({ swd: 0.08, swdGaussian: 0.17 }, 0)).passed).toBe(false);
});

test('the density must still sum to 1 within 2 % after 1000 steps', () => {
  const c = check('flow-density');
  expect(c.verify(ctx({ densityIntegral: 0.991 })).passed).toBe(true);
  expect(c.verify(ctx({ densityIntegral: 0.75 })).passed).toBe(false);
  const early = c.verify(ctx({ densityIntegral: 1 }, 200));
  expect(early.passed).toBe(false);
  expect(early.detail).toContain('now 200');
});
