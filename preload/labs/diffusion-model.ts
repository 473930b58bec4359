/**
 * The diffusion lab's network on the training path: the ε-predictor MLP (input [x, y, embedding
 * of t], relu hidden layers), its loss, the training batches of the forward process, and the
 * moving average of its weights that the picture and the metrics sample from.
 */
import type { Rng } from '../rng';
import { count } from './data';
import { EMBED_DIM, embedTime, type Schedule } from './diffusion-schedule';
import { batchIndices, layerSizes, mlp, normals, type Mlp } from './nn';
import { tf } from './tf';
import type { CommonSettings, Dataset } from './types';

/** Inputs of the network: the point and the time embedding. */
export const INPUT_WIDTH = 2 + EMBED_DIM;
/** The moving average's decay per step (it remembers about the last 100 steps). */
export const EMA_DECAY = 0.99;

/** The ε-predictor and its moving average (same values at the start, their own variables). */
export function createDenoiser(
  rng: Rng,
  s: Pick<CommonSettings, 'width' | 'depth'>,
): { net: Mlp; average: Mlp } {
  const net = mlp('denoiser', rng, layerSizes(INPUT_WIDTH, 2, s), 'relu');
  const average: Mlp = {
    ...net,
    name: 'average',
    layers: net.layers.map((l) => ({ w: tf.variable(l.w, false), b: tf.variable(l.b, false) })),
  };
  return { net, average };
}

/**
 * ε̂ for input rows [n, INPUT_WIDTH]. Biases are added as ones · b rather than broadcast: the
 * gradient of a broadcast add is a Sum over the batch, which the cpu backend does by a slow
 * transpose. Call inside tf.tidy.
 */
export function predictNoise(net: Mlp, input: tf.Tensor2D): tf.Tensor2D {
  const ones = tf.ones([input.shape[0], 1]);
  let h = input;
  net.layers.forEach((l, i) => {
    h = tf.add(tf.matMul(h, l.w as tf.Tensor2D), tf.matMul(ones, tf.reshape(l.b, [1, -1])));
    if (i + 1 < net.layers.length) h = tf.relu(h);
  });
  return h;
}

/** The ε-prediction error: mean over rows and coordinates of (ε̂ − ε)². Call inside tf.tidy. */
export function noiseLoss(net: Mlp, input: Float32Array, target: Float32Array): tf.Scalar {
  const n = target.length / 2;
  const eps = predictNoise(net, tf.tensor2d(input, [n, INPUT_WIDTH]));
  return tf.mean(tf.square(tf.sub(eps, tf.tensor2d(target, [n, 2]))));
}

/** Input rows for points x (row-major n × 2), all at step t of T. */
export function inputsAt(x: Float32Array, t: number, T: number): Float32Array {
  const n = x.length / 2;
  const input = new Float32Array(n * INPUT_WIDTH);
  for (let r = 0; r < n; r++) {
    input[r * INPUT_WIDTH] = x[2 * r]!;
    input[r * INPUT_WIDTH + 1] = x[2 * r + 1]!;
    embedTime(t, T, input, r * INPUT_WIDTH + 2);
  }
  return input;
}

/**
 * A training batch from `rng`: b data rows, each with a step t ~ U{1…T} and ε ~ N(0, I), noised by
 * the forward process (x_t = √ᾱ_t x₀ + √(1 − ᾱ_t) ε), as the net's input and its target ε.
 */
export function noisedBatch(
  rng: Rng,
  data: Dataset,
  s: Schedule,
  b: number,
): { input: Float32Array; target: Float32Array } {
  const idx = batchIndices(rng, count(data), b);
  const target = normals(rng, b, 2);
  const input = new Float32Array(b * INPUT_WIDTH);
  for (let r = 0; r < b; r++) {
    const t = 1 + (rng.nextU32() % s.steps);
    const a = Math.sqrt(s.alphaBar[t]!);
    const sigma = Math.sqrt(1 - s.alphaBar[t]!);
    input[r * INPUT_WIDTH] = a * data.points[idx[r]! * 2]! + sigma * target[2 * r]!;
    input[r * INPUT_WIDTH + 1] = a * data.points[idx[r]! * 2 + 1]! + sigma * target[2 * r + 1]!;
    embedTime(t, s.steps, input, r * INPUT_WIDTH + 2);
  }
  return { input, target };
}

/**
 * One step of the moving average after training step `iteration`. The shown model follows the
 * trained weights this way because DDIM follows the net's field deterministically: step-to-step
 * jitter of the weights would make its samples jump from frame to frame (the usual practice in
 * diffusion training). Early steps average over fewer past values, so a young model is not held
 * back at its initialisation.
 */
export function updateAverage(average: Mlp, net: Mlp, iteration: number): void {
  const decay = Math.min(EMA_DECAY, (1 + iteration) / (10 + iteration));
  tf.tidy(() => {
    average.layers.forEach((a, i) => {
      const l = net.layers[i]!;
      a.w.assign(tf.add(tf.mul(a.w, decay), tf.mul(l.w, 1 - decay)));
      a.b.assign(tf.add(tf.mul(a.b, decay), tf.mul(l.b, 1 - decay)));
    });
  });
}
