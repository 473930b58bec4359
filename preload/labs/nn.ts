/**
 * Small multilayer perceptrons on tfjs variables, initialised from the lab's own seeded stream
 * (never tfjs's global random state), with their optimizer, and saved/restored by name.
 */
import type { Rng } from '../rng';
import { tf } from './tf';
import type { CommonSettings, EngineWeights, SavedTensor } from './types';
import { loadTensor, saveTensor } from './weights';

export type Activation = 'relu' | 'tanh' | 'leakyRelu' | 'elu' | 'linear';

export interface Layer {
  w: tf.Variable;
  b: tf.Variable;
}

export interface Mlp {
  name: string;
  sizes: number[];
  layers: Layer[];
  activation: Activation;
}

/** The layer sizes of an MLP from `inputs` to `outputs` with the settings' width and depth. */
export function layerSizes(
  inputs: number,
  outputs: number,
  s: Pick<CommonSettings, 'width' | 'depth'>,
): number[] {
  return [inputs, ...Array.from({ length: s.depth }, () => s.width), outputs];
}

/**
 * An MLP with He-normal weights (Glorot for tanh) drawn from `rng`, zero biases; `scaleLast`
 * shrinks the last layer (e.g. 0 so a flow's coupling starts as the identity).
 */
export function mlp(name: string, rng: Rng, sizes: number[], activation: Activation, scaleLast = 1): Mlp {
  const layers: Layer[] = [];
  for (let i = 0; i + 1 < sizes.length; i++) {
    const fanIn = sizes[i]!;
    const fanOut = sizes[i + 1]!;
    const std = activation === 'tanh' ? Math.sqrt(2 / (fanIn + fanOut)) : Math.sqrt(2 / fanIn);
    const w = rng.fillNormal(new Float32Array(fanIn * fanOut));
    const scale = std * (i + 2 === sizes.length ? scaleLast : 1);
    for (let k = 0; k < w.length; k++) w[k]! *= scale;
    // tf.variable copies its initial value: the starting tensors are freed here, not leaked
    layers.push(
      tf.tidy(() => ({
        w: tf.variable(tf.tensor2d(w, [fanIn, fanOut])),
        b: tf.variable(tf.zeros([fanOut])),
      })),
    );
  }
  return { name, sizes, layers, activation };
}

export function activate(x: tf.Tensor, a: Activation): tf.Tensor {
  switch (a) {
    case 'relu':
      return tf.relu(x);
    case 'tanh':
      return tf.tanh(x);
    case 'leakyRelu':
      return tf.leakyRelu(x, 0.2);
    case 'elu':
      return tf.elu(x);
    case 'linear':
      return x;
  }
}

/** x [n, in] → [n, out]; the last layer is linear. */
export function forward(m: Mlp, x: tf.Tensor): tf.Tensor2D {
  let h = x as tf.Tensor2D;
  m.layers.forEach((l, i) => {
    h = tf.add(tf.matMul(h, l.w), l.b);
    if (i + 1 < m.layers.length) h = activate(h, m.activation) as tf.Tensor2D;
  });
  return h;
}

export function variables(...nets: Mlp[]): tf.Variable[] {
  return nets.flatMap((m) => m.layers.flatMap((l) => [l.w, l.b]));
}

export function parameterCount(...nets: Mlp[]): number {
  return variables(...nets).reduce((n, v) => n + v.size, 0);
}

/** Each net's variables by stable names (`<net>.<layer>.w|b`). */
export function saveNets(...nets: Mlp[]): Record<string, SavedTensor> {
  const out: Record<string, SavedTensor> = {};
  for (const m of nets) {
    m.layers.forEach((l, i) => {
      out[`${m.name}.${i}.w`] = saveTensor(l.w.shape, l.w.dataSync() as Float32Array);
      out[`${m.name}.${i}.b`] = saveTensor(l.b.shape, l.b.dataSync() as Float32Array);
    });
  }
  return out;
}

/** Puts saved values into the nets (same names and shapes, else a readable error). */
export function loadNets(weights: EngineWeights, ...nets: Mlp[]): void {
  tf.tidy(() => loadInto(weights, nets));
}

function loadInto(weights: EngineWeights, nets: Mlp[]): void {
  for (const m of nets) {
    m.layers.forEach((l, i) => {
      l.w.assign(
        tf.tensor(loadTensor(`${m.name}.${i}.w`, weights.tensors[`${m.name}.${i}.w`], l.w.shape), l.w.shape),
      );
      l.b.assign(
        tf.tensor(loadTensor(`${m.name}.${i}.b`, weights.tensors[`${m.name}.${i}.b`], l.b.shape), l.b.shape),
      );
    });
  }
}

export function disposeNets(...nets: Mlp[]): void {
  for (const v of variables(...nets)) v.dispose();
}

/** `count` row indices drawn uniformly with replacement from `n` rows. */
export function batchIndices(rng: Rng, n: number, count: number): Int32Array {
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) out[i] = rng.nextU32() % n;
  return out;
}

/** Rows `idx` of a row-major matrix. */
export function gatherRows(values: Float32Array, dim: number, idx: Int32Array): Float32Array {
  const out = new Float32Array(idx.length * dim);
  for (let i = 0; i < idx.length; i++) out.set(values.subarray(idx[i]! * dim, idx[i]! * dim + dim), i * dim);
  return out;
}

/** `count` × `dim` standard normals from the lab's stream. */
export function normals(rng: Rng, count: number, dim: number): Float32Array {
  return rng.fillNormal(new Float32Array(count * dim));
}
