/**
 * The conditional sampler against a density whose conditionals are known: a correlated Gaussian on
 * the 15-vector. The chains' last states for the free colour must have the conditional mean and
 * covariance (scaled by the temperature for the tempered target); kept colours never move.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../preload/rng';
import { runChains, type ChainSpec } from './mcmc';

const D = 15;

/** A fixed, well-conditioned, correlated covariance: Σ = A Aᵀ + 0.3 I. */
function covariance(): number[][] {
  const rng = new Rng(42);
  const a = Array.from({ length: D }, () => Array.from(rng.fillNormal(new Float32Array(D)), (v) => v * 0.35));
  return a.map((ri, i) => a.map((rj, j) => ri.reduce((s, v, k) => s + v * rj[k]!, 0) + (i === j ? 0.3 : 0)));
}

/** The inverse of a symmetric positive definite matrix (Gauss–Jordan). */
function inverse(m: number[][]): number[][] {
  const n = m.length;
  const a = m.map((r, i) => [...r, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    const p = a[c]![c]!;
    for (let j = 0; j < 2 * n; j++) a[c]![j]! /= p;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r]![c]!;
      for (let j = 0; j < 2 * n; j++) a[r]![j]! -= f * a[c]![j]!;
    }
  }
  return a.map((r) => r.slice(n));
}

const sigma = covariance();
const precision = inverse(sigma);
const mean = Array.from({ length: D }, (_, i) => 0.1 * (i % 5) - 0.2);

/** log N(x; mean, Σ) up to a constant, batched like the flow's forward run. */
const gaussian: ChainSpec['logDensity'] = async (states) =>
  states.map((x) => {
    let q = 0;
    for (let i = 0; i < D; i++)
      for (let j = 0; j < D; j++) q += (x[i]! - mean[i]!) * precision[i]![j]! * (x[j]! - mean[j]!);
    return -0.5 * q;
  });

/** The exact conditional of the coordinates `f` given the others at `x`. */
function conditional(f: number[], x: readonly number[]): { mu: number[]; cov: number[][] } {
  const l = Array.from({ length: D }, (_, i) => i).filter((i) => !f.includes(i));
  const sll = inverse(l.map((i) => l.map((j) => sigma[i]![j]!)));
  const sfl = f.map((i) => l.map((j) => sigma[i]![j]!));
  const k = sfl.map((row) => l.map((_, c) => row.reduce((s, v, r) => s + v * sll[r]![c]!, 0)));
  const mu = f.map((i, r) => mean[i]! + l.reduce((s, j, c) => s + k[r]![c]! * (x[j]! - mean[j]!), 0));
  const cov = f.map((i, r) =>
    f.map((j, c) => sigma[i]![j]! - l.reduce((s, lj, t) => s + k[r]![t]! * sigma[lj]![j]!, 0) + 0 * c),
  );
  return { mu, cov };
}

/** The kept colours' values: a point the Gaussian finds plausible, the free colour set far off. */
const start = mean.map((m, i) => m + 0.4 * Math.sin(i + 1));
const freeSlot = 2;
const freeDims = [6, 7, 8];
const chains = 2000;

function moments(states: Float64Array[], dims: number[]): { mu: number[]; cov: number[][] } {
  const mu = dims.map((d) => states.reduce((s, x) => s + x[d]!, 0) / states.length);
  const cov = dims.map((a, i) =>
    dims.map((b, j) => states.reduce((s, x) => s + (x[a]! - mu[i]!) * (x[b]! - mu[j]!), 0) / states.length),
  );
  return { mu, cov };
}

async function sample(temperature: number, seed = 7, init = start) {
  const x0 = [...init];
  for (const d of freeDims) x0[d] = 3; // far from the conditional mean: the chain must get there
  return runChains({
    init: Array.from({ length: chains }, () => x0),
    free: [freeSlot],
    step: new Array<number>(D).fill(0.3),
    temperature,
    seed,
    sweeps: 80,
    adaptSweeps: 30,
    logDensity: gaussian,
  });
}

describe('Metropolis-within-Gibbs over one free colour of a Gaussian', () => {
  it('draws from the exact conditional: mean and covariance within tolerance', async () => {
    const r = await sample(1);
    const want = conditional(freeDims, start);
    const got = moments(r.states, freeDims);
    for (let i = 0; i < 3; i++) {
      const sd = Math.sqrt(want.cov[i]![i]!);
      // Standard error of a mean over 2,000 draws is sd/45; allow about 4 of them.
      expect(Math.abs(got.mu[i]! - want.mu[i]!)).toBeLessThan(0.1 * sd);
      expect(got.cov[i]![i]! / want.cov[i]![i]!).toBeGreaterThan(0.85);
      expect(got.cov[i]![i]! / want.cov[i]![i]!).toBeLessThan(1.15);
      for (let j = 0; j < 3; j++)
        expect(Math.abs(got.cov[i]![j]! - want.cov[i]![j]!)).toBeLessThan(
          0.15 * Math.sqrt(want.cov[i]![i]! * want.cov[j]![j]!),
        );
    }
    // The widths adapted to a useful acceptance rate.
    const acc = r.acceptance.reduce((s, a) => s + a, 0) / chains;
    expect(acc).toBeGreaterThan(0.15);
    expect(acc).toBeLessThan(0.6);
    // One batched evaluation per proposal round, plus the start.
    expect(r.evaluations).toBe(81);
  });

  it('the tempered target (temperature 0.5) halves the conditional covariance, same mean', async () => {
    const r = await sample(0.5);
    const want = conditional(freeDims, start);
    const got = moments(r.states, freeDims);
    for (let i = 0; i < 3; i++) {
      const sd = Math.sqrt(want.cov[i]![i]!);
      expect(Math.abs(got.mu[i]! - want.mu[i]!)).toBeLessThan(0.1 * sd);
      const ratio = got.cov[i]![i]! / (0.5 * want.cov[i]![i]!);
      expect(ratio).toBeGreaterThan(0.82);
      expect(ratio).toBeLessThan(1.18);
    }
  });

  it('temperature 0 climbs to the conditional mode', async () => {
    const r = await sample(0);
    const want = conditional(freeDims, start);
    const got = moments(r.states, freeDims);
    for (let i = 0; i < 3; i++) {
      expect(Math.abs(got.mu[i]! - want.mu[i]!)).toBeLessThan(0.05 * Math.sqrt(want.cov[i]![i]!));
      expect(got.cov[i]![i]!).toBeLessThan(0.15 * want.cov[i]![i]!);
    }
  });

  it('never moves a kept colour, and replays with the same seed', async () => {
    const a = await sample(1, 11);
    const b = await sample(1, 11);
    const c = await sample(1, 12);
    for (const x of a.states)
      for (let d = 0; d < D; d++)
        if (!freeDims.includes(d)) expect(x[d]).toBe(d >= 6 && d <= 8 ? 3 : start[d]);
    expect(a.states.slice(0, 50).map((x) => Array.from(x))).toEqual(
      b.states.slice(0, 50).map((x) => Array.from(x)),
    );
    expect(a.states[0]).not.toEqual(c.states[0]);
  });

  it('refuses proposals outside the allowed set and never ends there', async () => {
    const r = await runChains({
      init: Array.from({ length: 200 }, () => start),
      free: [0, 4],
      step: new Array<number>(D).fill(0.5),
      temperature: 1,
      seed: 3,
      sweeps: 30,
      adaptSweeps: 10,
      logDensity: gaussian,
      // Only colours with a first coordinate above the start's are allowed.
      inside: (lab) => lab[0] >= -0.5,
    });
    for (const x of r.states) {
      expect(x[0]).toBeGreaterThanOrEqual(-0.5);
      expect(x[12]).toBeGreaterThanOrEqual(-0.5);
    }
  });

  it('moves several free colours, each in turn', async () => {
    const r = await runChains({
      init: Array.from({ length: 1500 }, () => start),
      free: [1, 3],
      step: new Array<number>(D).fill(0.3),
      temperature: 1,
      seed: 5,
      sweeps: 80,
      adaptSweeps: 30,
      logDensity: gaussian,
    });
    const dims = [3, 4, 5, 9, 10, 11];
    const want = conditional(dims, start);
    const got = moments(r.states, dims);
    for (let i = 0; i < dims.length; i++) {
      const sd = Math.sqrt(want.cov[i]![i]!);
      expect(Math.abs(got.mu[i]! - want.mu[i]!)).toBeLessThan(0.12 * sd);
      expect(got.cov[i]![i]! / want.cov[i]![i]!).toBeGreaterThan(0.8);
      expect(got.cov[i]![i]! / want.cov[i]![i]!).toBeLessThan(1.2);
    }
    expect(r.evaluations).toBe(1 + 80 * 2);
  });
});
