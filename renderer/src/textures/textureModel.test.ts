import { describe, expect, it } from 'vitest';
import type { ModelStatus } from '../../../preload/contract';
import { modelProblem, pickTextureModel } from './textureModel';

const model = (over: Partial<ModelStatus>): ModelStatus => ({
  id: 'texture',
  name: 'Texture',
  family: 'f',
  task: 'texture',
  version: '1.0.0',
  ok: true,
  sha256: '',
  sizeBytes: 1,
  license: 'MIT',
  texture: { styles: [{ index: 0, id: 'bark', name: 'Bark' }], minSize: 256, maxSize: 2048, latentStride: 8 },
  ...over,
});

describe('texture model', () => {
  it('prefers the model with id "texture"', () => {
    const a = model({ id: 'other' });
    const b = model({});
    expect(pickTextureModel([a, b])).toBe(b);
    expect(pickTextureModel([a])).toBe(a);
    expect(pickTextureModel([model({ id: 'melody', task: 'melody', texture: undefined })])).toBeNull();
    expect(pickTextureModel(null)).toBeNull();
  });

  it('explains why generation is blocked', () => {
    expect(modelProblem(model({}), true)).toBeNull();
    expect(modelProblem(null, false)).toBeNull();
    expect(modelProblem(null, true)).toBe('No texture model is installed.');
    expect(modelProblem(model({ ok: false, error: 'sha256 mismatch' }), true)).toBe(
      "Model 'texture' cannot be used: sha256 mismatch",
    );
  });
});
