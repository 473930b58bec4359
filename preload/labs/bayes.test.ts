import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bayesLab, type BayesView } from './bayes';
import { BAYES_DEFAULTS } from './bayes-types';
import { preset } from './data';
import type { LabEngine } from './types';
import { labsTf, tf } from './tf';

const SMALL = { ...BAYES_DEFAULTS, width: 32, batchSize: 64 };
const data = preset('two-moons', 600);
const point = (k: number): [number, number] => [data.points[2 * k]!, data.points[2 * k + 1]!];

let e: LabEngine<BayesView, import('./bayes').BayesRequest>;
beforeAll(async () => {
  await labsTf();
  e = await bayesLab.create({ settings: SMALL, data, seed: 2 });
  e.train(400);
});
afterAll(() => e.dispose());

describe('the Bayesian lab on a trained two-moons VAE', () => {
  it('the grid posterior sums to 1, and nothing is asked before a point is picked', () => {
    expect(e.view({ observed: null }).posterior).toBeNull();
    for (const k of [0, 50]) {
      const p = e.view({ observed: point(k), grid: 48 }).posterior!;
      expect(p.grid.side).toBe(48);
      expect(p.grid.values.length).toBe(48 * 48);
      expect(p.grid.values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
      expect(p.mcmc).toBeNull();
    }
  });

  it('MCMC draws (Metropolis and HMC) have the grid posterior’s mean and variance', () => {
    for (const k of [0, 50, 123]) {
      for (const method of ['metropolis', 'hmc'] as const) {
        const p = e.view({ observed: point(k), mcmc: { samples: 1000, method } }).posterior!;
        expect(p.mcmc!.count).toBe(1000);
        for (let d = 0; d < 2; d++) {
          const sd = Math.sqrt(p.posteriorVar[d]!);
          // 1000 correlated draws: an effective size of ~200 gives a standard error near 0.07 sd
          expect(Math.abs(p.mcmcMean![d]! - p.posteriorMean[d]!)).toBeLessThan(0.25 * sd);
          expect(p.mcmcVar![d]! / p.posteriorVar[d]!).toBeGreaterThan(0.65);
          expect(p.mcmcVar![d]! / p.posteriorVar[d]!).toBeLessThan(1.5);
        }
      }
    }
  });

  it('the gap log p(x) − ELBO(x) is positive and equals KL(q ‖ p(z|x)) measured on the grid', () => {
    const gaps: number[] = [];
    for (const k of [0, 7, 50, 123, 300]) {
      const n = e.view({ observed: point(k) }).posterior!.numbers;
      gaps.push(n.gap);
      expect(n.gap).toBeGreaterThan(0);
      expect(n.elbo).toBeCloseTo(n.recon - n.kl, 10);
      expect(Math.abs(n.gap - n.klGrid)).toBeLessThan(0.05 + 0.1 * n.gap);
    }
    // far from the data the encoder's guess is poor: a large gap, still matched by the KL
    const far = e.view({ observed: [2.5, -2.5] }).posterior!.numbers;
    expect(far.gap).toBeGreaterThan(2 * Math.max(...gaps));
    expect(Math.abs(far.gap - far.klGrid) / far.gap).toBeLessThan(0.15);
  });

  it('"where did this point come from?" answered three ways agrees: grid MAP, MCMC mean, the encoder', () => {
    for (const k of [0, 50, 123]) {
      const p = e.view({ observed: point(k), mcmc: { samples: 1000, method: 'metropolis' } }).posterior!;
      for (let d = 0; d < 2; d++) {
        const sd = Math.sqrt(p.posteriorVar[d]!);
        expect(Math.abs(p.map[d]! - p.posteriorMean[d]!)).toBeLessThan(0.6 * sd);
        expect(Math.abs(p.mcmcMean![d]! - p.posteriorMean[d]!)).toBeLessThan(0.25 * sd);
        expect(Math.abs(p.q.mean[d]! - p.posteriorMean[d]!)).toBeLessThan(0.5 * sd);
        expect(p.q.sigma[d]! / sd).toBeGreaterThan(0.5);
        expect(p.q.sigma[d]! / sd).toBeLessThan(2);
      }
      // each answer decodes back near the observed point
      const x = point(k);
      expect(Math.hypot(p.decoded.q[0] - x[0], p.decoded.q[1] - x[1])).toBeLessThan(1);
    }
  });

  it('the same observed point gives the same draws; another point other draws', () => {
    const req = { observed: point(9), mcmc: { samples: 300, method: 'metropolis' as const } };
    const a = e.view(req).posterior!.mcmc!.samples;
    const b = e.view({ ...req, grid: 40 }).posterior!.mcmc!.samples;
    expect(b).toEqual(a);
    expect(e.view({ ...req, observed: point(10) }).posterior!.mcmc!.samples).not.toEqual(a);
  });

  it("metrics add the last observed point's gap, grid KL and bimodality, and nothing leaks", () => {
    e.view({ observed: point(3) });
    const m = e.metrics();
    expect(m.elbo).toBeLessThanOrEqual(m.logMarginal!);
    expect(m.pointGap).toBeCloseTo(e.view({ observed: point(3) }).posterior!.numbers.gap, 10);
    expect(m.bimodality).toBeGreaterThanOrEqual(0);
    const before = tf.memory().numTensors;
    e.view({ observed: point(4), mcmc: { samples: 100, method: 'hmc' } });
    e.metrics();
    expect(tf.memory().numTensors).toBe(before);
  });
});

it('the Bayesian lab refuses images and saves like the VAE', async () => {
  await labsTf();
  await expect(
    bayesLab.create({
      settings: SMALL,
      data: { dim: 256, side: 16, points: new Float32Array(256), source: { kind: 'drawn' } },
      seed: 1,
    }),
  ).rejects.toThrow('2-D points');
  const a = await bayesLab.create({ settings: SMALL, data: preset('ring8', 200), seed: 4 });
  a.train(5);
  const b = await bayesLab.create({
    settings: SMALL,
    data: preset('ring8', 200),
    seed: 4,
    weights: a.save(),
    iteration: 5,
  });
  const req = { observed: [1, 1] as [number, number], mcmc: { samples: 100, method: 'metropolis' as const } };
  expect(b.view(req).posterior!.mcmc!.samples).toEqual(a.view(req).posterior!.mcmc!.samples);
  expect(b.train(3)).toEqual(a.train(3));
  a.dispose();
  b.dispose();
});
