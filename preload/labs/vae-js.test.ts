import { beforeAll, expect, it } from 'vitest';
import { Rng } from '../rng';
import { forward, mlp, type Activation } from './nn';
import { labsTf, tf } from './tf';
import { forwardBatch, JsMlpRunner, snapshotMlp } from './vae-js';

beforeAll(async () => {
  await labsTf();
});

it('the plain-JavaScript MLP gives what tfjs gives, one row or many', () => {
  for (const a of ['relu', 'tanh', 'elu', 'leakyRelu'] as Activation[]) {
    const m = mlp('d', new Rng(2), [2, 12, 12, 3], a);
    const x = new Rng(3).fillNormal(new Float32Array(10));
    const want = tf.tidy(() => Array.from(forward(m, tf.tensor2d(x, [5, 2])).dataSync()));
    const net = snapshotMlp(m);
    forwardBatch(net, x, 5).forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 5));
    const runner = new JsMlpRunner(net);
    const out = runner.forward(x.subarray(4, 6), new Float64Array(3));
    out.forEach((v, i) => expect(v).toBeCloseTo(want[6 + i]!, 5));
    for (const l of m.layers) [l.w, l.b].forEach((v) => v.dispose());
  }
});

it('backward() is the input gradient (checked against central differences)', () => {
  for (const a of ['tanh', 'relu'] as Activation[]) {
    const m = mlp('d', new Rng(5), [2, 16, 16, 2], a);
    const runner = new JsMlpRunner(snapshotMlp(m));
    const gOut = [0.7, -1.3];
    const f = (z: number[]) => {
      const y = runner.forward(z, new Float64Array(2));
      return gOut[0]! * y[0]! + gOut[1]! * y[1]!;
    };
    const z = [0.37, -0.81];
    runner.forward(z, new Float64Array(2));
    const g = runner.backward(gOut, new Float64Array(2));
    const h = 1e-5;
    for (let i = 0; i < 2; i++) {
      const up = [...z];
      const down = [...z];
      up[i]! += h;
      down[i]! -= h;
      expect(g[i]).toBeCloseTo((f(up) - f(down)) / (2 * h), 5);
    }
    for (const l of m.layers) [l.w, l.b].forEach((v) => v.dispose());
  }
});
