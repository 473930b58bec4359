import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preset } from './data';
import { labsTf, tf } from './tf';
import { VAE_DEFAULTS, VaeEngine, vaeLab, type VaeSettings } from './vae';
import { barImages, gaussianData, gaussianLogDensity } from './vae-testing';
import type { VaeImagesView, VaePointsView } from './vae-types';

/** Small nets and batches keep these real runs quick. */
const SMALL: VaeSettings = { ...VAE_DEFAULTS, width: 32, batchSize: 64 };

beforeAll(async () => {
  await labsTf();
});

describe('the VAE engine', () => {
  it('the same seed replays the same losses bit for bit; another seed does not', async () => {
    const run = async (seed: number) => {
      const e = await vaeLab.create({ settings: SMALL, data: preset('two-moons', 300), seed });
      e.train(15);
      const losses = e.train(5);
      const m = e.metrics();
      e.dispose();
      return { losses, m };
    };
    const a = await run(3);
    const b = await run(3);
    expect(b).toEqual(a);
    expect((await run(4)).losses).not.toEqual(a.losses);
    expect(a.losses.elbo).toBeCloseTo(a.losses.recon! - a.losses.kl!, 5);
  });

  it('save() and create() continue exactly where the run that kept going is', async () => {
    const data = preset('ring8', 300);
    for (const optimizer of ['adam', 'sgd', 'rmsprop'] as const) {
      const settings = { ...SMALL, optimizer, learningRate: 0.003 };
      const a = await vaeLab.create({ settings, data, seed: 9 });
      a.train(12);
      const saved = JSON.parse(JSON.stringify(a.save()));
      const b = await vaeLab.create({ settings, data, seed: 9, weights: saved, iteration: a.iteration });
      expect(b.iteration).toBe(12);
      expect(b.train(7)).toEqual(a.train(7));
      expect(b.save()).toEqual(a.save());
      a.dispose();
      b.dispose();
    }
  });

  it('training, views, metrics and the ONNX graph leak no tensors', async () => {
    const e = await vaeLab.create({ settings: SMALL, data: preset('spiral', 200), seed: 1 });
    e.train(2);
    e.view({});
    e.metrics();
    const before = tf.memory().numTensors;
    e.train(5);
    e.view({ points: 50, samples: 100, manifold: true });
    e.metrics();
    e.onnx!();
    e.save();
    expect(tf.memory().numTensors).toBe(before);
    e.dispose();
    const images = await vaeLab.create({
      settings: { ...SMALL, latentDim: 3 },
      data: barImages(20, 1),
      seed: 1,
    });
    images.train(1);
    const mid = tf.memory().numTensors;
    images.train(2);
    images.view({});
    images.metrics();
    expect(tf.memory().numTensors).toBe(mid);
    images.dispose();
  });

  it('settings are checked with readable messages, and a 3-D latent on points is refused', async () => {
    const bad = vaeLab.settings.safeParse({ ...VAE_DEFAULTS, beta: 9 });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.message).toBe('β (weight of the KL term) must be between 0 and 5');
    const lr = vaeLab.settings.safeParse({ ...VAE_DEFAULTS, learningRate: 3 });
    expect(lr.error!.issues[0]!.message).toBe('learning rate must be between 0.00001 and 1');
    expect(vaeLab.settings.safeParse(VAE_DEFAULTS).success).toBe(true);
    await expect(
      vaeLab.create({ settings: { ...SMALL, latentDim: 3 }, data: preset('line', 50), seed: 1 }),
    ).rejects.toThrow('On 2-D points the latent has 1 or 2 dimensions');
  });
});

describe('a trained VAE on two moons', () => {
  let e: VaeEngine;
  beforeAll(() => {
    e = new VaeEngine('vae', SMALL, preset('two-moons', 600), 2);
    e.train(400);
  });
  afterAll(() => e.dispose());

  it('its ELBO (β = 1) stays below the exact log p(x), and both beat the untrained model', () => {
    const m = e.metrics();
    const fresh = new VaeEngine('vae', SMALL, preset('two-moons', 600), 2).metrics();
    expect(m.elbo).toBeLessThanOrEqual(m.logMarginal!);
    expect(m.gap).toBeGreaterThan(0);
    expect(m.gap).toBeLessThan(1);
    expect(m.elbo).toBeGreaterThan(fresh.elbo! + 0.2);
    expect(m.kl).toBeGreaterThan(0.3);
    expect(m.swd).toBeLessThan(m.swdGaussian! * 1.2);
  });

  it('its view gives posteriors, reconstructions, samples and the decoded latent grid', () => {
    const v = e.view({ points: 40, samples: 120 }) as VaePointsView;
    expect(v.mode).toBe('points');
    expect(v.posteriors.count).toBe(40);
    expect(v.posteriors.mu.length).toBe(80);
    expect(v.posteriors.sigma.every((s) => s > 0 && s < 2)).toBe(true);
    expect(v.posteriors.recon.length).toBe(80);
    expect(v.samples.length).toBe(240);
    expect(v.manifold!.values.length).toBe(v.manifold!.lines * v.manifold!.steps * 2);
    expect([...v.samples, ...v.manifold!.values].every(Number.isFinite)).toBe(true);
    // reconstructions sit near their originals (closer than a random pairing would)
    const dist = (a: Float32Array, b: Float32Array, shift: number) => {
      let s = 0;
      for (let i = 0; i < 40; i++) {
        const j = (i + shift) % 40;
        s += Math.hypot(a[2 * i]! - b[2 * j]!, a[2 * i + 1]! - b[2 * j + 1]!);
      }
      return s / 40;
    };
    expect(dist(v.posteriors.x, v.posteriors.recon, 0)).toBeLessThan(
      0.6 * dist(v.posteriors.x, v.posteriors.recon, 17),
    );
    expect((e.view({ manifold: false }) as VaePointsView).manifold).toBeNull();
  });

  it('a large β collapses the posterior: the latent stops carrying information', () => {
    const collapsed = new VaeEngine('vae', { ...SMALL, beta: 4 }, preset('two-moons', 600), 2);
    collapsed.train(250);
    const m = collapsed.metrics();
    expect(m.kl).toBeLessThan(0.05);
    expect(e.metrics().kl).toBeGreaterThan(0.5);
    // the decoder then ignores z: its noise σ_x grows to cover the data alone
    expect(m.sigmaX).toBeGreaterThan(e.metrics().sigmaX! * 1.3);
    collapsed.dispose();
  });
});

it('with a 1-D latent the ELBO stays below the exact log p(x) too (ring of 8)', () => {
  const e = new VaeEngine('vae', { ...SMALL, latentDim: 1 }, preset('ring8', 600), 3);
  e.train(200);
  const m = e.metrics();
  expect(m.elbo).toBeLessThanOrEqual(m.logMarginal!);
  expect(m.gap).toBeLessThan(1);
  const v = e.view({ points: 10 }) as VaePointsView;
  expect(v.posteriors.mu.length).toBe(10);
  expect(v.manifold!.lines).toBe(1);
  e.dispose();
});

it('on data from a known Gaussian, the exact log p(x) comes within 0.1 nats of the true log-density', () => {
  const data = gaussianData(1000);
  const e = new VaeEngine('vae', SMALL, data, 3);
  e.train(250);
  const m = e.metrics();
  // the metrics average over evenly spread rows: every 1000/160-th point
  const rows = Float32Array.from(
    { length: 320 },
    (_, k) => data.points[2 * Math.floor(((k >> 1) * 1000) / 160) + (k & 1)]!,
  );
  const truth = gaussianLogDensity(rows);
  expect(Math.abs(m.logMarginal! - truth)).toBeLessThan(0.1);
  expect(m.elbo).toBeLessThanOrEqual(m.logMarginal!);
  e.dispose();
});

it('image mode trains on 16×16 images without NaN and its reconstructions improve', async () => {
  const data = barImages(64, 2);
  const e = await vaeLab.create({
    settings: { ...SMALL, width: 64, depth: 1, learningRate: 0.005, batchSize: 32 },
    data,
    seed: 1,
  });
  const first = e.metrics();
  e.train(120);
  const after = e.metrics();
  expect(after.recon).toBeGreaterThan(first.recon! + 40);
  expect(after.elbo).toBeGreaterThan(first.elbo!);
  expect(after.logMarginal).toBeUndefined();
  const v = e.view({}) as VaeImagesView;
  expect(v.mode).toBe('images');
  expect(v.side).toBe(16);
  expect(v.originals.length).toBe(v.pairs * 256);
  expect(v.recons.length).toBe(v.pairs * 256);
  expect(v.samples.length).toBe(v.sampleCount * 256);
  expect(v.latentGrid!.length).toBe(64 * 256);
  expect(v.latent.mu.length).toBe(v.latent.count * 2);
  const all = [...v.recons, ...v.samples, ...v.latentGrid!];
  expect(all.every((p) => Number.isFinite(p) && p >= 0 && p <= 1)).toBe(true);
  e.dispose();
});
