import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../rng';
import {
  batchIndices,
  disposeNets,
  forward,
  gatherRows,
  layerSizes,
  loadNets,
  mlp,
  parameterCount,
  saveNets,
} from './nn';
import { labsTf, tf } from './tf';

beforeAll(async () => {
  await labsTf();
});

describe('mlp', () => {
  it('the same seed gives the same weights and outputs; another seed others', () => {
    const a = mlp('g', new Rng(1), layerSizes(2, 2, { width: 16, depth: 2 }), 'relu');
    const b = mlp('g', new Rng(1), layerSizes(2, 2, { width: 16, depth: 2 }), 'relu');
    const c = mlp('g', new Rng(2), layerSizes(2, 2, { width: 16, depth: 2 }), 'relu');
    const x = tf.tensor2d([0.5, -1, 2, 0.25], [2, 2]);
    expect(Array.from(forward(a, x).dataSync())).toEqual(Array.from(forward(b, x).dataSync()));
    expect(Array.from(forward(a, x).dataSync())).not.toEqual(Array.from(forward(c, x).dataSync()));
    expect(parameterCount(a)).toBe(2 * 16 + 16 + 16 * 16 + 16 + 16 * 2 + 2);
    disposeNets(a, b, c);
  });

  it('scaleLast 0 makes the last layer output zeros (a coupling that starts as the identity)', () => {
    const m = mlp('s', new Rng(3), [1, 8, 2], 'tanh', 0);
    expect(Array.from(forward(m, tf.tensor2d([[0.7]])).dataSync())).toEqual([0, 0]);
    disposeNets(m);
  });

  it('saved weights load into another net exactly, and a wrong shape is refused by name', () => {
    const a = mlp('d', new Rng(4), [2, 8, 1], 'leakyRelu');
    const b = mlp('d', new Rng(5), [2, 8, 1], 'leakyRelu');
    const saved = { tensors: saveNets(a), rng: [0, 0, 0, 0] };
    loadNets(saved, b);
    const x = tf.tensor2d([[1, 2]]);
    expect(Array.from(forward(b, x).dataSync())).toEqual(Array.from(forward(a, x).dataSync()));
    const wide = mlp('d', new Rng(5), [2, 9, 1], 'leakyRelu');
    expect(() => loadNets(saved, wide)).toThrow('The saved weights d.0.w are 2×8, this lab needs 2×9.');
    disposeNets(a, b, wide);
  });
});

it('batches are rows drawn from the stream', () => {
  const idx = batchIndices(new Rng(9), 5, 100);
  expect(Math.max(...idx)).toBeLessThan(5);
  expect(new Set(idx).size).toBe(5);
  expect(Array.from(gatherRows(new Float32Array([0, 1, 10, 11, 20, 21]), 2, new Int32Array([2, 0])))).toEqual(
    [20, 21, 0, 1],
  );
});

it('building and disposing a net leaves no tensors behind', () => {
  const before = tf.memory().numTensors;
  disposeNets(mlp('x', new Rng(1), [2, 8, 8, 2], 'relu'));
  expect(tf.memory().numTensors).toBe(before);
});
