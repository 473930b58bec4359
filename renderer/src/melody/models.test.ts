import { describe, expect, it } from 'vitest';
import type { ModelStatus } from '../../../preload/contract';
import {
  findModel,
  generateModelId,
  generateModels,
  generateProblem,
  meterProblem,
  MODEL_TABS,
  modelProblem,
} from './models';

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
  source: 'bundled',
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

describe('the clip’s meter', () => {
  it('the models write the meters they were trained in', () => {
    for (const m of [
      [4, 4],
      [2, 2],
      [2, 4],
      [3, 4],
      [6, 8],
      [9, 8],
    ] as const)
      expect(meterProblem(m)).toBeNull();
  });

  it('names the meters they know and the clip’s for any other', () => {
    expect(meterProblem([12, 8])).toBe(
      'The melody models write 4/4, 2/2, 2/4, 3/4, 6/8 and 9/8; this clip is in 12/8.',
    );
    expect(meterProblem([7, 8])).toMatch(/this clip is in 7\/8\.$/);
  });

  it('Generate runs the melody LSTM; the latent tabs keep the melody VAE', () => {
    expect(MODEL_TABS.generate).toBe('melody-rnn');
    expect(MODEL_TABS.continue).toBe('melody-rnn');
    expect([MODEL_TABS.variations, MODEL_TABS.interpolate, MODEL_TABS.latent]).toEqual([
      'melody-vae',
      'melody-vae',
      'melody-vae',
    ]);
  });
});

describe('the model Generate runs', () => {
  const rnn = model({ id: 'melody-rnn', name: 'Melody LSTM', task: 'melody-rnn', family: 'autoregressive' });
  const vae = model();
  const mine = model({ id: 'my-vae', name: 'Airs VAE' });
  const text = model({ id: 'gpt', task: 'text' });

  it('lists the generators, the melody LSTM first', () => {
    expect(generateModels([text, mine, vae, rnn]).map((m) => m.id)).toEqual([
      'melody-rnn',
      'melody-vae',
      'my-vae',
    ]);
    expect(generateModels(null)).toEqual([]);
  });

  it('runs the picked generator, else the melody LSTM', () => {
    expect(generateModelId([rnn, vae], 'melody-vae')).toBe('melody-vae');
    expect(generateModelId([rnn, vae], 'gone')).toBe('melody-rnn');
    expect(generateModelId([rnn, vae, text], 'gpt')).toBe('melody-rnn');
  });

  it('a melody VAE generates in meters of 4-beat bars; the LSTM in every meter the models know', () => {
    expect(generateProblem(rnn, 'melody-rnn', [6, 8])).toBeNull();
    expect(generateProblem(vae, 'melody-vae', [4, 4])).toBeNull();
    expect(generateProblem(vae, 'melody-vae', [2, 2])).toBeNull();
    expect(generateProblem(vae, 'melody-vae', [6, 8])).toMatch(
      /^“Melody VAE” writes phrases of 4\/4 bars; this clip is in 6\/8/,
    );
    expect(generateProblem(rnn, 'melody-rnn', [12, 8])).toMatch(/this clip is in 12\/8\.$/);
    expect(generateProblem(null, 'melody-rnn', [4, 4])).toMatch(/not installed/);
  });
});
