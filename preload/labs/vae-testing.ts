/** Data the VAE and Bayesian labs' tests train on: a known Gaussian and little bar images. */
import { Rng } from '../rng';
import type { Dataset } from './types';

/** 1000 points of N(m, C), m = (0.5, −0.3), C = [[1, 0.5], [0.5, 0.8125]]. */
export function gaussianData(n: number): Dataset {
  const e = new Rng(5).fillNormal(new Float32Array(2 * n));
  const points = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    points[2 * i] = 0.5 + e[2 * i]!;
    points[2 * i + 1] = -0.3 + 0.5 * e[2 * i]! + 0.75 * e[2 * i + 1]!;
  }
  return { dim: 2, points, source: { kind: 'drawn' } };
}

/** The true mean log-density of those points under N(m, C). */
export function gaussianLogDensity(points: Float32Array): number {
  const [a, b, c] = [1, 0.5, 0.8125];
  const det = a * c - b * b;
  let s = 0;
  const n = points.length / 2;
  for (let i = 0; i < n; i++) {
    const dx = points[2 * i]! - 0.5;
    const dy = points[2 * i + 1]! + 0.3;
    s +=
      -Math.log(2 * Math.PI) -
      0.5 * Math.log(det) -
      (0.5 * (c * dx * dx - 2 * b * dx * dy + a * dy * dy)) / det;
  }
  return s / n;
}

/** 16×16 images: a bar (horizontal or vertical) at a place drawn from the seed, ink 1. */
export function barImages(n: number, seed: number): Dataset {
  const rng = new Rng(seed);
  const points = new Float32Array(n * 256);
  for (let k = 0; k < n; k++) {
    const at = 2 + (rng.nextU32() % 12);
    const vertical = rng.nextU32() % 2 === 0;
    for (let t = 2; t < 14; t++) {
      for (let w = 0; w < 2; w++) {
        const [x, y] = vertical ? [at + w, t] : [t, at + w];
        points[k * 256 + y * 16 + x] = 1;
      }
    }
  }
  return { dim: 256, side: 16, points, source: { kind: 'drawn' } };
}
