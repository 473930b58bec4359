import { describe, expect, it } from 'vitest';
import type { ModelStatus } from '../../../preload/contract';
import { findModel, modelProblem } from './models';

const model = (over: Partial<ModelStatus> = {}): ModelStatus => ({
  id: 'melody-vae',
  name: 'Melody VAE',
  family: 'vae',
  task: 'melody-vae',
  version: '1',
  ok: true,
  sha256: '',
  sizeBytes: 1,
  license: 'x',
  melody: { pitchMin: 36, pitchMax: 96, bars: 4, dim: 64 },
  ...over,
});

describe('melody models', () => {
  it('finds a model by id', () => {
    expect(findModel([model()], 'melody-vae')?.name).toBe('Melody VAE');
    expect(findModel(null, 'melody-vae')).toBeNull();
  });

  it('says why a model cannot be used', () => {
    expect(modelProblem(model(), 'melody-vae', 'melody-vae')).toBeNull();
    expect(modelProblem(null, 'melody-vae', 'melody-vae')).toMatch(/not installed/);
    expect(modelProblem(model({ ok: false, error: 'hash mismatch' }), 'melody-vae', 'melody-vae')).toMatch(
      /hash mismatch/,
    );
    expect(modelProblem(model({ task: 'texture' }), 'melody-vae', 'melody-vae')).toMatch(/not a melody-vae/);
    expect(
      modelProblem(model({ melody: { pitchMin: 0, pitchMax: 127 } }), 'melody-vae', 'melody-vae'),
    ).toMatch(/latent size/);
    expect(
      modelProblem(
        model({ id: 'melody-rnn', task: 'melody-rnn', melody: { pitchMin: 0, pitchMax: 127 } }),
        'melody-rnn',
        'melody-rnn',
      ),
    ).toBeNull();
  });
});
