import { afterAll, describe, expect, it } from 'vitest';
import { AtelierError } from '../../../preload/contract';
import { shapeSet, shiftedCopies, SHAPES } from '../../../preload/labs/classifier-testing';
import { evaluateAugmentation, type EvaluateOptions } from '../../../preload/labs/evaluate';
import { createWorkerThread } from '../worker-thread';
import type { EvaluateReply } from './evaluate-protocol';
import { runEvaluation, startEvaluateWorker } from './evaluate-thread';

const train = shapeSet(11, 2);
const synthetic = shiftedCopies(train, [
  [-1, 0],
  [1, 0],
]);
const test = shapeSet(12, 6);
const options: EvaluateOptions = {
  train,
  synthetic,
  test,
  classes: SHAPES.length,
  seeds: [3, 4],
  training: { steps: 12 },
};

const thread = createWorkerThread<EvaluateReply>(startEvaluateWorker, 'evaluation worker');
afterAll(() => thread.close());

describe('runEvaluation (the evaluation worker thread)', () => {
  it('answers the numbers the engine gives in-process, bit for bit, with progress from the worker', async () => {
    const fractions: number[] = [];
    const inWorker = await runEvaluation({ ...options, onProgress: (f) => fractions.push(f) }, thread);
    const inProcess = await evaluateAugmentation(options);
    expect(inWorker).toEqual(inProcess);
    expect(fractions.length).toBeGreaterThan(3);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBeGreaterThan(0.9);
  }, 120_000);

  it('cancels the training in the worker when the signal aborts, and the worker serves the next request', async () => {
    const controller = new AbortController();
    const long = runEvaluation(
      {
        ...options,
        training: { steps: 5000 },
        signal: controller.signal,
        onProgress: (f) => {
          if (f > 0) controller.abort();
        },
      },
      thread,
    );
    const e = await long.then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(AtelierError);
    expect((e as AtelierError).code).toBe('cancelled');
    const again = await runEvaluation({ ...options, seeds: [3] }, thread);
    expect(again.seeds).toEqual([3]);
  }, 120_000);

  it('answers a refused input as invalid-input with a sentence, not a crash', async () => {
    const e = await runEvaluation({ ...options, classes: 1 }, thread).then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(AtelierError);
    expect((e as AtelierError).code).toBe('invalid-input');
    expect((e as AtelierError).message).toMatch(/classes must be a whole number from 2/);
  }, 60_000);

  it('a signal aborted before the call refuses at once', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(runEvaluation({ ...options, signal: controller.signal }, thread)).rejects.toMatchObject({
      code: 'cancelled',
    });
  });
});
