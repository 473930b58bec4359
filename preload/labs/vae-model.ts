/**
 * The VAE's networks and its two-part objective. Encoder: x → (μ, log σ²) of a diagonal Gaussian
 * q(z|x). Decoder: z → the mean of p(x|z): on 2-D points a Gaussian with a learned noise σ_x per
 * dimension (bounded below, so p(x|z) is a proper density and log p(x) a real one); on images a
 * Bernoulli per pixel (sigmoid of the logits, values in [0, 1]).
 */
import type { Rng } from '../rng';
import { activate, layerSizes, mlp, type Activation, type Mlp } from './nn';
import { tf } from './tf';
import type { CommonSettings } from './types';

/** Hidden activation of both nets (ReLU: cheap, and an ONNX op every runtime has). */
export const VAE_ACTIVATION: Activation = 'relu';
/** σ_x never falls below this: the likelihood stays a density the latent grid can integrate. */
export const SIGMA_X_MIN = 0.03;
export const LOG_SIGMA_X_MIN = Math.log(SIGMA_X_MIN);
/** σ_x a fresh decoder starts with. */
const SIGMA_X_START = 0.5;
/** log σ² of q is kept in this range so exp() stays finite early in training. */
const LOGVAR_RANGE: [number, number] = [-14, 6];
const LOG_2PI = Math.log(2 * Math.PI);

export interface VaeNets {
  encoder: Mlp;
  decoder: Mlp;
  /** Raw parameter of σ_x (2-D points only): log σ_x = log σ_min + softplus(raw). */
  sigmaRaw: tf.Variable | null;
  latentDim: number;
  dim: number;
  /** Bernoulli pixels (true) or Gaussian points (false). */
  images: boolean;
}

export function buildNets(
  rng: Rng,
  s: Pick<CommonSettings, 'width' | 'depth'>,
  dim: number,
  latentDim: number,
  images: boolean,
): VaeNets {
  const encoder = mlp('encoder', rng, layerSizes(dim, 2 * latentDim, s), VAE_ACTIVATION, 0.1);
  const decoder = mlp('decoder', rng, layerSizes(latentDim, dim, s), VAE_ACTIVATION);
  // softplus(raw) = log σ_start − log σ_min
  const start = Math.log(Math.expm1(Math.log(SIGMA_X_START) - LOG_SIGMA_X_MIN));
  const sigmaRaw = images ? null : tf.variable(tf.fill([dim], start));
  return { encoder, decoder, sigmaRaw, latentDim, dim, images };
}

export function netVariables(n: VaeNets): tf.Variable[] {
  const nets = [n.encoder, n.decoder].flatMap((m) => m.layers.flatMap((l) => [l.w, l.b]));
  return n.sigmaRaw ? [...nets, n.sigmaRaw] : nets;
}

/**
 * m(x) with each layer as one fused matMul + bias (+ ReLU) op: the same numbers as nn.ts's
 * `forward`, in a third of the ops (on the cpu backend a step's cost is mostly per-op dispatch).
 */
export function fusedForward(m: Mlp, x: tf.Tensor2D): tf.Tensor2D {
  let h = x;
  m.layers.forEach((l, i) => {
    const hidden = i + 1 < m.layers.length;
    if (hidden && m.activation !== 'relu') {
      h = activate(tf.add(tf.matMul(h, l.w), l.b), m.activation) as tf.Tensor2D;
      return;
    }
    h = tf.fused.matMul({
      a: h,
      b: l.w as tf.Tensor2D,
      bias: l.b,
      activation: hidden ? 'relu' : 'linear',
    }) as tf.Tensor2D;
  });
  return h;
}

/** q(z|x): means and log-variances, each [n, latentDim]. */
export function encode(n: VaeNets, x: tf.Tensor2D): { mu: tf.Tensor2D; logvar: tf.Tensor2D } {
  const h = fusedForward(n.encoder, x);
  const L = n.latentDim;
  const mu = tf.slice(h, [0, 0], [-1, L]);
  const logvar = tf.clipByValue(tf.slice(h, [0, L], [-1, L]), LOGVAR_RANGE[0], LOGVAR_RANGE[1]);
  return { mu, logvar };
}

/** The decoder's raw output: the Gaussian mean on points, the logits on images. */
export function decodeRaw(n: VaeNets, z: tf.Tensor2D): tf.Tensor2D {
  return fusedForward(n.decoder, z);
}

/** The mean of p(x|z): the Gaussian mean, or pixel probabilities. */
export function decodeMean(n: VaeNets, z: tf.Tensor2D): tf.Tensor2D {
  const raw = decodeRaw(n, z);
  return n.images ? tf.sigmoid(raw) : raw;
}

/** log σ_x per data dimension (2-D points). */
export function logSigmaX(n: VaeNets): tf.Tensor1D {
  if (!n.sigmaRaw) throw new Error('images have no σ_x');
  return tf.add(tf.softplus(n.sigmaRaw), LOG_SIGMA_X_MIN) as tf.Tensor1D;
}

/** log p(x|z) per row, given the decoder's raw output for z: [n]. */
export function logLikelihood(n: VaeNets, x: tf.Tensor2D, raw: tf.Tensor2D): tf.Tensor1D {
  if (n.images) {
    // Bernoulli: x·logits − softplus(logits), summed over pixels
    return tf.sum(tf.sub(tf.mul(x, raw), tf.softplus(raw)), 1) as tf.Tensor1D;
  }
  const logSigma = logSigmaX(n);
  const r = tf.div(tf.sub(x, raw), tf.exp(logSigma));
  const perDim = tf.add(tf.mul(tf.square(r), -0.5), tf.neg(tf.add(logSigma, 0.5 * LOG_2PI)));
  return tf.sum(perDim, 1) as tf.Tensor1D;
}

/** KL(q(z|x) ‖ N(0, I)) per row, analytically: [n]. */
export function klToPrior(mu: tf.Tensor2D, logvar: tf.Tensor2D): tf.Tensor1D {
  const terms = tf.sub(tf.add(tf.square(mu), tf.exp(logvar)), tf.add(logvar, 1));
  return tf.mul(tf.sum(terms, 1), 0.5) as tf.Tensor1D;
}

/**
 * One reparameterised sample of the ELBO's two parts per row: recon = log p(x|z) with
 * z = μ + σ·ε (ε given, from the lab's own stream), kl = KL(q ‖ p(z)).
 */
export function elboTerms(
  n: VaeNets,
  x: tf.Tensor2D,
  eps: tf.Tensor2D,
): { recon: tf.Tensor1D; kl: tf.Tensor1D } {
  const { mu, logvar } = encode(n, x);
  const z: tf.Tensor2D = tf.add(mu, tf.mul(tf.exp(tf.mul(logvar, 0.5)), eps));
  return { recon: logLikelihood(n, x, decodeRaw(n, z)), kl: klToPrior(mu, logvar) };
}
