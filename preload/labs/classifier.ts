/**
 * A small image classifier trained with the Labs' engine (tfjs on its cpu backend, a seeded MLP
 * from nn.ts, the LabOptimizer), for the Datasets studio's "did the synthetic data help?".
 *
 * Why an MLP and not a conv net: on the cpu backend a two-layer conv net on 16×16 grey images
 * took ~110–450 ms per batch of 32 (strided / max-pooled) against ~4 ms for a 256→64→C MLP, and
 * ~1.8 s at 32×32; the evaluation trains many classifiers, so the MLP it is.
 *
 * Deterministic: all randomness (initial weights, batch order) comes from one `Rng(seed)`, so the
 * same data, options and seed give the same weights and predictions bit for bit.
 *
 * Cooperative: training is a loop of synchronous steps that checks `signal` before every step
 * (a cancel stops it within one step with a {@link ClassifierCancelledError}), calls `onProgress`
 * after every step (a callback that throws stops training too; the error is passed on), and every
 * few tens of milliseconds awaits a macrotask so a Web Worker can receive the message that aborts
 * the signal. Nothing leaks: the network is freed when training fails or is cancelled, and by
 * `dispose()` otherwise.
 */
import { Rng } from '../rng';
import {
  checkClasses,
  checkRange,
  checkRows,
  checkWhole,
  ClassifierCancelledError,
  refuse,
} from './classifier-input';
import { disposeNets, forward, gatherRows, layerSizes, mlp, variables, type Mlp } from './nn';
import { LabOptimizer } from './optim';
import { labsTf, tf } from './tf';
import { OPTIMIZERS, type OptimizerName } from './types';

export { ClassifierCancelledError, ClassifierInputError } from './classifier-input';

export interface ClassifierOptions {
  /** n × dim values, row-major (images: dim = side², values in [0, 1]). */
  x: Float32Array;
  /** n labels in [0, classes). */
  y: Int32Array;
  classes: number;
  /** For images: the side in pixels; checked against the row width when given. */
  side?: number;
  seed: number;
  /** Optimizer steps (one batch each); or give `epochs` (passes over the data). Default 300 steps. */
  steps?: number;
  epochs?: number;
  /** Default 32. */
  batchSize?: number;
  /** Default 0.002 (Adam). */
  learningRate?: number;
  /** Hidden units per layer (default 64) and hidden layers (default 1). */
  width?: number;
  depth?: number;
  optimizer?: OptimizerName;
  /** Called after every step with the fraction done, in (0, 1]. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/** The defaults {@link trainClassifier} uses for what is not given. */
export const CLASSIFIER_DEFAULTS = {
  steps: 300,
  batchSize: 32,
  learningRate: 0.002,
  width: 64,
  depth: 1,
  optimizer: 'adam' as OptimizerName,
};

export interface Classifier {
  readonly classes: number;
  /** Values per item. */
  readonly dim: number;
  /** Steps it trained for. */
  readonly steps: number;
  /** The training loss (mean cross-entropy) of the last batch. */
  readonly loss: number;
  /** The most likely class of each row of `x` (n × dim). */
  predict(x: Float32Array): Int32Array;
  /** Frees the network; `predict` refuses after it. */
  dispose(): void;
}

/** How long a run of synchronous steps may last before training awaits a macrotask. */
const YIELD_MS = 25;
/** Rows per forward pass in `predict` (bounds the memory of a large test set). */
const PREDICT_CHUNK = 1024;

/** Trains a classifier (see the module's comment for determinism, progress and cancelling). */
export async function trainClassifier(o: ClassifierOptions): Promise<Classifier> {
  checkClasses(o.classes);
  const dim = checkRows(o, o.classes);
  if (o.side !== undefined && o.side * o.side !== dim)
    refuse(
      `side is ${o.side} but the items have ${dim} values (side × side would be ${o.side * o.side})`,
      'side',
    );
  const n = o.y.length;
  const batchSize = o.batchSize ?? CLASSIFIER_DEFAULTS.batchSize;
  checkWhole(batchSize, 'batchSize', 1, 4096);
  const steps = stepCount(o, n, batchSize);
  const learningRate = o.learningRate ?? CLASSIFIER_DEFAULTS.learningRate;
  checkRange(learningRate, 'learningRate', 0.00001, 1);
  const width = o.width ?? CLASSIFIER_DEFAULTS.width;
  checkWhole(width, 'width', 1, 1024);
  const depth = o.depth ?? CLASSIFIER_DEFAULTS.depth;
  checkWhole(depth, 'depth', 0, 6);
  const kind = o.optimizer ?? CLASSIFIER_DEFAULTS.optimizer;
  if (!OPTIMIZERS.includes(kind)) refuse(`optimizer must be one of ${OPTIMIZERS.join(', ')}`, 'optimizer');

  await labsTf();
  cancelled(o.signal);
  const rng = new Rng(o.seed);
  const net = mlp('classifier', rng, layerSizes(dim, o.classes, { width, depth }), 'relu');
  try {
    const opt = new LabOptimizer('classifier', variables(net), { kind, learningRate });
    const order = new BatchOrder(rng, n);
    let loss = NaN;
    let since = Date.now();
    for (let step = 0; step < steps; step++) {
      cancelled(o.signal);
      const idx = order.next(batchSize);
      const xb = gatherRows(o.x, dim, idx);
      const yb = oneHot(o.y, idx, o.classes);
      const last = step + 1 === steps;
      const value = opt.minimize(() => crossEntropy(net, xb, yb, idx.length, dim, o.classes), last);
      if (value !== undefined) loss = value;
      o.onProgress?.((step + 1) / steps);
      if (Date.now() - since >= YIELD_MS) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        since = Date.now();
      }
    }
    cancelled(o.signal);
    return classifier(net, dim, o.classes, steps, loss);
  } catch (e) {
    disposeNets(net);
    throw e;
  }
}

function stepCount(o: ClassifierOptions, n: number, batchSize: number): number {
  if (o.steps !== undefined && o.epochs !== undefined) refuse('give steps or epochs, not both', 'epochs');
  if (o.epochs !== undefined) {
    checkRange(o.epochs, 'epochs', 0.01, 100_000);
    const steps = Math.max(1, Math.ceil((o.epochs * n) / batchSize));
    checkWhole(steps, 'epochs', 1, 1_000_000);
    return steps;
  }
  const steps = o.steps ?? CLASSIFIER_DEFAULTS.steps;
  checkWhole(steps, 'steps', 1, 1_000_000);
  return steps;
}

function cancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ClassifierCancelledError();
}

/** Batches that walk seeded shuffles of the rows: every row once per pass. */
class BatchOrder {
  private perm: Int32Array;
  private at: number;

  constructor(
    private readonly rng: Rng,
    private readonly n: number,
  ) {
    this.perm = new Int32Array(n);
    this.at = n;
  }

  next(count: number): Int32Array {
    const out = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      if (this.at === this.n) this.shuffle();
      out[i] = this.perm[this.at++]!;
    }
    return out;
  }

  private shuffle(): void {
    for (let i = 0; i < this.n; i++) this.perm[i] = i;
    for (let i = this.n - 1; i > 0; i--) {
      const j = this.rng.nextU32() % (i + 1);
      const t = this.perm[i]!;
      this.perm[i] = this.perm[j]!;
      this.perm[j] = t;
    }
    this.at = 0;
  }
}

function oneHot(y: Int32Array, idx: Int32Array, classes: number): Float32Array {
  const out = new Float32Array(idx.length * classes);
  for (let i = 0; i < idx.length; i++) out[i * classes + y[idx[i]!]!] = 1;
  return out;
}

function crossEntropy(
  net: Mlp,
  xb: Float32Array,
  yb: Float32Array,
  rows: number,
  dim: number,
  classes: number,
) {
  const logits = forward(net, tf.tensor2d(xb, [rows, dim]));
  const picked = tf.sum(tf.mul(tf.tensor2d(yb, [rows, classes]), tf.logSoftmax(logits)), 1);
  return tf.neg(tf.mean(picked)) as tf.Scalar;
}

function classifier(net: Mlp, dim: number, classes: number, steps: number, loss: number): Classifier {
  let live = true;
  return {
    classes,
    dim,
    steps,
    loss,
    predict(x) {
      if (!live) throw new Error('This classifier was disposed.');
      if (x.length % dim !== 0)
        refuse(`x has ${x.length} values, not a whole number of items of ${dim} values`, 'x');
      const n = x.length / dim;
      const out = new Int32Array(n);
      for (let start = 0; start < n; start += PREDICT_CHUNK) {
        const rows = Math.min(PREDICT_CHUNK, n - start);
        const chunk = x.subarray(start * dim, (start + rows) * dim);
        const best = tf.tidy(() => tf.argMax(forward(net, tf.tensor2d(chunk, [rows, dim])), 1).dataSync());
        out.set(best, start);
      }
      return out;
    },
    dispose() {
      if (live) disposeNets(net);
      live = false;
    },
  };
}
