/**
 * Headless training (what `atelier lab train` and the bench run): a real short run reports its
 * progress in chunks, writes a state whose metrics are the final losses beside the engine's
 * measures, and that state continues exactly where a run that never stopped would be.
 */
import { describe, expect, it } from 'vitest';
import { preset } from './data';
import { runMetrics, trainHeadless } from './headless';
import { LabSession } from './session';

describe('runMetrics', () => {
  it('puts the losses under loss_ beside the measures and drops what is not finite', () => {
    expect(runMetrics({ d: 1.5, g: Number.NaN }, { swd: 0.2, swdGaussian: 0.4, odd: Infinity })).toEqual({
      loss_d: 1.5,
      swd: 0.2,
      swdGaussian: 0.4,
    });
  });
});

describe('trainHeadless', () => {
  it('trains in chunks, measures, and writes a state that continues the same run', async () => {
    const data = preset('two-moons', 300, 2);
    const settings = { width: 16, batchSize: 32, layers: 2 };
    const progress: number[] = [];
    const r = await trainHeadless({
      lab: 'flow',
      data,
      seed: 9,
      steps: 40,
      settings,
      title: 'moons',
      onProgress: (done, total) => {
        expect(total).toBe(40);
        progress.push(done);
      },
    });
    expect(progress).toEqual(Array.from({ length: 20 }, (_, i) => 2 * (i + 1)));
    expect(r.state.iteration).toBe(40);
    expect(r.state.title).toBe('moons');
    expect(r.state.metrics).toEqual(r.metrics);
    for (const k of ['loss_nll', 'swd', 'swdGaussian']) expect(Number.isFinite(r.metrics[k]), k).toBe(true);

    // 40 + 10 from the state equals 50 straight.
    const resumed = await LabSession.fromState(r.state);
    const straight = await LabSession.create('flow', data, 9, settings);
    straight.train(40);
    expect(resumed.train(10)).toEqual(straight.train(10));
    resumed.dispose();
    straight.dispose();
  });
});
