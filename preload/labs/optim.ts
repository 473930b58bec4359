/**
 * The Labs' optimizer, one for every engine: tfjs computes the gradients, the update runs in plain
 * JavaScript on Float32Array state with tfjs's own rules (Adam with bias correction, momentum 0.9,
 * RMSProp decay 0.9, ε 1e-7).
 *
 * Why not tfjs's optimizers: they hand their state over only asynchronously, and a saved lab must
 * continue bit for bit from a synchronous `save()`; and on the cpu backend every small tfjs op
 * costs more in dispatch than in arithmetic, so a per-variable update in tfjs ops was over a
 * third of a training step. `optim.test.ts` holds this to tfjs's optimizers step for step.
 */
import { tf } from './tf';
import type { OptimizerName, SavedTensor } from './types';
import { decodeF32, encodeF32, saveTensor } from './weights';

const BETA2 = 0.999;
const EPSILON = 1e-7;
const MOMENTUM = 0.9;
const RMS_DECAY = 0.9;

export interface OptimizerOptions {
  kind: OptimizerName;
  learningRate: number;
  /** Adam's β1 (0.9; GANs take 0.5: less momentum keeps the two players from overshooting). */
  beta1?: number;
}

export class LabOptimizer {
  private readonly slots: Float32Array[][];
  private steps = 0;
  private readonly beta1: number;

  /** `name` prefixes the saved state (an engine with two optimizers gives each its own). */
  constructor(
    private readonly name: string,
    private readonly vars: tf.Variable[],
    private readonly opts: OptimizerOptions,
  ) {
    this.beta1 = opts.beta1 ?? 0.9;
    const perVar = opts.kind === 'adam' ? 2 : 1;
    this.slots = vars.map((v) => Array.from({ length: perVar }, () => new Float32Array(v.size)));
  }

  /**
   * One step down `loss` (a scalar of the variables); answers the loss's value when `read` (one
   * sync more). Everything it makes is freed.
   */
  minimize(loss: () => tf.Scalar, read = false): number | undefined {
    let value: number | undefined;
    const grads = tf.tidy(() => {
      const { value: cost, grads } = tf.variableGrads(loss, this.vars);
      if (read) value = cost.dataSync()[0];
      return this.vars.map((v) => grads[v.name]!);
    });
    this.steps++;
    this.vars.forEach((v, i) => {
      const g = grads[i]!.dataSync() as Float32Array;
      grads[i]!.dispose();
      const w = Float32Array.from(v.dataSync() as Float32Array);
      this.update(w, g, this.slots[i]!);
      tf.tidy(() => v.assign(tf.tensor(w, v.shape)));
    });
    return value;
  }

  private update(w: Float32Array, g: Float32Array, s: Float32Array[]): void {
    const lr = this.opts.learningRate;
    switch (this.opts.kind) {
      case 'adam': {
        const b1 = this.beta1;
        const c1 = 1 - Math.pow(b1, this.steps);
        const c2 = 1 - Math.pow(BETA2, this.steps);
        const [m, u] = [s[0]!, s[1]!];
        for (let k = 0; k < w.length; k++) {
          m[k] = b1 * m[k]! + (1 - b1) * g[k]!;
          u[k] = BETA2 * u[k]! + (1 - BETA2) * g[k]! * g[k]!;
          w[k]! -= (lr * (m[k]! / c1)) / (Math.sqrt(u[k]! / c2) + EPSILON);
        }
        break;
      }
      case 'sgd': {
        const vel = s[0]!;
        for (let k = 0; k < w.length; k++) {
          vel[k] = MOMENTUM * vel[k]! + g[k]!;
          w[k]! -= lr * vel[k]!;
        }
        break;
      }
      case 'rmsprop': {
        const ms = s[0]!;
        for (let k = 0; k < w.length; k++) {
          ms[k] = RMS_DECAY * ms[k]! + (1 - RMS_DECAY) * g[k]! * g[k]!;
          w[k]! -= (lr * g[k]!) / Math.sqrt(ms[k]! + EPSILON);
        }
        break;
      }
    }
  }

  private get prefix(): string {
    return `${this.name}.${this.opts.kind}`;
  }

  /** The state as `<name>.<kind>.<var>.<slot>` and the step count. */
  save(): Record<string, SavedTensor> {
    const out: Record<string, SavedTensor> = {
      [`${this.prefix}.steps`]: { shape: [1], data: encodeF32(new Float32Array([this.steps])) },
    };
    this.slots.forEach((slots, i) =>
      slots.forEach((s, k) => {
        out[`${this.prefix}.${i}.${k}`] = saveTensor(this.vars[i]!.shape, s);
      }),
    );
    return out;
  }

  /**
   * Takes the saved state when it is there for this optimizer and these shapes; otherwise (another
   * optimizer was chosen, an older file) starts from zero, as a fresh optimizer would.
   */
  load(tensors: Record<string, SavedTensor>): void {
    const steps = tensors[`${this.prefix}.steps`];
    if (!steps) return;
    const fits = this.slots.every((slots, i) =>
      slots.every((_, k) => {
        const saved = tensors[`${this.prefix}.${i}.${k}`];
        const shape = this.vars[i]!.shape;
        return (
          saved !== undefined &&
          saved.shape.length === shape.length &&
          saved.shape.every((d, j) => d === shape[j])
        );
      }),
    );
    if (!fits) return;
    const loaded = this.slots.map((slots, i) =>
      slots.map((_, k) => decodeF32(tensors[`${this.prefix}.${i}.${k}`]!.data)),
    );
    if (!loaded.every((slots, i) => slots.every((v, k) => v.length === this.slots[i]![k]!.length))) return;
    this.steps = decodeF32(steps.data)[0] ?? 0;
    loaded.forEach((slots, i) => slots.forEach((v, k) => this.slots[i]![k]!.set(v)));
  }
}
