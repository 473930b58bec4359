/** The photo-match maths: patch statistics, their distance, the verdict and the CMA-ES search. */
import { describe as suite, expect, it } from 'vitest';
import { cmaes } from './cmaes';
import { softmax, verdict } from './match';
import { crop, describe, distance, type RgbPlanes } from './match-stats';

/** A seeded pattern: oriented stripes of `period` px with noise, in a given tint. */
function pattern(
  size: number,
  period: number,
  angle: number,
  tint: [number, number, number],
  seed: number,
): RgbPlanes {
  let s = seed;
  const rand = (): number => (s = (s * 1103515245 + 12345) >>> 0) / 4294967296;
  const n = size * size;
  const planes: RgbPlanes['planes'] = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const t = (x * Math.cos(angle) + y * Math.sin(angle)) / period;
      const v = 0.5 + 0.35 * Math.sin(2 * Math.PI * t) + 0.1 * (rand() - 0.5);
      for (let c = 0; c < 3; c++) planes[c]![y * size + x] = Math.min(1, Math.max(0, v * tint[c]!));
    }
  return { width: size, height: size, planes };
}

suite('patch statistics', () => {
  const wood = pattern(192, 9, 0.3, [0.9, 0.6, 0.3], 1);
  const tiles = pattern(192, 24, 1.4, [0.4, 0.5, 0.9], 2);

  it('puts an image closer to its own shifted crop than to another texture', () => {
    const a = describe(crop(wood, 0, 0, 128, 128));
    const shifted = describe(crop(wood, 37, 51, 128, 128));
    const other = describe(crop(tiles, 0, 0, 128, 128));
    expect(distance(a, a)).toBe(0);
    expect(distance(a, shifted)).toBeLessThan(distance(a, other) / 3);
    expect(distance(a, other)).toBeCloseTo(distance(other, a), 10);
  });

  it('tells structure apart even when the colours agree', () => {
    const fine = describe(crop(pattern(160, 5, 0, [0.8, 0.8, 0.8], 3), 0, 0, 128, 128));
    const coarse = describe(crop(pattern(160, 31, 0, [0.8, 0.8, 0.8], 3), 0, 0, 128, 128));
    const fine2 = describe(crop(pattern(160, 5, 0, [0.8, 0.8, 0.8], 4), 16, 16, 128, 128));
    expect(distance(fine, fine2)).toBeLessThan(distance(fine, coarse) / 3);
  });

  it('says in words when a match is poor rather than pretending', () => {
    expect(verdict(0.1, 0.1).verdict).toBe('close');
    expect(verdict(0.25, 0.1).verdict).toBe('rough');
    const poor = verdict(1, 0.1);
    expect(poor.verdict).toBe('poor');
    expect(poor.message).toMatch(/cannot make textures like this photo/);
  });
});

suite('CMA-ES and the softmax weights', () => {
  it('finds the minimum of a shifted, badly scaled quadratic', async () => {
    const target = [1, -2, 3, 0.5, -1];
    const f = (x: number[]): number => x.reduce((a, v, i) => a + (i + 1) ** 2 * (v - target[i]!) ** 2, 0);
    const r = await cmaes(async (xs) => xs.map(f), {
      mean: [0, 0, 0, 0, 0],
      sigma: 1,
      budget: 3000,
      seed: 7,
    });
    expect(r.value).toBeLessThan(1e-6);
    r.x.forEach((v, i) => expect(v).toBeCloseTo(target[i]!, 2));
    expect(r.evaluations).toBeLessThanOrEqual(3000);
  });

  it('stays within its budget and is deterministic for a seed', async () => {
    let calls = 0;
    const f = async (xs: number[][]): Promise<number[]> => {
      calls += xs.length;
      return xs.map((x) => x.reduce((a, v) => a + Math.abs(v - 1), 0));
    };
    const a = await cmaes(f, { mean: new Array(24).fill(0), sigma: 1, budget: 150, seed: 3 });
    expect(calls).toBeLessThanOrEqual(150);
    const b = await cmaes(f, { mean: new Array(24).fill(0), sigma: 1, budget: 150, seed: 3 });
    expect(b.x).toEqual(a.x);
    expect(a.value).toBeLessThan(24);
  });

  it('turns logits into weights that are ≥ 0 and sum to 1', () => {
    const w = softmax([4, 0, 0, -1000]);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(w[0]).toBeGreaterThan(0.9);
    expect(w.every((v) => v >= 0)).toBe(true);
  });
});
