import { beforeAll, expect, it } from 'vitest';
import { Rng } from '../rng';
import { PLANE } from './data';
import { discriminate, ganNets } from './gan-model';
import { GAN_DEFAULTS, type GanLoss } from './gan-settings';
import { clampInt, ganView, manifoldLatents, MANIFOLD_RANGE, planeGrid } from './gan-view';
import { normals } from './nn';
import { labsTf, tf } from './tf';

beforeAll(async () => {
  await labsTf();
});

it('the heatmap grid runs left to right, top (y = +PLANE) to bottom, at cell centres', () => {
  const g = planeGrid(4);
  expect(Array.from(g.slice(0, 4))).toEqual([-PLANE + 1, PLANE - 1, -PLANE + 3, PLANE - 1]);
  expect(Array.from(g.slice(-2))).toEqual([PLANE - 1, -PLANE + 1]);
});

it('the manifold is a grid of lines over the first two noise coordinates, the others 0', () => {
  const m = manifoldLatents(3);
  expect(m.lines).toBe(22);
  const row = (l: number, k: number) =>
    Array.from(m.z.slice((l * m.points + k) * 3, (l * m.points + k) * 3 + 3));
  expect(row(0, 0)).toEqual([-MANIFOLD_RANGE, -MANIFOLD_RANGE, 0]);
  expect(row(0, m.points - 1)).toEqual([MANIFOLD_RANGE, -MANIFOLD_RANGE, 0]);
  expect(row(11, m.points - 1)).toEqual([-MANIFOLD_RANGE, MANIFOLD_RANGE, 0]);
  const line = manifoldLatents(1);
  expect(line.lines).toBe(1);
  expect(line.z[0]).toBe(-MANIFOLD_RANGE);
  expect(line.z[line.points - 1]).toBe(MANIFOLD_RANGE);
});

it('clampInt rounds, clamps and falls back', () => {
  expect(clampInt(undefined, 5, 0, 10)).toBe(5);
  expect(clampInt(NaN, 5, 0, 10)).toBe(5);
  expect(clampInt(12.6, 5, 0, 10)).toBe(10);
  expect(clampInt(2.4, 5, 0, 10)).toBe(2);
});

it.each(['nonsaturating', 'wgan-gp'] as GanLoss[])(
  '%s: each arrow points where the discriminator says "more real"',
  (loss) => {
    const nets = ganNets(new Rng(9), { ...GAN_DEFAULTS, loss }, 2);
    const noise = normals(new Rng(10), 2000, 2);
    const v = ganView(
      { nets, loss, noiseDim: 2, dim: 2, iteration: 0, noise },
      { samples: 150, grid: 0, manifold: false },
    );
    const n = 150;
    const moved = new Float32Array(2 * n);
    for (let i = 0; i < n; i++) {
      const gx = v.gradients![2 * i]!;
      const gy = v.gradients![2 * i + 1]!;
      const norm = Math.hypot(gx, gy) || 1;
      moved[2 * i] = v.samples[2 * i]! + (1e-3 * gx) / norm;
      moved[2 * i + 1] = v.samples[2 * i + 1]! + (1e-3 * gy) / norm;
    }
    const judge = (xy: Float32Array) => tf.tidy(() => discriminate(nets, tf.tensor2d(xy, [n, 2])).dataSync());
    const before = judge(v.samples.slice(0, 2 * n));
    const after = judge(moved);
    let up = 0;
    for (let i = 0; i < n; i++) if (after[i]! > before[i]!) up++;
    expect(up).toBe(n);
    for (const net of [nets.g, nets.d]) for (const l of net.layers) [l.w, l.b].forEach((t) => t.dispose());
  },
);
