/**
 * The glyph model's flow prior through the Latent Explorer's service: the real bundled models
 * (glyphs, glyphs-prior), the real inference process, a temp data dir.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LatentDensityOutput, LatentTypicalOutput, ModelStatus } from '../../../preload/contract';
import { callOk, realAtelier } from '../../testing/atelier';
import { defaultModelsDir } from '../paths';

let env: Awaited<ReturnType<typeof realAtelier>>;
let glyphs: ModelStatus;
beforeAll(async () => {
  env = await realAtelier();
  glyphs = env.atelier.registry.status().find((m) => m.id === 'glyphs')!;
});
afterAll(async () => env.cleanup());

const call = <T>(method: string, input: unknown): Promise<T> => callOk<T>(env.atelier, method, input);

async function refusal(
  method: string,
  input: unknown,
): Promise<{ code: string; field?: string; message: string }> {
  const r = await env.atelier.router.call(method, input);
  if (r.ok) throw new Error(`${method} answered instead of refusing`);
  return r.error;
}

const density = (points: number[][]): Promise<LatentDensityOutput> =>
  call<LatentDensityOutput>('latent.density', { model: 'glyphs', points });

interface HeldOutFont {
  font: string;
  z: number[];
  logDensity: number;
  percentile: number;
}
/** Held-out fonts' styles with their log q, written by the prior's export (models/glyphs-prior/heldout.json). */
const heldOut = (): HeldOutFont[] =>
  (
    JSON.parse(readFileSync(join(defaultModelsDir(), 'glyphs-prior', 'heldout.json'), 'utf8')) as {
      fonts: HeldOutFont[];
    }
  ).fonts;

describe('the bundled flow prior', () => {
  it('loads, and the model list names the latent model it is for', () => {
    const p = env.atelier.registry.status().find((m) => m.id === 'glyphs-prior')!;
    expect(p.ok, p.error).toBe(true);
    expect(p.task).toBe('latent-prior');
    expect(p.family).toBe('flow');
    expect(p.prior).toMatchObject({ for: 'glyphs', dim: glyphs.latent!.dim });
    expect(Number.isFinite(p.prior!.medianLogDensity)).toBe(true);
  });
});

describe('latent.density', () => {
  it('matches the exported log-densities and percentiles of held-out fonts', async () => {
    const fonts = heldOut().slice(0, 20);
    const r = await density(fonts.map((f) => f.z));
    expect(r.prior).toBe('glyphs-prior');
    fonts.forEach((f, i) => {
      expect(r.logDensity[i]!, f.font).toBeCloseTo(f.logDensity, 2);
      expect(Math.abs(r.percentile[i]! - f.percentile), f.font).toBeLessThan(0.1);
    });
  });

  it('a real font style is far more likely than a far-out point, which reads as outside the training styles', async () => {
    const real = heldOut()[0]!.z;
    const far = real.map((v, i) => v + (i % 2 ? 4 : -4));
    const r = await density([real, far]);
    expect(r.logDensity[0]!).toBeGreaterThan(r.logDensity[1]! + 20);
    expect(r.percentile[0]!).toBeGreaterThan(5);
    expect(r.percentile[1]!).toBeLessThan(1);
    // The VAE's own prior agrees on the direction, and its value is log N(z; 0, I).
    const dim = real.length;
    const normal = -0.5 * real.reduce((s, v) => s + v * v, 0) - 0.5 * dim * Math.log(2 * Math.PI);
    expect(r.normalLogDensity[0]!).toBeCloseTo(normal, 6);
  });

  it('held-out fonts are typical: most score above the 5th percentile', async () => {
    const fonts = heldOut();
    const r = await density(fonts.slice(0, 64).map((f) => f.z));
    const typical = r.percentile.filter((p) => p >= 5).length / r.percentile.length;
    expect(typical).toBeGreaterThan(0.8);
  });

  it('refuses a model without a flow prior, a point of the wrong size and a far-off coordinate, naming the field', async () => {
    const e1 = await refusal('latent.density', { model: 'texture-vae', points: [[0, 0]] });
    expect([e1.code, e1.field]).toEqual(['invalid-input', 'model']);
    expect(e1.message).toMatch(/no flow prior/);
    const e2 = await refusal('latent.density', { model: 'glyphs', points: [[0, 1, 2]] });
    expect([e2.code, e2.field]).toEqual(['invalid-input', 'points.0']);
    const huge = new Array<number>(glyphs.latent!.dim).fill(0);
    huge[3] = 1e9;
    const e3 = await refusal('latent.density', { model: 'glyphs', points: [huge] });
    expect([e3.code, e3.field]).toEqual(['invalid-input', 'points.0.3']);
    const e4 = await refusal('latent.density', { model: 'glyphs', points: [] });
    expect([e4.code, e4.field]).toEqual(['invalid-input', 'points']);
  });
});

describe('latent.sample with the flow prior', () => {
  it('is seeded: the same seed replays, another differs, and N(0, I) samples are other points', async () => {
    const ask = (seed: number, prior?: 'flow' | 'normal') =>
      call<{ points: number[][] }>('latent.sample', {
        model: 'glyphs',
        seed,
        count: 3,
        ...(prior ? { prior } : {}),
      });
    const a = await ask(5, 'flow');
    expect(a.points).toHaveLength(3);
    expect(a.points[0]).toHaveLength(glyphs.latent!.dim);
    expect((await ask(5, 'flow')).points).toEqual(a.points);
    expect((await ask(6, 'flow')).points[0]).not.toEqual(a.points[0]);
    // The default is unchanged: N(0, I).
    expect((await ask(5)).points).toEqual((await ask(5, 'normal')).points);
    expect((await ask(5, 'normal')).points[0]).not.toEqual(a.points[0]);
  });

  it('flow samples read as typical on the meter; N(0, I) samples do not', async () => {
    const draw = (prior: 'flow' | 'normal') =>
      call<{ points: number[][] }>('latent.sample', { model: 'glyphs', seed: 21, count: 64, prior });
    const median = (xs: number[]): number => [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)]!;
    const f = await density((await draw('flow')).points);
    const n = await density((await draw('normal')).points);
    // The flow's samples spread a little wider than the training glyphs (median ~30th percentile)…
    expect(median(f.percentile)).toBeGreaterThan(10);
    expect(median(f.percentile)).toBeLessThan(75);
    // …while N(0, I) fills the dimensions the decoder ignores with noise no real glyph code has.
    expect(median(n.percentile)).toBeLessThan(1);
    expect(median(n.logDensity)).toBeLessThan(median(f.logDensity) - 50);
  });

  it('refuses the flow prior for a model without one, naming the field', async () => {
    const e = await refusal('latent.sample', { model: 'texture-vae', seed: 1, prior: 'flow' });
    expect([e.code, e.field]).toEqual(['invalid-input', 'prior']);
    const bad = await refusal('latent.sample', { model: 'glyphs', seed: 1, prior: 'uniform' });
    expect([bad.code, bad.field]).toEqual(['invalid-input', 'prior']);
  });
});

describe('latent.typical (nearest typical style)', () => {
  it('moves an unusual point to a typical one and raises its density; the answer is exact', async () => {
    const real = heldOut()[0]!.z;
    const start = real.map((v, i) => v + (i % 3 === 0 ? 1.8 : -1.2));
    const before = (await density([start])).logDensity[0]!;
    const r = await call<LatentTypicalOutput>('latent.typical', { model: 'glyphs', point: start });
    expect(r.prior).toBe('glyphs-prior');
    expect(r.from.logDensity).toBeCloseTo(before, 3);
    expect(r.logDensity).toBeGreaterThan(before);
    expect(r.percentile).toBeGreaterThanOrEqual(50);
    expect(r.shrink).toBeLessThan(1);
    expect(r.point).not.toEqual(start);
    const check = await density([r.point]);
    expect(check.logDensity[0]!).toBeCloseTo(r.logDensity, 2);
  });

  it('leaves a point that is already typical where it is, and honours a lower target', async () => {
    const flow = await call<{ points: number[][] }>('latent.sample', {
      model: 'glyphs',
      seed: 3,
      count: 1,
      prior: 'flow',
      temperature: 0.2,
    });
    const p = flow.points[0]!;
    const r = await call<LatentTypicalOutput>('latent.typical', { model: 'glyphs', point: p, target: 10 });
    expect(r.shrink).toBe(1);
    expect(r.point).toEqual(p);
  });

  it('refuses a model without a prior and a point of the wrong size, naming the field', async () => {
    const e1 = await refusal('latent.typical', { model: 'texture-vae', point: [0, 0] });
    expect([e1.code, e1.field]).toEqual(['invalid-input', 'model']);
    const e2 = await refusal('latent.typical', { model: 'glyphs', point: [0, 1] });
    expect([e2.code, e2.field]).toEqual(['invalid-input', 'point']);
    const e3 = await refusal('latent.typical', {
      model: 'glyphs',
      point: new Array<number>(glyphs.latent!.dim).fill(0),
      target: 120,
    });
    expect([e3.code, e3.field]).toEqual(['invalid-input', 'target']);
  });
});
