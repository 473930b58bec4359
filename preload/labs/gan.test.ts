import { beforeAll, describe, expect, it } from 'vitest';
import { preset } from './data';
import { ganLab, GAN_DEFAULTS, GanSettingsSchema, type GanSettings, type GanView } from './gan';
import { labsTf, tf } from './tf';
import type { Losses } from './types';

const DATA = preset('ring8', 400, 5);
const settings = (over: Partial<GanSettings> = {}): GanSettings => ({ ...GAN_DEFAULTS, ...over });
const make = (over: Partial<GanSettings> = {}, seed = 3) =>
  ganLab.create({ settings: settings(over), data: DATA, seed });

beforeAll(async () => {
  await labsTf();
});

describe('settings', () => {
  it('accepts the defaults and refuses out-of-range values with a readable message', () => {
    expect(GanSettingsSchema.safeParse(GAN_DEFAULTS).success).toBe(true);
    const bad = GanSettingsSchema.safeParse({ ...GAN_DEFAULTS, noiseDim: 40 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('noise dimension must be a whole number from 1 to 16');
    const loss = GanSettingsSchema.safeParse({ ...GAN_DEFAULTS, loss: 'minimax' });
    expect(loss.error?.issues[0]?.message).toContain('loss must be one of nonsaturating, wgan-gp, hinge');
    expect(GanSettingsSchema.safeParse({ ...GAN_DEFAULTS, learningRate: 2 }).error?.issues[0]?.message).toBe(
      'learning rate must be between 0.00001 and 1',
    );
  });
});

describe('training', () => {
  it.each(['nonsaturating', 'wgan-gp', 'hinge'] as const)(
    '%s: the same seed replays the same losses bit for bit',
    async (loss) => {
      const run = async (): Promise<Losses[]> => {
        const e = await make({ loss, dSteps: 2, batchSize: 16 });
        const out = [e.train(5), e.train(5)];
        e.dispose();
        return out;
      };
      const [a, b] = [await run(), await run()];
      expect(a).toEqual(b);
      expect(Object.keys(a[1]!).sort()).toEqual(loss === 'wgan-gp' ? ['d', 'g', 'gp'] : ['d', 'g']);
      for (const v of Object.values(a[1]!)) expect(Number.isFinite(v)).toBe(true);
      // Another seed trains differently.
      const other = await make({ loss, dSteps: 2, batchSize: 16 }, 4);
      expect(other.train(5)).not.toEqual(a[0]);
      other.dispose();
    },
  );

  it('a saved run continues exactly where it stopped (weights, optimizer state, random stream)', async () => {
    // A small batch keeps the 400 iterations quick; the state saved is the same at any batch.
    const small = settings({ batchSize: 16 });
    const a = await ganLab.create({ settings: small, data: DATA, seed: 3 });
    a.train(200);
    const b = await ganLab.create({
      settings: small,
      data: DATA,
      seed: 3,
      weights: a.save(),
      iteration: a.iteration,
    });
    expect(b.iteration).toBe(200);
    expect(b.train(100)).toEqual(a.train(100));
    expect(b.metrics()).toEqual(a.metrics());
    a.dispose();
    b.dispose();
  });

  it('refuses weights of another shape with a readable error', async () => {
    const a = await make({ noiseDim: 2 });
    await expect(
      ganLab.create({
        settings: settings({ noiseDim: 3 }),
        data: DATA,
        seed: 3,
        weights: a.save(),
        iteration: 0,
      }),
    ).rejects.toThrow(/g\.0\.w are 2×32, this lab needs 3×32/);
    a.dispose();
  });

  it('looking (view, metrics, save) leaks no tensors and does not change training', async () => {
    const quiet = await make({ loss: 'wgan-gp' });
    const looked = await make({ loss: 'wgan-gp' });
    quiet.train(3);
    looked.train(3);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      looked.view({ samples: 300, grid: 16, manifold: true, gradients: true });
      looked.metrics();
      looked.save();
      looked.train(2);
      quiet.train(2);
    }
    expect(tf.memory().numTensors).toBe(before);
    expect(looked.train(1)).toEqual(quiet.train(1));
    quiet.dispose();
    looked.dispose();
  });
});

describe('view', () => {
  it('answers samples, the heatmap, the manifold and arrows with the requested sizes', async () => {
    const e = await make();
    e.train(20);
    const v = e.view({ samples: 300, grid: 20, manifold: true, gradients: true }) as GanView;
    expect(v.count).toBe(300);
    expect(v.samples).toHaveLength(600);
    expect(v.heatmap?.side).toBe(20);
    expect(v.heatmap?.values).toHaveLength(400);
    expect(v.heatmap?.kind).toBe('probability');
    for (const p of v.heatmap!.values) expect(p >= 0 && p <= 1).toBe(true);
    expect(v.manifold!.xy).toHaveLength(v.manifold!.lines * v.manifold!.points * 2);
    expect(v.manifold!.lines).toBe(22);
    expect(v.gradients).toHaveLength(300);
    // The same request twice draws the same picture (the view's noise is fixed).
    expect(e.view({ samples: 300, grid: 20 })).toEqual(v);
    // Layers that are off are not computed.
    const bare = e.view({ samples: 10, grid: 0, manifold: false, gradients: false });
    expect([bare.heatmap, bare.manifold, bare.gradients]).toEqual([undefined, undefined, undefined]);
    e.dispose();
  });

  it('a critic loss draws scores with their range', async () => {
    const e = await make({ loss: 'hinge' });
    e.train(10);
    const hm = e.view({ grid: 12 }).heatmap!;
    expect(hm.kind).toBe('score');
    expect(hm.min).toBe(Math.min(...hm.values));
    expect(hm.max).toBe(Math.max(...hm.values));
    e.dispose();
  });

  it('noise dimension 1 draws its manifold as one line', async () => {
    const e = await make({ noiseDim: 1 });
    const m = e.view({}).manifold!;
    expect(m.lines).toBe(1);
    expect(m.xy).toHaveLength(m.points * 2);
    e.dispose();
  });
});

describe('metrics', () => {
  it('measures the model against the data and the Gaussian bar', async () => {
    const e = await make();
    e.train(10);
    const m = e.metrics();
    expect(Object.keys(m).sort()).toEqual([
      'dFake',
      'dReal',
      'modesCovered',
      'onModes',
      'spread',
      'swd',
      'swdGaussian',
    ]);
    for (const v of Object.values(m)) expect(Number.isFinite(v)).toBe(true);
    expect(m.swdGaussian).toBeGreaterThan(0);
    expect(m.modesCovered).toBeGreaterThanOrEqual(0);
    expect(m.modesCovered).toBeLessThanOrEqual(8);
    e.dispose();
  });
});
