import { describe, expect, it } from 'vitest';
import { drawn, preset } from '../../../../preload/labs/data';
import type { CheckContext } from '../lab-def';
import { COLLAPSE_RECIPE, verifyBeatGaussian, verifyCollapse, verifyCoverAll } from './checks';

const ring = preset('ring8', 50, 1);
const ctx = (metrics: Record<string, number>, iteration = 1000, data = ring): CheckContext => ({
  metrics,
  settings: {},
  iteration,
  losses: {},
  data,
});

describe('collapse', () => {
  it('passes when the samples bunch on one or two modes after enough training', () => {
    expect(verifyCollapse(ctx({ modesCovered: 1, spread: 0.01, onModes: 1 })).passed).toBe(true);
    expect(verifyCollapse(ctx({ modesCovered: 0, spread: 0.05, onModes: 0 })).passed).toBe(true);
    expect(verifyCollapse(ctx({ modesCovered: 2, spread: 1, onModes: 0.9 })).passed).toBe(true);
  });

  it('does not pass for a spread-out generator, a fresh one, or another data set', () => {
    expect(verifyCollapse(ctx({ modesCovered: 2, spread: 1, onModes: 0.1 })).passed).toBe(false);
    expect(verifyCollapse(ctx({ modesCovered: 3, spread: 0.1, onModes: 1 })).passed).toBe(false);
    expect(verifyCollapse(ctx({ modesCovered: 1, spread: 0.01, onModes: 1 }, 100)).passed).toBe(false);
    const other = verifyCollapse(
      ctx(
        { modesCovered: 1, spread: 0.01, onModes: 1 },
        1000,
        drawn([
          [0, 0],
          [1, 1],
        ]),
      ),
    );
    expect(other).toEqual({ passed: false, detail: expect.stringContaining('Ring of 8') });
    expect(verifyCollapse(ctx({})).detail).toBe('Not measured yet.');
  });

  it('names the collapse settings in words', () => {
    expect(COLLAPSE_RECIPE).toBe(
      'the non-saturating loss, noise dimension 1, learning rate 0.005, G learning rate × 20, D steps per G step 1',
    );
  });
});

it('covering the ring needs all 8 modes', () => {
  expect(verifyCoverAll(ctx({ modesCovered: 8 })).passed).toBe(true);
  expect(verifyCoverAll(ctx({ modesCovered: 7 }))).toEqual({
    passed: false,
    detail: expect.stringContaining('7 of 8'),
  });
});

it('beating the Gaussian compares the two distances on 2-D data', () => {
  expect(verifyBeatGaussian(ctx({ swd: 0.1, swdGaussian: 0.3 })).passed).toBe(true);
  expect(verifyBeatGaussian(ctx({ swd: 0.4, swdGaussian: 0.3 })).passed).toBe(false);
  expect(verifyBeatGaussian(ctx({ swd: 0.1, swdGaussian: 0.3 }, 0)).passed).toBe(false);
});
