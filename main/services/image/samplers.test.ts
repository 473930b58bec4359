/**
 * The samplers on a toy case with a known answer: data drawn from a Gaussian N(μ, s²), whose
 * exact noise predictor is known in closed form. Sampling with it must give that Gaussian back.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../preload/rng';
import { alphasCumprod, guide, sample, timesteps, type EpsModel } from './samplers';

const MU = 0.3;
const S = 0.5;
const N = 20_000;

const linear = alphasCumprod({ timesteps: 1000, betaSchedule: 'linear', betaStart: 0.0001, betaEnd: 0.02 });

/** E[ε | x_t] when x0 ~ N(μ, s²): √(1−ᾱ)(x_t − √ᾱ μ) / (ᾱ s² + 1 − ᾱ). */
const exact =
  (_alphas: Float64Array, calls: number[] = []): EpsModel =>
  (x, t, _step, a) => {
    calls.push(t);
    const out = new Float32Array(x.length);
    const k = Math.sqrt(1 - a) / (a * S * S + 1 - a);
    for (let i = 0; i < x.length; i++) out[i] = k * (x[i]! - Math.sqrt(a) * MU);
    return Promise.resolve(out);
  };

const noise = (seed: number, n = N): Float32Array => new Rng(seed).fillNormal(new Float32Array(n));
const stats = (x: Float32Array): { mean: number; std: number } => {
  let m = 0;
  for (const v of x) m += v;
  m /= x.length;
  let v2 = 0;
  for (const v of x) v2 += (v - m) ** 2;
  return { mean: m, std: Math.sqrt(v2 / x.length) };
};

describe('schedules', () => {
  it('builds ᾱ from linear and scaled-linear betas (Stable Diffusion’s schedule)', () => {
    expect(linear[0]).toBeCloseTo(0.9999, 6);
    expect(linear[999]).toBeCloseTo(4.04e-5, 6);
    const sd = alphasCumprod({
      timesteps: 1000,
      betaSchedule: 'scaled_linear',
      betaStart: 0.00085,
      betaEnd: 0.012,
    });
    expect(sd[0]).toBeCloseTo(0.99915, 5);
    expect(sd[999]).toBeCloseTo(0.0047, 4);
    for (let i = 1; i < 1000; i++) expect(sd[i]!).toBeLessThan(sd[i - 1]!);
    expect(() => alphasCumprod({ timesteps: 10, betaSchedule: 'squiggly' })).toThrow(/unknown beta schedule/);
  });

  it('visits `steps` timesteps from T−1 down to 0; img2img keeps the last share', () => {
    expect(timesteps(1000, 5)).toEqual([999, 749, 500, 250, 0]);
    expect(timesteps(1000, 1)).toEqual([999]);
    expect(timesteps(1000, 10, 0.3)).toEqual(timesteps(1000, 10).slice(7));
    expect(timesteps(1000, 10, 0.01)).toHaveLength(1);
  });
});

/** Fresh noise for the ancestral and LCM samplers, from its own stream. */
const freshFrom = (seed: number, n = N) => {
  const rng = new Rng(seed);
  return () => rng.fillNormal(new Float32Array(n));
};

describe.each(['ddim', 'euler', 'euler-ancestral', 'lcm'] as const)(
  '%s with the exact denoiser of a Gaussian',
  (sampler) => {
    it('gives the data distribution back (mean and standard deviation)', async () => {
      // LCM's boundary scaling assumes a consistency-distilled model: with an ordinary denoiser
      // it is checked at its own few steps (below), not for the distribution.
      if (sampler === 'lcm') return;
      // Euler ancestral is a first-order SDE solver: its spread converges more slowly in steps.
      const x = await sample({
        sampler,
        alphas: linear,
        steps: sampler === 'euler-ancestral' ? 200 : 50,
        noise: noise(1),
        fresh: freshFrom(11),
        eps: exact(linear),
      });
      const { mean, std } = stats(x);
      expect(mean).toBeCloseTo(MU, 1);
      expect(Math.abs(mean - MU)).toBeLessThan(0.02);
      expect(Math.abs(std - S)).toBeLessThan(0.03);
    });

    it('is deterministic: the same noise gives the same samples; other noise other samples', async () => {
      const run = (seed: number) =>
        sample({
          sampler,
          alphas: linear,
          steps: 20,
          noise: noise(seed, 64),
          fresh: freshFrom(seed + 100, 64),
          eps: exact(linear),
        });
      expect(Array.from(await run(5))).toEqual(Array.from(await run(5)));
      expect(Array.from(await run(6))).not.toEqual(Array.from(await run(5)));
    });

    it('reports every step with the estimate, and stops within one step when cancelled', async () => {
      const controller = new AbortController();
      const calls: number[] = [];
      const seen: number[] = [];
      const run = sample({
        sampler,
        alphas: linear,
        steps: 30,
        noise: noise(2, 16),
        fresh: freshFrom(12, 16),
        eps: exact(linear, calls),
        signal: controller.signal,
        onStep: (step, steps, estimate) => {
          seen.push(step);
          expect(steps).toBe(30);
          expect(estimate).toHaveLength(16);
          if (step === 3) controller.abort();
        },
      });
      await expect(run).rejects.toMatchObject({ code: 'cancelled' });
      expect(seen).toEqual([1, 2, 3]);
      expect(calls).toHaveLength(3);
    });

    it('img2img: a low strength stays near the init image, strength 1 forgets it', async () => {
      if (sampler === 'lcm') return;
      const init = new Float32Array(N).fill(0.9);
      const near = await sample({
        sampler,
        alphas: linear,
        steps: 50,
        strength: 0.1,
        init,
        noise: noise(3),
        fresh: freshFrom(13),
        eps: exact(linear),
      });
      const far = await sample({
        sampler,
        alphas: linear,
        steps: 50,
        strength: 1,
        init,
        noise: noise(3),
        fresh: freshFrom(14),
        eps: exact(linear),
      });
      expect(Math.abs(stats(near).mean - 0.9)).toBeLessThan(0.15);
      expect(Math.abs(stats(far).mean - MU)).toBeLessThan(0.03);
    });

    it('clips the clean estimate for pixel models', async () => {
      const x = await sample({
        sampler,
        alphas: linear,
        steps: 10,
        noise: noise(4, 256),
        fresh: freshFrom(15, 256),
        eps: exact(linear),
        clip: [0, 0.4],
      });
      for (const v of x) {
        expect(v).toBeGreaterThanOrEqual(-1e-6);
        expect(v).toBeLessThanOrEqual(0.4 + 1e-6);
      }
    });
  },
);

describe('classifier-free guidance', () => {
  it('moves from the unconditional prediction toward (and past) the conditional one', () => {
    const out = Float32Array.from([1, 2, 3, 5]);
    expect(Array.from(guide(out, 0))).toEqual([1, 2]);
    expect(Array.from(guide(out, 1))).toEqual([3, 5]);
    expect(Array.from(guide(out, 2))).toEqual([5, 8]);
  });
});
