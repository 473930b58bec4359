/**
 * Image mode on a small glyph set made here from simple shapes (bars, boxes, crosses at a few
 * places): the image settings train without NaN and the samples move towards the data.
 */
import { beforeAll, expect, it } from 'vitest';
import { ganLab, GAN_DEFAULTS, GAN_IMAGE_SETTINGS, type GanSettings } from './gan';
import { labsTf, tf } from './tf';
import type { Dataset } from './types';

const SIDE = 16;

function shapes(n: number): Dataset {
  const points = new Float32Array(n * SIDE * SIDE);
  for (let i = 0; i < n; i++) {
    const o = 3 + (i % 4);
    const kind = Math.floor(i / 4) % 3;
    for (let y = 0; y < SIDE; y++) {
      for (let x = 0; x < SIDE; x++) {
        const bar = kind === 0 && x >= o && x < o + 3 && y > 2 && y < 13;
        const box =
          kind === 1 &&
          x >= o &&
          x <= o + 6 &&
          y >= 3 &&
          y <= 12 &&
          (x === o || x === o + 6 || y === 3 || y === 12);
        const cross = kind === 2 && (x === o + 3 || y === o + 3);
        points[i * SIDE * SIDE + y * SIDE + x] = bar || box || cross ? 1 : 0;
      }
    }
  }
  return {
    dim: SIDE * SIDE,
    side: SIDE,
    points,
    source: { kind: 'glyphs', chars: 'shapes', fonts: [], size: SIDE },
  };
}

beforeAll(async () => {
  await labsTf();
});

it('the image settings train on glyphs without NaN and the samples move towards the data', async () => {
  const data = shapes(120);
  // The image settings with a smaller batch, so the test stays quick.
  const settings: GanSettings = { ...GAN_DEFAULTS, ...GAN_IMAGE_SETTINGS, batchSize: 16 };
  const e = await ganLab.create({ settings, data, seed: 4 });
  const before = e.metrics();
  const first = e.train(40);
  const losses = e.train(40);
  const after = e.metrics();
  for (const v of [...Object.values(first), ...Object.values(losses), ...Object.values(after)])
    expect(Number.isFinite(v)).toBe(true);
  expect(Object.keys(after).sort()).toEqual(['dFake', 'dReal', 'swd']);
  expect(after.swd).toBeLessThan(before.swd! * 0.75);

  const tensors = tf.memory().numTensors;
  const v = e.view({ samples: 500 });
  expect(tf.memory().numTensors).toBe(tensors);
  expect(v.count).toBe(64);
  expect(v.side).toBe(SIDE);
  expect(v.samples).toHaveLength(64 * 256);
  expect(v.scores).toHaveLength(64);
  expect([v.heatmap, v.manifold, v.gradients]).toEqual([undefined, undefined, undefined]);
  for (const p of v.samples) expect(p >= 0 && p <= 1).toBe(true);
  e.dispose();
}, 20_000);
