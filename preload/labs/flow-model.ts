/**
 * RealNVP on the plane: a stack of affine coupling layers. Layer i keeps one coordinate and moves
 * the other by an affine map whose scale and shift an MLP reads from the kept one; the kept
 * coordinate alternates, so two layers can move both. Direction: `forward` is data → base
 * (x → z, what the likelihood needs), `inverse` is base → data (sampling).
 *
 *   y_c = x_c · exp(s(x_k)) + t(x_k),   y_k = x_k,   log|det ∂y/∂x| = s(x_k)
 *
 * s is bounded (S_MAX · tanh(raw / S_MAX)) so one layer cannot blow the density up, and each MLP's
 * last layer starts at zero, so a fresh flow is the identity and its density the base N(0, I).
 */
import type { Rng } from '../rng';
import { disposeNets, layerSizes, mlp, variables, type Mlp } from './nn';
import { tf } from './tf';
import type { CommonSettings } from './types';

/** The largest |log scale| one layer may apply (e² ≈ 7.4× stretch or squeeze). */
export const S_MAX = 2;
/** log(2π): the 2-D standard normal's log-density is −|z|²/2 − LOG_2PI. */
export const LOG_2PI = Math.log(2 * Math.PI);
/** The conditioners' hidden activation (smooth, so the density is smooth; ONNX has Tanh). */
export const COUPLING_ACTIVATION = 'tanh' as const;

export interface Coupling {
  /** The MLP from the kept coordinate to (raw log-scale, shift). */
  net: Mlp;
  /** The coordinate this layer moves (0 = x, 1 = y); the other one conditions it. */
  moves: 0 | 1;
}

export interface FlowModel {
  couplings: Coupling[];
}

/** `layers` couplings; the first moves y (conditioned on x), the next x, and so on. */
export function createFlowModel(
  rng: Rng,
  layers: number,
  s: Pick<CommonSettings, 'width' | 'depth'>,
): FlowModel {
  const couplings: Coupling[] = [];
  for (let i = 0; i < layers; i++) {
    couplings.push({
      net: mlp(`coupling${i}`, rng, layerSizes(1, 2, s), COUPLING_ACTIVATION, 0),
      moves: i % 2 === 0 ? 1 : 0,
    });
  }
  return { couplings };
}

export function flowVariables(m: FlowModel): tf.Variable[] {
  return variables(...m.couplings.map((c) => c.net));
}

export function disposeFlowModel(m: FlowModel): void {
  disposeNets(...m.couplings.map((c) => c.net));
}

/**
 * The conditioner MLP (tanh hidden layers, linear last). The bias is added as ones · b rather than
 * broadcast: the gradient of a broadcast add is a Sum over the batch, which the cpu backend does
 * by a transpose several times slower than the equivalent matMul.
 */
function conditioner(m: Mlp, x: tf.Tensor2D): tf.Tensor2D {
  let h = x;
  const ones = tf.ones([x.shape[0], 1]);
  m.layers.forEach((l, i) => {
    h = tf.add(tf.matMul(h, l.w as tf.Tensor2D), tf.matMul(ones, tf.reshape(l.b, [1, -1])));
    if (i + 1 < m.layers.length) h = tf.tanh(h);
  });
  return h;
}

/**
 * Column c of [n, 2] as [n, 1], and back, by matMul with fixed selection matrices: the cpu
 * backend's split and concat on columns cost far more than these tiny products (and the ONNX
 * export does the same, see flow-onnx.ts).
 */
let selectors: { pick: [tf.Tensor2D, tf.Tensor2D]; put: [tf.Tensor2D, tf.Tensor2D] } | undefined;
function sel(): NonNullable<typeof selectors> {
  selectors ??= tf.tidy(() => {
    const keep = <T extends tf.Tensor>(t: T): T => tf.keep(t);
    return {
      pick: [keep(tf.tensor2d([1, 0], [2, 1])), keep(tf.tensor2d([0, 1], [2, 1]))],
      put: [keep(tf.tensor2d([1, 0], [1, 2])), keep(tf.tensor2d([0, 1], [1, 2]))],
    };
  });
  return selectors;
}

function column(x: tf.Tensor2D, c: 0 | 1): tf.Tensor2D {
  return tf.matMul(x, sel().pick[c]);
}

/** The bounded log-scale and the shift a coupling applies, from its conditioning column [n, 1]. */
function scaleShift(c: Coupling, kept: tf.Tensor2D): { s: tf.Tensor2D; t: tf.Tensor2D } {
  const out = conditioner(c.net, kept);
  const s = tf.mul(tf.tanh(tf.mul(column(out, 0), 1 / S_MAX)), S_MAX) as tf.Tensor2D;
  return { s, t: column(out, 1) };
}

function columns(x: tf.Tensor2D, c: Coupling): { kept: tf.Tensor2D; moved: tf.Tensor2D } {
  return { kept: column(x, c.moves === 1 ? 0 : 1), moved: column(x, c.moves) };
}

function join(kept: tf.Tensor2D, moved: tf.Tensor2D, c: Coupling): tf.Tensor2D {
  const { put } = sel();
  return tf.add(tf.matMul(kept, put[c.moves === 1 ? 0 : 1]), tf.matMul(moved, put[c.moves]));
}

/** One coupling, data side → base side; its log|det| per row [n, 1]. */
function couplingForward(c: Coupling, x: tf.Tensor2D): { y: tf.Tensor2D; logDet: tf.Tensor2D } {
  const { kept, moved } = columns(x, c);
  const { s, t } = scaleShift(c, kept);
  const y = tf.add(tf.mul(moved, tf.exp(s)), t) as tf.Tensor2D;
  return { y: join(kept, y, c), logDet: s };
}

/** One coupling, base side → data side. */
function couplingInverse(c: Coupling, y: tf.Tensor2D): tf.Tensor2D {
  const { kept, moved } = columns(y, c);
  const { s, t } = scaleShift(c, kept);
  const x = tf.mul(tf.sub(moved, t), tf.exp(tf.neg(s))) as tf.Tensor2D;
  return join(kept, x, c);
}

/** x [n, 2] → z = f(x) [n, 2] and Σ log|det ∂f/∂x| [n]. Call inside tf.tidy. */
export function flowForward(m: FlowModel, x: tf.Tensor2D): { z: tf.Tensor2D; logDet: tf.Tensor1D } {
  let h = x;
  let logDet: tf.Tensor2D = tf.zeros([x.shape[0], 1]);
  for (const c of m.couplings) {
    const out = couplingForward(c, h);
    h = out.y;
    logDet = tf.add(logDet, out.logDet) as tf.Tensor2D;
  }
  return { z: h, logDet: tf.reshape(logDet, [-1]) as tf.Tensor1D };
}

/** Exact log p(x) = log N(f(x); 0, I) + log|det ∂f/∂x|, per row [n]. Call inside tf.tidy. */
export function flowLogProb(m: FlowModel, x: tf.Tensor2D): tf.Tensor1D {
  const { z, logDet } = flowForward(m, x);
  const base = tf.sub(tf.mul(tf.reshape(tf.matMul(tf.square(z), tf.ones([2, 1])), [-1]), -0.5), LOG_2PI);
  return tf.add(base, logDet) as tf.Tensor1D;
}

/**
 * z [n, 2] carried from the base toward the data one layer at a time: stage 0 is z itself, stage
 * k has gone back through the last k layers, stage L is x = f⁻¹(z). Call inside tf.tidy.
 */
export function flowInverseStages(m: FlowModel, z: tf.Tensor2D): tf.Tensor2D[] {
  const stages = [z];
  let h = z;
  for (let i = m.couplings.length - 1; i >= 0; i--) {
    h = couplingInverse(m.couplings[i]!, h);
    stages.push(h);
  }
  return stages;
}

/** x = f⁻¹(z). Call inside tf.tidy. */
export function flowInverse(m: FlowModel, z: tf.Tensor2D): tf.Tensor2D {
  return flowInverseStages(m, z).at(-1)!;
}
