/**
 * Two measures that tell mode collapse apart from a generator that has not learned yet: the share
 * of samples that sit on a mode of the ring (the "high-quality samples" of the GAN literature)
 * and how spread out the samples are compared with the data.
 */
import { fitGaussian, ringMode } from './metrics';

/** Share of 2-D samples within 3σ of any ring-of-8 mode. */
export function onModes(samples: Float32Array): number {
  const n = samples.length / 2;
  let on = 0;
  for (let i = 0; i < n; i++) if (ringMode(samples[2 * i]!, samples[2 * i + 1]!) >= 0) on++;
  return n > 0 ? on / n : 0;
}

/** Root-mean-square distance of 2-D points from their mean: the root of the covariance's trace. */
export function rmsSpread(points: Float32Array): number {
  if (points.length < 2) return 0;
  const [a, , c] = fitGaussian(points).cov;
  return Math.sqrt(a + c);
}
