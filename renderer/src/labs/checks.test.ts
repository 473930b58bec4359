import { describe, expect, it } from 'vitest';
import type { CheckContext, CheckDef } from './lab-def';
import { evaluateChecks, sameResults } from './checks';

const beat: CheckDef = {
  id: 'beat',
  title: 'Beat the Gaussian',
  hint: '',
  verify: (c) => ({ passed: c.metrics.swd! < c.metrics.swdGaussian!, detail: `swd ${c.metrics.swd}` }),
};
const broken: CheckDef = {
  id: 'broken',
  title: '',
  hint: '',
  verify: () => {
    throw new Error('no metric');
  },
};
const ctx = (swd: number): CheckContext => ({
  metrics: { swd, swdGaussian: 0.5 },
  settings: {},
  iteration: 10,
  losses: {},
  data: { dim: 2, points: new Float32Array(4), source: { kind: 'drawn' } },
});

describe('check-yourself tasks', () => {
  it('verify on the live model and stay passed once passed', () => {
    const first = evaluateChecks([beat, broken], ctx(0.9), {});
    expect(first.beat).toEqual({ passed: false, detail: 'swd 0.9' });
    expect(first.broken!.passed).toBe(false);
    expect(first.broken!.detail).toMatch(/no metric/);
    const second = evaluateChecks([beat, broken], ctx(0.2), first);
    expect(second.beat!.passed).toBe(true);
    const third = evaluateChecks([beat, broken], ctx(0.9), second);
    expect(third.beat).toEqual({ passed: true, detail: 'swd 0.2' });
    expect(sameResults(second, third)).toBe(true);
    expect(sameResults(first, second)).toBe(false);
  });
});
