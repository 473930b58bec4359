import { beforeAll, describe, expect, test } from 'vitest';
import { preset } from './data';
import { createFlow, FLOW_DEFAULTS, FlowSettingsSchema, type FlowEngine } from './flow';
import { densityIntegral, planeGrid } from './flow-measure';
import { LOG_2PI } from './flow-model';
import { baseGridLines, stageAt } from './flow-view';
import { labsTf, tf } from './tf';
import type { EngineWeights } from './types';

const moons = preset('two-moons', 1000, 0);
/** The seeded default run every test of the trained model shares (a few seconds on one core). */
const STEPS = 500;

/** Evenly spread points over most of the plane, to test away from the data too. */
function spread(n: number, extent = 3.5): Float32Array {
  const out = new Float32Array(n * n * 2);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      out[2 * (i * n + j)] = -extent + (2 * extent * (i + 0.37)) / n;
      out[2 * (i * n + j) + 1] = -extent + (2 * extent * (j + 0.61)) / n;
    }
  return out;
}

/** Largest difference relative to the value's size (at least 1): float32 keeps ~7 digits. */
function maxRelDiff(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!) / Math.max(1, Math.abs(b[i]!)));
  return m;
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

/** log|det J| of f at each point by central differences of `f` (row-major points in, z out). */
function numericalLogDet(
  f: (x: Float32Array) => ArrayLike<number>,
  points: Float32Array,
  h: number,
): number[] {
  const out: number[] = [];
  for (let i = 0; i < points.length / 2; i++) {
    const x = points[2 * i]!;
    const y = points[2 * i + 1]!;
    // Four probes in one call: x ± h, y ± h.
    const z = f(new Float32Array([x + h, y, x - h, y, x, y + h, x, y - h]));
    const dxdx = (z[0]! - z[2]!) / (2 * h);
    const dydx = (z[1]! - z[3]!) / (2 * h);
    const dxdy = (z[4]! - z[6]!) / (2 * h);
    const dydy = (z[5]! - z[7]!) / (2 * h);
    out.push(Math.log(Math.abs(dxdx * dydy - dxdy * dydx)));
  }
  return out;
}

beforeAll(async () => {
  await labsTf();
});

test('a fresh flow is the identity, so its density is the base N(0, I)', async () => {
  const flow = await createFlow({ settings: FLOW_DEFAULTS, data: moons, seed: 3 });
  const x = spread(5);
  const { z, logDet } = flow.forward(x);
  expect(maxAbsDiff(z, x)).toBe(0);
  expect(Math.max(...logDet.map(Math.abs))).toBe(0);
  const lp = flow.logDensity(new Float32Array([0, 0, 1, -2]));
  expect(lp[0]).toBeCloseTo(-LOG_2PI, 6);
  expect(lp[1]).toBeCloseTo(-2.5 - LOG_2PI, 5);
  flow.dispose();
});

describe(`the default flow after ${STEPS} seeded steps on two moons`, () => {
  let flow: FlowEngine;
  let metrics: Record<string, number>;

  beforeAll(async () => {
    flow = await createFlow({ settings: FLOW_DEFAULTS, data: moons, seed: 1 });
    flow.train(STEPS);
    metrics = flow.metrics();
  });

  test('its density integrates to 1 over the plane (within 2 %)', () => {
    expect(Math.abs(metrics.densityIntegral! - 1)).toBeLessThan(0.02);
    // The same sum, coarser, on the training path's own log p (tensors), not the drawing copy.
    expect(Math.abs(densityIntegral(flow.logDensity(planeGrid(100)), 100) - 1)).toBeLessThan(0.02);
  });

  test('inverse(forward(x)) = x to 1e-4, on the data and across the plane', () => {
    for (const x of [moons.points, spread(30)])
      expect(maxAbsDiff(flow.inverse(flow.forward(x).z), x)).toBeLessThan(1e-4);
    expect(metrics.inverseError).toBeLessThan(1e-4);
  });

  test('its log-determinant equals a numerical Jacobian’s', () => {
    const points = new Float32Array([...moons.points.subarray(0, 40), ...spread(4)]);
    const { logDet } = flow.forward(points);
    // On the float32 training path: a step large enough for float32, a tolerance to match.
    const coarse = numericalLogDet((x) => flow.forward(x).z, points, 1e-2);
    coarse.forEach((v, i) => expect(Math.abs(v - logDet[i]!)).toBeLessThan(2e-2));
    // The drawing copy of the same weights computes in float64 (its outputs rounded to float32):
    // a smaller step, a tighter tolerance.
    const ev = flow.evaluator();
    const fine = numericalLogDet((x) => ev.forward(x).z, points, 2e-3);
    fine.forEach((v, i) => expect(Math.abs(v - logDet[i]!)).toBeLessThan(2e-3));
  });

  test('its samples are closer to the data than a Gaussian fitted to the data', () => {
    expect(metrics.swd).toBeLessThan(metrics.swdGaussian!);
    expect(metrics.massOffData).toBeLessThan(0.05);
  });

  test('the drawing copy gives the training path’s numbers', () => {
    const x = spread(12);
    const ev = flow.evaluator();
    const fast = ev.forward(x);
    expect(maxRelDiff(fast.logDensity, flow.logDensity(x))).toBeLessThan(1e-5);
    expect(maxAbsDiff(fast.z, flow.forward(x).z)).toBeLessThan(1e-4);
    expect(maxAbsDiff(ev.inverse(x), flow.inverse(x))).toBeLessThan(1e-4);
  });

  test('the view: heatmap, the grid from the base to the data, samples and a probe', () => {
    const v = flow.view({ grid: 32, samples: 300, layer: 8 });
    expect(v.side).toBe(32);
    expect(v.logDensity.length).toBe(32 * 32);
    // Cell (row 0, column 0) is the top-left corner of the plane.
    expect(v.logDensity[0]).toBeCloseTo(flow.logDensity(new Float32Array([-3.875, 3.875]))[0]!, 3);
    expect(v.min).toBeLessThan(v.max);
    const base = baseGridLines();
    const size = base.length;
    expect(v.gridStages.length).toBe((v.layers + 1) * size);
    expect(v.gridLines * v.gridPoints * 2).toBe(size);
    expect(maxAbsDiff(v.gridStages.subarray(0, size), base)).toBe(0);
    expect(maxAbsDiff(v.grid, flow.inverse(base))).toBeLessThan(1e-4);
    expect(v.samples.length).toBe(600);
    expect(maxAbsDiff(v.samples, v.sampleStages.subarray(8 * 600))).toBe(0);
    const half = flow.view({ grid: 8, samples: 0, layer: 2.5 });
    expect(maxAbsDiff(half.grid, stageAt(v.gridStages, size, 2.5))).toBeLessThan(1e-6);
    expect(half.sampleStages.length).toBe(0);

    const typical = flow.view({ grid: 8, samples: 0, probe: [moons.points[0]!, moons.points[1]!] }).probe!;
    expect(typical.typical).toBe(true);
    const far = flow.view({ grid: 8, samples: 0, probe: [3.8, -3.8] }).probe!;
    expect(far.typical).toBe(false);
    expect(far.percentile).toBeLessThan(2);
    expect(far.logDensity).toBeCloseTo(flow.logDensity(new Float32Array([3.8, -3.8]))[0]!, 3);
    const { z, logDet } = flow.forward(new Float32Array([3.8, -3.8]));
    expect(far.z[0]).toBeCloseTo(z[0]!, 4);
    expect(far.z[1]).toBeCloseTo(z[1]!, 4);
    expect(far.logDet).toBeCloseTo(logDet[0]!, 4);
  });

  test('training, views and metrics leak no tensors', () => {
    const before = tf.memory().numTensors;
    flow.train(3);
    flow.view({ probe: [0, 0] });
    flow.metrics();
    flow.onnx();
    expect(tf.memory().numTensors).toBe(before);
  });
});

test('the same seed and settings replay the same run, bit for bit', async () => {
  const runs = await Promise.all(
    [1, 2].map(() => createFlow({ settings: FLOW_DEFAULTS, data: moons, seed: 9 })),
  );
  const losses = runs.map((r) => [r.train(8).nll, r.train(8).nll]);
  expect(losses[0]).toEqual(losses[1]);
  expect(runs[0]!.save()).toEqual(runs[1]!.save());
  const other = await createFlow({ settings: FLOW_DEFAULTS, data: moons, seed: 10 });
  expect(other.train(8).nll).not.toBe(losses[0]![0]);
  for (const r of [...runs, other]) r.dispose();
});

describe.each(['adam', 'rmsprop', 'sgd'] as const)('a saved run continues exactly (%s)', (opt) => {
  test('save, restore from JSON, train on: the same losses and weights as never stopping', async () => {
    const settings = { ...FLOW_DEFAULTS, optimizer: opt, layers: 4 };
    const a = await createFlow({ settings, data: moons, seed: 5 });
    a.train(6);
    const saved = JSON.parse(JSON.stringify(a.save())) as EngineWeights;
    const goOn = [a.train(5).nll, a.train(1).nll];
    const b = await createFlow({ settings, data: moons, seed: 5, weights: saved, iteration: 6 });
    expect(b.iteration).toBe(6);
    expect([b.train(5).nll, b.train(1).nll]).toEqual(goOn);
    expect(b.save()).toEqual(a.save());
    a.dispose();
    b.dispose();
  });
});

test('settings are checked with messages a person can read', () => {
  expect(FlowSettingsSchema.safeParse(FLOW_DEFAULTS).success).toBe(true);
  const bad = FlowSettingsSchema.safeParse({ ...FLOW_DEFAULTS, layers: 1 });
  expect(bad.success).toBe(false);
  expect(bad.error!.issues[0]!.message).toBe('layers (coupling layers) must be a whole number from 2 to 16');
  const lr = FlowSettingsSchema.safeParse({ ...FLOW_DEFAULTS, learningRate: 3 });
  expect(lr.error!.issues[0]!.message).toBe('learning rate must be between 0.00001 and 1');
});

test('a flow refuses images', async () => {
  await expect(
    createFlow({
      settings: FLOW_DEFAULTS,
      data: { dim: 256, side: 16, points: new Float32Array(256), source: { kind: 'drawn' } },
      seed: 1,
    }),
  ).rejects.toThrow('2-D points');
});
