import { beforeAll, expect, it } from 'vitest';
import { LabOptimizer } from './optim';
import { labsTf, tf } from './tf';
import type { OptimizerName } from './types';

beforeAll(async () => {
  await labsTf();
});

/** A small least-squares problem: both optimizers walk the same loss from the same start. */
function problem() {
  const w = tf.variable(tf.tensor2d([0.3, -0.2, 0.5, 0.1, -0.4, 0.2], [3, 2]));
  const b = tf.variable(tf.tensor1d([0.05, -0.05]));
  const x = tf.tensor2d([1, 2, -1, 0.5, 0, 1, -2, 1, 0.3, 1.5, -0.7, 0.2], [4, 3]);
  const y = tf.tensor2d([1, 0, 0, 1, 1, 1, -1, 0.5], [4, 2]);
  const loss = (): tf.Scalar => tf.mean(tf.square(tf.sub(tf.add(tf.matMul(x, w), b), y)));
  const vars: tf.Variable[] = [w, b];
  return { vars, loss, dispose: () => [w, b, x, y].forEach((t) => t.dispose()) };
}

const reference = (kind: OptimizerName, lr: number): tf.Optimizer =>
  kind === 'adam'
    ? tf.train.adam(lr, 0.5, 0.999)
    : kind === 'sgd'
      ? tf.train.momentum(lr, 0.9)
      : tf.train.rmsprop(lr);

it.each(['adam', 'sgd', 'rmsprop'] as OptimizerName[])(
  '%s follows tfjs’s own optimizer step for step',
  (kind) => {
    const ours = problem();
    const theirs = problem();
    const opt = new LabOptimizer('t', ours.vars, { kind, learningRate: 0.05, beta1: 0.5 });
    const ref = reference(kind, 0.05);
    for (let i = 0; i < 25; i++) {
      const a = opt.minimize(ours.loss, true)!;
      const b = ref.minimize(theirs.loss, true, theirs.vars)!;
      expect(a).toBeCloseTo(b.dataSync()[0]!, 5);
      b.dispose();
    }
    const w = Array.from(ours.vars[0]!.dataSync());
    Array.from(theirs.vars[0]!.dataSync()).forEach((v, i) => expect(w[i]).toBeCloseTo(v, 5));
    ref.dispose();
    ours.dispose();
    theirs.dispose();
  },
);

it('saves and loads its state exactly, and starts afresh when the saved state is for another optimizer', () => {
  const a = problem();
  const b = problem();
  const optA = new LabOptimizer('t', a.vars, { kind: 'adam', learningRate: 0.05, beta1: 0.5 });
  for (let i = 0; i < 5; i++) optA.minimize(a.loss, false);
  b.vars.forEach((v, i) => v.assign(a.vars[i]!));
  const optB = new LabOptimizer('t', b.vars, { kind: 'adam', learningRate: 0.05, beta1: 0.5 });
  optB.load(optA.save());
  for (let i = 0; i < 5; i++) expect(optB.minimize(b.loss, true)).toBe(optA.minimize(a.loss, true));
  const fresh = new LabOptimizer('t', b.vars, { kind: 'rmsprop', learningRate: 0.05, beta1: 0.5 });
  fresh.load(optA.save());
  expect(Object.keys(fresh.save())).toContain('t.rmsprop.steps');
  const unused = new LabOptimizer('u', b.vars, { kind: 'rmsprop', learningRate: 1, beta1: 0.5 });
  expect(fresh.save()['t.rmsprop.0.0']).toEqual(unused.save()['u.rmsprop.0.0']);
  a.dispose();
  b.dispose();
});
