import { expect, it } from 'vitest';
import { Rng } from '../rng';
import { hmc, metropolis, sampleMoments, type Target } from './mcmc';

/** A correlated, elongated Gaussian: mean (1, −2), σ (2, 0.1), correlation 0.8. */
function gaussian(): Target & { mean: number[]; variance: number[] } {
  const [m0, m1, s0, s1, r] = [1, -2, 2, 0.1, 0.8];
  const det = 1 - r * r;
  const quad = (z: Float64Array) => {
    const a = (z[0]! - m0) / s0;
    const b = (z[1]! - m1) / s1;
    return { a, b, q: (a * a - 2 * r * a * b + b * b) / det };
  };
  return {
    dim: 2,
    mean: [m0, m1],
    variance: [s0 * s0, s1 * s1],
    logDensity: (z) => -0.5 * quad(z).q,
    gradient(z, g) {
      const { a, b, q } = quad(z);
      g[0] = -((a - r * b) / det) / s0;
      g[1] = -((b - r * a) / det) / s1;
      return -0.5 * q;
    },
  };
}

const starts = (rng: Rng) =>
  Array.from({ length: 4 }, () => Float64Array.from(rng.fillNormal(new Float32Array(2)), (v) => 3 * v));

it('Metropolis and HMC draws have the target’s mean and variance (within a few standard errors)', () => {
  const t = gaussian();
  for (const sample of [metropolis, hmc]) {
    const rng = new Rng(11);
    const r = sample(t, { samples: 4000, starts: starts(rng), rng, step: 0.5 });
    expect(r.count).toBe(4000);
    const m = sampleMoments(r.samples, 2);
    for (let d = 0; d < 2; d++) {
      const sd = Math.sqrt(t.variance[d]!);
      // draws are correlated: allow an effective sample size of a few hundred
      expect(Math.abs(m.mean[d]! - t.mean[d]!)).toBeLessThan(0.15 * sd);
      expect(m.variance[d]! / t.variance[d]!).toBeGreaterThan(0.75);
      expect(m.variance[d]! / t.variance[d]!).toBeLessThan(1.3);
    }
    expect(r.acceptance).toBeGreaterThan(0.2);
    expect(r.acceptance).toBeLessThan(0.95);
  }
});

it('the same stream gives the same draws', () => {
  const t = gaussian();
  const run = () => {
    const rng = new Rng(3);
    return metropolis(t, { samples: 200, starts: starts(rng), rng, step: 1 }).samples;
  };
  expect(run()).toEqual(run());
});

it('chains started on both sides of a two-bump target find both bumps', () => {
  const bump = (z: Float64Array, c: number) => (-0.5 * ((z[0]! - c) ** 2 + z[1]! ** 2)) / 0.09;
  const t: Target = {
    dim: 2,
    logDensity: (z) =>
      Math.max(bump(z, -2), bump(z, 2)) + Math.log1p(Math.exp(-Math.abs(bump(z, -2) - bump(z, 2)))),
  };
  const rng = new Rng(1);
  const r = metropolis(t, {
    samples: 800,
    starts: [-3, 3, -1, 1].map((x) => Float64Array.of(x, 0)),
    rng,
    step: 0.3,
  });
  let left = 0;
  for (let i = 0; i < r.count; i++) if (r.samples[2 * i]! < 0) left++;
  expect(left / r.count).toBeGreaterThan(0.25);
  expect(left / r.count).toBeLessThan(0.75);
});
