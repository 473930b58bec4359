import { expect, test } from 'vitest';
import { ddimSteps, EMBED_DIM, embedTime, makeSchedule } from './diffusion-schedule';

test.each(['linear', 'cosine'] as const)(
  'the %s schedule: ᾱ falls from 1 to almost 0, β in (0, 1)',
  (name) => {
    for (const T of [20, 100, 1000]) {
      const s = makeSchedule(name, T);
      expect(s.alphaBar[0]).toBe(1);
      for (let t = 1; t <= T; t++) {
        expect(s.alphaBar[t]!).toBeLessThan(s.alphaBar[t - 1]!);
        expect(s.beta[t]!).toBeGreaterThan(0);
        expect(s.beta[t]!).toBeLessThan(1);
      }
      expect(s.alphaBar[T]!).toBeLessThan(1e-3);
      expect(s.alphaBar[T]!).toBeGreaterThan(0);
    }
  },
);

test('the linear schedule at T = 1000 is DDPM’s: β from 1e-4 to 0.02', () => {
  const s = makeSchedule('linear', 1000);
  expect(s.beta[1]).toBeCloseTo(1e-4, 4);
  expect(s.beta[1000]).toBeCloseTo(0.02, 3);
  // The same curve for any T: ᾱ halfway is the same at T = 100.
  expect(makeSchedule('linear', 100).alphaBar[50]).toBeCloseTo(s.alphaBar[500]!, 10);
});

test('DDIM visits evenly spaced steps from T down to the first above 0', () => {
  expect(ddimSteps(100, 4)).toEqual([100, 75, 50, 25]);
  expect(ddimSteps(100, 1)).toEqual([100]);
  expect(ddimSteps(20, 50)).toEqual(Array.from({ length: 20 }, (_, i) => 20 - i));
  expect(ddimSteps(100, 3)).toEqual([100, 67, 33]);
});

test('the time embedding: sines and cosines, different for neighbouring steps', () => {
  const a = new Float32Array(EMBED_DIM + 1);
  const b = new Float32Array(EMBED_DIM);
  embedTime(0, 100, a, 1);
  expect(a[0]).toBe(0);
  expect(a[1]).toBe(0);
  expect(a[2]).toBe(1);
  embedTime(1, 100, b, 0);
  const distance = Math.hypot(...b.map((v, i) => v - a[i + 1]!));
  expect(distance).toBeGreaterThan(0.5);
  for (let k = 0; k < EMBED_DIM; k += 2) expect(b[k]! ** 2 + b[k + 1]! ** 2).toBeCloseTo(1, 5);
});
