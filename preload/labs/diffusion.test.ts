import { beforeAll, describe, expect, test } from 'vitest';
import { preset } from './data';
import {
  createDiffusion,
  DIFFUSION_DEFAULTS,
  DiffusionSettingsSchema,
  goneStep,
  type DiffusionEngine,
} from './diffusion';
import { nearDataMask, planeGrid } from './flow-measure';
import { slicedWasserstein } from './metrics';
import { labsTf, tf } from './tf';
import type { EngineWeights } from './types';

const moons = preset('two-moons', 1000, 0);
/** The seeded default run the trained-model tests share (a few seconds on one core). */
const STEPS = 600;

function meanVar(points: Float32Array): { mean: [number, number]; variance: [number, number] } {
  const n = points.length / 2;
  const mean: [number, number] = [0, 0];
  const variance: [number, number] = [0, 0];
  for (let i = 0; i < n; i++) for (let d = 0; d < 2; d++) mean[d]! += points[2 * i + d]! / n;
  for (let i = 0; i < n; i++)
    for (let d = 0; d < 2; d++) variance[d]! += (points[2 * i + d]! - mean[d]!) ** 2 / n;
  return { mean, variance };
}

/** The share of points that fall in grid cells within 0.3 of some data point. */
function nearData(samples: Float32Array): number {
  const side = 160;
  const mask = nearDataMask(moons.points, side, 0.3);
  const cell = 8 / side;
  let near = 0;
  for (let i = 0; i < samples.length / 2; i++) {
    const c = Math.floor((samples[2 * i]! + 4) / cell);
    const r = Math.floor((4 - samples[2 * i + 1]!) / cell);
    if (c >= 0 && c < side && r >= 0 && r < side && mask[r * side + c]) near++;
  }
  return near / (samples.length / 2);
}

beforeAll(async () => {
  await labsTf();
});

describe(`the default diffusion model after ${STEPS} seeded steps on two moons`, () => {
  let model: DiffusionEngine;
  let metrics: Record<string, number>;

  beforeAll(async () => {
    model = await createDiffusion({ settings: DIFFUSION_DEFAULTS, data: moons, seed: 1 });
    model.train(STEPS);
    metrics = model.metrics();
  });

  test('DDPM and DDIM samples are closer to the data than a Gaussian fitted to it', () => {
    expect(metrics.swd).toBeLessThan(metrics.swdGaussian!);
    const ddpm = model.sample('ddpm', 600).samples;
    expect(slicedWasserstein(ddpm, moons.points, 2)).toBeLessThan(metrics.swdGaussian!);
    const ddim = model.sample('ddim', 600, 50).samples;
    expect(slicedWasserstein(ddim, moons.points, 2)).toBeLessThan(metrics.swdGaussian!);
  });

  test('DDIM in 10 steps still lands near the data', () => {
    expect(metrics.swdDdim10).toBeLessThan(metrics.swdGaussian!);
    const ten = model.sample('ddim', 600, 10);
    expect(ten.steps).toBe(10);
    expect(nearData(ten.samples)).toBeGreaterThan(0.8);
    // Pure noise, for contrast, mostly is not.
    expect(nearData(model.noised(model.T))).toBeLessThan(0.6);
  });

  test('the samplers’ copy of the denoiser gives the training path’s ε̂', () => {
    const x = planeGrid(9);
    const den = model.denoiser();
    for (const t of [1, 37, model.T]) {
      const a = den.eps(x, t);
      const b = model.epsilon(x, t);
      for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(1e-4);
    }
  });

  test('the view: noised data at t, score arrows, trajectories from noise to the samples', () => {
    const v = model.view({ t: 30, arrows: true, sampler: 'ddim', steps: 12, particles: 16, samples: 200 });
    expect(v.t).toBe(30);
    expect(v.alphaBar).toBeCloseTo(model.schedule.alphaBar[30]!, 12);
    expect(Array.from(v.noised)).toEqual(Array.from(model.noised(30)));
    expect(v.arrowAt.length).toBe(v.arrowSide * v.arrowSide * 2);
    expect(v.arrowVec.length).toBe(v.arrowAt.length);
    // The score is −ε̂/σ_t.
    const eps = model.denoiser().eps(v.arrowAt.subarray(0, 2), 30);
    expect(v.arrowVec[0]).toBeCloseTo(-eps[0]! / Math.sqrt(1 - v.alphaBar), 4);
    expect(v.steps).toBe(12);
    expect(v.particles).toBe(16);
    expect(v.trajectories.length).toBe(16 * 13 * 2);
    expect(v.samples.length).toBe(400);
    for (let p = 0; p < 16; p++) {
      const end = (p * 13 + 12) * 2;
      expect([v.trajectories[end], v.trajectories[end + 1]]).toEqual([
        v.samples[2 * p],
        v.samples[2 * p + 1],
      ]);
    }
    // Along the way the particles come from noise onto the data: their distance to the nearest
    // data point falls from the start to the end.
    const nearest = (x: number, y: number): number => {
      let best = Infinity;
      for (let i = 0; i < moons.points.length; i += 2)
        best = Math.min(best, Math.hypot(x - moons.points[i]!, y - moons.points[i + 1]!));
      return best;
    };
    const distanceAt = (step: number): number =>
      Array.from({ length: 16 }, (_, p) =>
        nearest(v.trajectories[(p * 13 + step) * 2]!, v.trajectories[(p * 13 + step) * 2 + 1]!),
      ).reduce((x, y) => x + y) / 16;
    expect(distanceAt(12)).toBeLessThan(distanceAt(0) / 2);

    const ddpm = model.view({ t: 0, arrows: false, sampler: 'ddpm', particles: 8, samples: 50 });
    expect(ddpm.steps).toBe(model.T);
    expect(ddpm.trajectories.length).toBe(8 * (model.T + 1) * 2);
    expect(ddpm.arrowAt.length).toBe(0);
    expect(Array.from(ddpm.noised)).toEqual(Array.from(moons.points));
    expect(model.metrics().shownT).toBe(0);
  });

  test('training, views and metrics leak no tensors', () => {
    const before = tf.memory().numTensors;
    model.train(3);
    model.view({ t: 50, arrows: true });
    model.metrics();
    expect(tf.memory().numTensors).toBe(before);
  });
});

test.each(['linear', 'cosine'] as const)(
  'the %s forward process at t = T is close to N(0, I)',
  async (schedule) => {
    const model = await createDiffusion({
      settings: { ...DIFFUSION_DEFAULTS, schedule },
      data: moons,
      seed: 2,
    });
    const { mean, variance } = meanVar(model.noised(model.T));
    for (const m of mean) expect(Math.abs(m)).toBeLessThan(0.1);
    for (const v of variance) expect(Math.abs(v - 1)).toBeLessThan(0.1);
    // And the data is long gone by then; at t = 0 it is all there.
    expect(goneStep(model.schedule)).toBeLessThan(model.T);
    expect(model.metrics().goneT).toBe(goneStep(model.schedule));
    model.dispose();
  },
);

test('DDPM draws its noise from the seed: the same samples twice, other samples for another seed', async () => {
  const model = await createDiffusion({
    settings: { ...DIFFUSION_DEFAULTS, steps: 20 },
    data: moons,
    seed: 4,
  });
  model.train(5);
  const a = model.sample('ddpm', 50).samples;
  expect(Array.from(model.sample('ddpm', 50).samples)).toEqual(Array.from(a));
  expect(Array.from(model.sample('ddpm', 50, 20, 99).samples)).not.toEqual(Array.from(a));
  model.dispose();
});

test('the same seed and settings replay the same run, bit for bit', async () => {
  const runs = await Promise.all(
    [1, 2].map(() => createDiffusion({ settings: DIFFUSION_DEFAULTS, data: moons, seed: 9 })),
  );
  const losses = runs.map((r) => [r.train(6).loss, r.train(6).loss]);
  expect(losses[0]).toEqual(losses[1]);
  expect(runs[0]!.save()).toEqual(runs[1]!.save());
  expect(runs[0]!.metrics()).toEqual(runs[1]!.metrics());
  for (const r of runs) r.dispose();
});

test('a saved run continues exactly (weights, their average, the optimizer, the random stream)', async () => {
  const settings = { ...DIFFUSION_DEFAULTS, steps: 50 };
  const a = await createDiffusion({ settings, data: moons, seed: 5 });
  a.train(7);
  const saved = JSON.parse(JSON.stringify(a.save())) as EngineWeights;
  const goOn = [a.train(4).loss, a.train(1).loss];
  const b = await createDiffusion({ settings, data: moons, seed: 5, weights: saved, iteration: 7 });
  expect([b.train(4).loss, b.train(1).loss]).toEqual(goOn);
  expect(b.save()).toEqual(a.save());
  expect(b.metrics()).toEqual(a.metrics());
  a.dispose();
  b.dispose();
});

test('settings are checked with messages a person can read', () => {
  expect(DiffusionSettingsSchema.safeParse(DIFFUSION_DEFAULTS).success).toBe(true);
  const steps = DiffusionSettingsSchema.safeParse({ ...DIFFUSION_DEFAULTS, steps: 5 });
  expect(steps.error!.issues[0]!.message).toBe(
    'steps (T, diffusion steps) must be a whole number from 20 to 1000',
  );
  const schedule = DiffusionSettingsSchema.safeParse({ ...DIFFUSION_DEFAULTS, schedule: 'square' });
  expect(schedule.error!.issues[0]!.message).toBe('schedule must be one of linear, cosine');
});
