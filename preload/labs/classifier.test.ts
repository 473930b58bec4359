import { beforeAll, describe, expect, it } from 'vitest';
import {
  ClassifierCancelledError,
  ClassifierInputError,
  trainClassifier,
  type ClassifierOptions,
} from './classifier';
import { shapeSet, SHAPES, SHAPE_SIDE } from './classifier-testing';
import { labsTf, tf } from './tf';

const CLASSES = SHAPES.length;
// 10 shapes of each kind to learn from; 20 of each, drawn apart, to test on.
const train = shapeSet(21, 10);
const test = shapeSet(12, 20);

beforeAll(async () => {
  await labsTf();
});

function accuracy(predicted: Int32Array, truth: Int32Array): number {
  let right = 0;
  predicted.forEach((p, i) => (right += p === truth[i] ? 1 : 0));
  return right / truth.length;
}

/** The field a refused input names (fails the test when it is not refused so). */
async function refusedField(o: ClassifierOptions): Promise<string> {
  const e: unknown = await trainClassifier(o).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ClassifierInputError);
  return (e as ClassifierInputError).field;
}

describe('trainClassifier', () => {
  it('learns the shapes well above chance on held-out items, and leaks no tensors', async () => {
    const before = tf.memory().numTensors;
    const progress: number[] = [];
    const clf = await trainClassifier({
      ...train,
      classes: CLASSES,
      side: SHAPE_SIDE,
      seed: 7,
      steps: 100,
      onProgress: (f) => progress.push(f),
    });
    const acc = accuracy(clf.predict(test.x), test.y);
    // chance is 0.2; the 256→64→5 MLP reaches about 0.55 on shapes at new places and sizes
    expect(acc).toBeGreaterThan(0.45);
    expect(accuracy(clf.predict(train.x), train.y)).toBe(1);
    expect(clf.loss).toBeLessThan(0.2);
    expect(progress).toHaveLength(100);
    expect(progress.at(-1)).toBe(1);
    clf.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => clf.predict(test.x)).toThrow('disposed');
  });

  it('the same data and seed give the same loss and predictions bit for bit; another seed differs', async () => {
    const run = async (seed: number) => {
      const clf = await trainClassifier({ ...train, classes: CLASSES, seed, steps: 30, batchSize: 16 });
      const out = { loss: clf.loss, predicted: Array.from(clf.predict(test.x)) };
      clf.dispose();
      return out;
    };
    const a = await run(3);
    const b = await run(3);
    const c = await run(4);
    expect(b.loss).toBe(a.loss);
    expect(b.predicted).toEqual(a.predicted);
    expect(c.loss).not.toBe(a.loss);
  });

  it('epochs count passes over the data', async () => {
    const clf = await trainClassifier({ ...train, classes: CLASSES, seed: 1, epochs: 2, batchSize: 16 });
    expect(clf.steps).toBe(Math.ceil((2 * 50) / 16));
    clf.dispose();
  });

  it('a cancel stops training within one step with a clear error, and frees the network', async () => {
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    let steps = 0;
    const run = trainClassifier({
      ...train,
      classes: CLASSES,
      seed: 1,
      steps: 1000,
      signal: controller.signal,
      onProgress: () => {
        if (++steps === 5) controller.abort();
      },
    });
    await expect(run).rejects.toThrow(ClassifierCancelledError);
    await expect(run).rejects.toThrow('Training was cancelled.');
    expect(steps).toBe(5);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('yields while it trains, so an abort sent from outside (a worker message) is heard', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 50);
    const run = trainClassifier({
      ...train,
      classes: CLASSES,
      seed: 1,
      steps: 1_000_000,
      signal: controller.signal,
    });
    await expect(run).rejects.toThrow(ClassifierCancelledError);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('an error thrown by onProgress stops training and is passed on', async () => {
    const before = tf.memory().numTensors;
    const run = trainClassifier({
      ...train,
      classes: CLASSES,
      seed: 1,
      steps: 50,
      onProgress: (f) => {
        if (f > 0.1) throw new Error('stop here');
      },
    });
    await expect(run).rejects.toThrow('stop here');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses bad inputs with a readable message naming the field', async () => {
    const o = { ...train, classes: CLASSES, seed: 1, steps: 1 };
    expect(await refusedField({ ...o, x: train.x.subarray(1) })).toBe('x');
    expect(await refusedField({ ...o, y: Int32Array.from(train.y, (v) => (v === 4 ? 5 : v)) })).toBe('y');
    await expect(
      trainClassifier({ ...o, y: Int32Array.from(train.y, (v) => (v === 4 ? 5 : v)) }),
    ).rejects.toThrow('y[40] is 5, but labels must be from 0 to 4 (classes is 5)');
    expect(await refusedField({ ...o, x: new Float32Array(0), y: new Int32Array(0) })).toBe('y');
    expect(await refusedField({ ...o, side: 15 })).toBe('side');
    expect(await refusedField({ ...o, classes: 1 })).toBe('classes');
    expect(await refusedField({ ...o, epochs: 2 })).toBe('epochs');
    expect(await refusedField({ ...o, steps: 0 })).toBe('steps');
    expect(await refusedField({ ...o, learningRate: 2 })).toBe('learningRate');
    const x = Float32Array.from(train.x);
    x[3] = NaN;
    expect(await refusedField({ ...o, x })).toBe('x');
  });
});
