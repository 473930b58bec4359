import { describe, expect, it } from 'vitest';
import { preset, RING8 } from './data';
import { fitGaussian, modesCovered, sampleGaussian, slicedWasserstein, swdGaussian } from './metrics';

describe('slicedWasserstein', () => {
  it('is 0 for a set against itself and grows with a shift', () => {
    const a = preset('two-moons', 800, 1).points;
    expect(slicedWasserstein(a, a, 2)).toBeCloseTo(0, 6);
    const shifted = a.map((v, i) => (i % 2 === 0 ? v + 1 : v));
    const d = slicedWasserstein(a, shifted, 2);
    // a shift of 1 along x projects to |cos θ| on average: 2/π
    expect(d).toBeGreaterThan(0.55);
    expect(d).toBeLessThan(0.75);
  });

  it('two samples of the same data are closer than the data and its Gaussian fit', () => {
    const a = preset('ring8', 2000, 1).points;
    const b = preset('ring8', 2000, 2).points;
    expect(slicedWasserstein(a, b, 2)).toBeLessThan(swdGaussian(a) / 3);
  });
});

describe('Gaussian fit', () => {
  it('recovers a known mean and covariance', () => {
    const g = { mean: [1, -2] as [number, number], cov: [2, 0.6, 0.5] as [number, number, number] };
    const s = sampleGaussian(g, 20000, 5);
    const fit = fitGaussian(s);
    expect(fit.mean[0]).toBeCloseTo(1, 1);
    expect(fit.mean[1]).toBeCloseTo(-2, 1);
    expect(fit.cov[0]).toBeCloseTo(2, 1);
    expect(fit.cov[1]).toBeCloseTo(0.6, 1);
    expect(fit.cov[2]).toBeCloseTo(0.5, 1);
  });
});

describe('modesCovered', () => {
  it('counts all 8 modes of the real ring and one for points on one mode', () => {
    expect(modesCovered(preset('ring8', 2000, 3).points)).toBe(8);
    const one = new Float32Array(2000 * 2);
    for (let i = 0; i < 2000; i++) one[2 * i] = RING8.radius;
    expect(modesCovered(one)).toBe(1);
  });

  it('a mode needs 2 % of the samples', () => {
    const s = new Float32Array(1000 * 2);
    for (let i = 0; i < 1000; i++) {
      // 985 on mode 0, 15 (1.5 %) on mode 2 (at (0, 2))
      if (i < 985) s[2 * i] = RING8.radius;
      else s[2 * i + 1] = RING8.radius;
    }
    expect(modesCovered(s)).toBe(1);
    expect(modesCovered(s, 0.01)).toBe(2);
  });
});
