/**
 * The GAN's two networks and its losses. The generator maps noise to a point (or, for images,
 * through a sigmoid to pixels in [0, 1]); the discriminator answers one number per input: a logit
 * ("how real") for the non-saturating loss, a critic score for WGAN-GP and hinge.
 */
import { LEAK } from './gan-js';
import { forward, layerSizes, mlp, type Mlp } from './nn';
import type { Rng } from '../rng';
import type { GanLoss, GanSettings } from './gan-settings';
import { tf } from './tf';

export interface GanNets {
  g: Mlp;
  d: Mlp;
  /** Images: the generator ends in a sigmoid. */
  images: boolean;
}

/** Both nets, generator first, from the lab's stream (so the seed fixes the starting point). */
export function ganNets(rng: Rng, s: GanSettings, dim: number): GanNets {
  const images = dim > 2;
  // ReLU in the generator folds the noise plane sharply (a piecewise-linear map, easy to read in
  // the manifold view); leaky ReLU in the discriminator keeps gradients flowing to fake points
  // that land where every unit would otherwise be off.
  const g = mlp('g', rng, layerSizes(s.noiseDim, dim, s), 'relu');
  const d = mlp('d', rng, layerSizes(dim, 1, s), 'leakyRelu');
  return { g, d, images };
}

export function generate(nets: GanNets, z: tf.Tensor2D): tf.Tensor2D {
  const out = forward(nets.g, z);
  return nets.images ? tf.sigmoid(out) : out;
}

/**
 * The discriminator's raw output, one per row: [n]. Its leaky ReLU is written as
 * LEAK·x + (1 − LEAK)·relu(x) because tfjs's own leakyRelu has no second derivative, which the
 * WGAN-GP penalty (a gradient of a gradient) needs.
 */
export function discriminate(nets: GanNets, x: tf.Tensor2D): tf.Tensor1D {
  let h: tf.Tensor2D = x;
  nets.d.layers.forEach((l, i) => {
    h = tf.add(tf.matMul(h, l.w), l.b);
    if (i + 1 < nets.d.layers.length) h = tf.add(tf.mul(h, LEAK), tf.mul(tf.relu(h), 1 - LEAK));
  });
  return tf.reshape(h, [-1]);
}

/** The discriminator's answer as drawn and measured: P(real) for the non-saturating loss, else the score. */
export function judged(loss: GanLoss, raw: tf.Tensor): tf.Tensor {
  return loss === 'nonsaturating' ? tf.sigmoid(raw) : raw;
}

/** A small pull of WGAN critic scores towards 0, so they do not drift (the heatmap's range stays readable). */
const DRIFT = 0.001;

export interface DLoss {
  total: tf.Scalar;
  /** WGAN-GP: the penalty term, weighted. */
  gp?: tf.Scalar;
}

/**
 * The discriminator's loss on a batch of real and generated points. For WGAN-GP, `mix` holds one
 * uniform number per row: where on the line from the real to the fake point the penalty looks.
 */
export function discriminatorLoss(
  nets: GanNets,
  s: GanSettings,
  real: tf.Tensor2D,
  fake: tf.Tensor2D,
  mix?: tf.Tensor2D,
): DLoss {
  // One pass over real and fake together: half the kernel launches of two passes.
  const both = discriminate(nets, tf.concat([real, fake], 0));
  const n = real.shape[0];
  const dr = tf.slice(both, [0], [n]);
  const df = tf.slice(both, [n], [fake.shape[0]]);
  switch (s.loss) {
    case 'nonsaturating':
      return { total: tf.add(tf.mean(tf.softplus(tf.neg(dr))), tf.mean(tf.softplus(df))) };
    case 'hinge':
      return { total: tf.add(tf.mean(tf.relu(tf.sub(1, dr))), tf.mean(tf.relu(tf.add(1, df)))) };
    case 'wgan-gp': {
      const between = tf.add(real, tf.mul(mix!, tf.sub(fake, real))) as tf.Tensor2D;
      // The critic's gradient at the mixed points, kept in the graph so its norm's penalty trains the critic.
      const grad = tf.grad((x: tf.Tensor) => tf.sum(discriminate(nets, x as tf.Tensor2D)))(between);
      const norm = tf.sqrt(tf.add(tf.sum(tf.square(grad), 1), 1e-12));
      const gp = tf.mul(tf.mean(tf.square(tf.sub(norm, 1))), s.gpWeight) as tf.Scalar;
      const wasserstein = tf.sub(tf.mean(df), tf.mean(dr));
      const drift = tf.mul(tf.mean(tf.square(dr)), DRIFT);
      return { total: tf.add(tf.add(wasserstein, gp), drift) as tf.Scalar, gp };
    }
  }
}

/** The generator's loss per point ([n]): what it wants to lower for each generated point. */
export function generatorLossPerPoint(nets: GanNets, loss: GanLoss, fake: tf.Tensor2D): tf.Tensor1D {
  const df = discriminate(nets, fake);
  // Non-saturating: -log D(G(z)) = softplus(-logit); the others push the critic's score up.
  return loss === 'nonsaturating' ? tf.softplus(tf.neg(df)) : tf.neg(df);
}

export function generatorLoss(nets: GanNets, loss: GanLoss, fake: tf.Tensor2D): tf.Scalar {
  return tf.mean(generatorLossPerPoint(nets, loss, fake));
}
