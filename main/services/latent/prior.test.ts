import { describe, expect, it } from 'vitest';
import { normalLogDensity, percentileOf, pickTypical, typicalFactors, TYPICAL_STEPS } from './prior';

describe('percentileOf', () => {
  const q = Array.from({ length: 101 }, (_, i) => -50 + i * 0.5);

  it('interpolates between the quantiles and clamps outside them', () => {
    expect(percentileOf(-50, q)).toBe(0);
    expect(percentileOf(-60, q)).toBe(0);
    expect(percentileOf(0, q)).toBe(100);
    expect(percentileOf(10, q)).toBe(100);
    expect(percentileOf(-25, q)).toBeCloseTo(50, 10);
    expect(percentileOf(-24.75, q)).toBeCloseTo(50.5, 10);
    expect(percentileOf(Number.NaN, q)).toBe(0);
  });

  it('handles ties in the quantiles', () => {
    const flat = [0, 1, 1, 1, 2];
    expect(percentileOf(1, flat)).toBeGreaterThanOrEqual(25);
    expect(percentileOf(1.5, flat)).toBeCloseTo(87.5, 10);
  });
});

describe('nearest typical style', () => {
  it('tries factors from 1 down to 0', () => {
    const f = typicalFactors();
    expect(f).toHaveLength(TYPICAL_STEPS + 1);
    expect(f[0]).toBe(1);
    expect(f.at(-1)).toBe(0);
    expect(f.every((v, i) => i === 0 || v < f[i - 1]!)).toBe(true);
  });

  it('takes the first candidate (the largest factor) that reaches the target, else the most likely', () => {
    expect(pickTypical([10, 30, 55, 70], [-40, -35, -30, -28], 50)).toBe(2);
    expect(pickTypical([10, 30, 45, 40], [-40, -35, -31, -32], 50)).toBe(2);
    expect(pickTypical([60], [-30], 50)).toBe(0);
  });
});

describe('normalLogDensity', () => {
  it('is log N(z; 0, I)', () => {
    expect(normalLogDensity([0, 0])).toBeCloseTo(-Math.log(2 * Math.PI), 12);
    expect(normalLogDensity([1, 2, 3])).toBeCloseTo(-7 - 1.5 * Math.log(2 * Math.PI), 12);
  });
});
