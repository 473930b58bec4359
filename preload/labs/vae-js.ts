/**
 * A trained MLP's weights as plain arrays, evaluated one point at a time in JavaScript: the
 * Bayesian lab's sampler calls the decoder thousands of times in sequence, where a tfjs call per
 * point would cost more in dispatch than in arithmetic. Also backpropagates an output gradient
 * to the input (HMC's ∇z).
 */
import type { Activation, Mlp } from './nn';

export interface JsMlp {
  sizes: number[];
  activation: Activation;
  /** Row-major [in, out] per layer. */
  w: Float32Array[];
  b: Float32Array[];
}

export function snapshotMlp(m: Mlp): JsMlp {
  return {
    sizes: [...m.sizes],
    activation: m.activation,
    w: m.layers.map((l) => Float32Array.from(l.w.dataSync() as Float32Array)),
    b: m.layers.map((l) => Float32Array.from(l.b.dataSync() as Float32Array)),
  };
}

function act(a: Activation, v: number): number {
  switch (a) {
    case 'relu':
      return v > 0 ? v : 0;
    case 'tanh':
      return Math.tanh(v);
    case 'leakyRelu':
      return v > 0 ? v : 0.2 * v;
    case 'elu':
      return v > 0 ? v : Math.expm1(v);
    case 'linear':
      return v;
  }
}

/** d act / d pre-activation, from the pre-activation `v`. */
function actGrad(a: Activation, v: number): number {
  switch (a) {
    case 'relu':
      return v > 0 ? 1 : 0;
    case 'tanh': {
      const t = Math.tanh(v);
      return 1 - t * t;
    }
    case 'leakyRelu':
      return v > 0 ? 1 : 0.2;
    case 'elu':
      return v > 0 ? 1 : Math.exp(v);
    case 'linear':
      return 1;
  }
}

/**
 * net(x) for n rows at once (row-major n × in → n × out), layer by layer. Used for the big
 * latent grids: on the cpu backend this plain loop runs a few times faster than tfjs's matMul.
 */
export function forwardBatch(net: JsMlp, x: Float32Array, n: number): Float32Array {
  const { sizes, w, b, activation } = net;
  let h = x;
  const layers = sizes.length - 1;
  for (let l = 0; l < layers; l++) {
    const nIn = sizes[l]!;
    const nOut = sizes[l + 1]!;
    const W = w[l]!;
    const B = b[l]!;
    const out = new Float32Array(n * nOut);
    const last = l + 1 === layers;
    for (let r = 0; r < n; r++) {
      const o = r * nOut;
      for (let j = 0; j < nOut; j++) out[o + j] = B[j]!;
      for (let i = 0; i < nIn; i++) {
        const hi = h[r * nIn + i]!;
        if (hi === 0) continue; // ReLU zeros: a third to a half of the hidden units
        const row = i * nOut;
        for (let j = 0; j < nOut; j++) out[o + j]! += hi * W[row + j]!;
      }
      if (!last) for (let j = 0; j < nOut; j++) out[o + j] = act(activation, out[o + j]!);
    }
    h = out;
  }
  return h;
}

/** Evaluates an MLP on single inputs, keeping pre-activations for {@link JsMlpRunner.backward}. */
export class JsMlpRunner {
  private readonly pre: Float64Array[];
  private readonly post: Float64Array[];

  constructor(readonly net: JsMlp) {
    this.pre = net.sizes.map((n) => new Float64Array(n));
    this.post = net.sizes.map((n) => new Float64Array(n));
  }

  /** out = net(x); the last layer is linear. */
  forward(x: ArrayLike<number>, out: Float64Array): Float64Array {
    const { sizes, w, b, activation } = this.net;
    const input = this.post[0]!;
    for (let i = 0; i < sizes[0]!; i++) input[i] = x[i]!;
    const layers = sizes.length - 1;
    for (let l = 0; l < layers; l++) {
      const nIn = sizes[l]!;
      const nOut = sizes[l + 1]!;
      const h = this.post[l]!;
      const pre = this.pre[l + 1]!;
      const post = this.post[l + 1]!;
      const W = w[l]!;
      const B = b[l]!;
      for (let j = 0; j < nOut; j++) pre[j] = B[j]!;
      for (let i = 0; i < nIn; i++) {
        const hi = h[i]!;
        if (hi === 0) continue;
        const row = i * nOut;
        for (let j = 0; j < nOut; j++) pre[j]! += hi * W[row + j]!;
      }
      const last = l + 1 === layers;
      for (let j = 0; j < nOut; j++) post[j] = last ? pre[j]! : act(activation, pre[j]!);
    }
    const y = this.post[layers]!;
    for (let j = 0; j < y.length; j++) out[j] = y[j]!;
    return out;
  }

  /** ∂(gOut · net(x))/∂x at the x of the last {@link forward}. */
  backward(gOut: ArrayLike<number>, gIn: Float64Array): Float64Array {
    const { sizes, w, activation } = this.net;
    const layers = sizes.length - 1;
    let g = Float64Array.from({ length: sizes[layers]! }, (_, j) => gOut[j]!);
    for (let l = layers - 1; l >= 0; l--) {
      const nIn = sizes[l]!;
      const nOut = sizes[l + 1]!;
      const W = w[l]!;
      const prev = new Float64Array(nIn);
      for (let i = 0; i < nIn; i++) {
        let s = 0;
        const row = i * nOut;
        for (let j = 0; j < nOut; j++) s += W[row + j]! * g[j]!;
        prev[i] = s;
      }
      if (l > 0) {
        const pre = this.pre[l]!;
        for (let i = 0; i < nIn; i++) prev[i]! *= actGrad(activation, pre[i]!);
      }
      g = prev;
    }
    gIn.set(g);
    return gIn;
  }
}
