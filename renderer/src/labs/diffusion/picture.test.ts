import { expect, test } from 'vitest';
import { arrowSegments, fadeChunks, stepText } from './picture';
import { DIFFUSION_INITIAL_REQUEST, withSampler, withSteps } from './request';

test('arrows keep their directions and relative sizes, the typical one most of a cell long', () => {
  // Two arrows on a 2×2 grid over a 100 px picture (cells of 50 px).
  const at = Float32Array.from([0, 0, 1, 1]);
  const seg = arrowSegments(at, Float32Array.from([2, 0, 0, -1]), 2, 100);
  // (0, 0) is the picture's centre; the first arrow points right, the second down (plane y < 0).
  expect(Array.from(seg.subarray(0, 2))).toEqual([50, 50]);
  expect(seg[2]! - seg[0]!).toBeCloseTo(40, 5); // the 90th percentile: 0.8 of a cell
  expect(seg[3]! - seg[1]!).toBeCloseTo(0, 5);
  expect(seg[6]! - seg[4]!).toBeCloseTo(0, 5);
  expect(seg[7]! - seg[5]!).toBeCloseTo(20, 5); // half as long, pointing down the canvas
});

test('arrows: huge ones are capped, NaN ones vanish, an all-zero field draws nothing', () => {
  // Ten arrows of length 1, one of 1000, one NaN, on a 4×4 grid over 100 px (cells of 25 px).
  const at = new Float32Array(24);
  const vec = Float32Array.from([...Array.from({ length: 10 }, () => [1, 0]).flat(), 1000, 0, NaN, 0]);
  const seg = arrowSegments(at, vec, 4, 100);
  expect(seg[2]! - seg[0]!).toBeCloseTo(0.8 * 25, 4);
  expect(seg[40 + 2]! - seg[40]!).toBeCloseTo(1.3 * 25, 4);
  expect(seg[44 + 2]! - seg[44]!).toBe(0);
  const zero = arrowSegments(at, new Float32Array(24), 4, 100);
  for (let i = 0; i < zero.length; i += 4) expect(zero[i + 2]).toBe(zero[i]);
});

test('fade chunks cover the whole path, share their ends, and brighten toward the data', () => {
  const chunks = fadeChunks(100, 6);
  expect(chunks[0]!.from).toBe(0);
  expect(chunks.at(-1)!.to).toBe(100);
  for (let i = 1; i < chunks.length; i++) {
    expect(chunks[i]!.from).toBe(chunks[i - 1]!.to);
    expect(chunks[i]!.alpha).toBeGreaterThan(chunks[i - 1]!.alpha);
  }
  expect(fadeChunks(3, 6)).toHaveLength(3);
});

test('step words', () => {
  expect(stepText(0, 100, 1)).toBe('t = 0 of 100: the data');
  expect(stepText(50, 100, 0.25)).toBe('t = 50 of 100: signal √ᾱ = 0.500, noise √(1−ᾱ) = 0.866');
});

test('the DDIM steps field keeps whole numbers from 1 to T; the sampler switch only knows two', () => {
  const r = DIFFUSION_INITIAL_REQUEST;
  expect(withSteps(r, '10', 100).steps).toBe(10);
  expect(withSteps(r, '0', 100).steps).toBe(1);
  expect(withSteps(r, '5000', 100).steps).toBe(100);
  expect(withSteps(r, '12.6', 100).steps).toBe(13);
  expect(withSteps(r, '', 100)).toBe(r);
  expect(withSteps(r, 'ten', 100)).toBe(r);
  expect(withSampler(r, 'ddpm').sampler).toBe('ddpm');
  expect(withSampler(r, 'other').sampler).toBe('ddim');
});
