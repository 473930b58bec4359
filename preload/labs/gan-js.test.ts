import { beforeAll, expect, it } from 'vitest';
import { Rng } from '../rng';
import { discriminate, ganNets, generate } from './gan-model';
import { GAN_DEFAULTS } from './gan-settings';
import { forwardJs } from './gan-js';
import { disposeNets, normals } from './nn';
import { labsTf, tf } from './tf';

beforeAll(async () => {
  await labsTf();
});

it('the plain-JavaScript forward pass gives the tfjs nets’ numbers', () => {
  const nets = ganNets(new Rng(4), { ...GAN_DEFAULTS, depth: 3 }, 2);
  // Non-zero biases, so they are checked too.
  for (const l of [...nets.g.layers, ...nets.d.layers]) l.b.assign(tf.tidy(() => tf.add(l.b, 0.1)));
  const x = normals(new Rng(5), 300, 2);
  const [d, g] = tf.tidy(() => {
    const t = tf.tensor2d(x, [300, 2]);
    return [discriminate(nets, t).dataSync(), generate(nets, t).dataSync()];
  });
  const dJs = forwardJs(nets.d, x, 300, 'leaky');
  const gJs = forwardJs(nets.g, x, 300, 'relu');
  dJs.forEach((v, i) => expect(v).toBeCloseTo(d[i]!, 4));
  gJs.forEach((v, i) => expect(v).toBeCloseTo(g[i]!, 4));
  disposeNets(nets.g, nets.d);
});
