import { describe, expect, it } from 'vitest';
import type { ModelStatus } from '../../../preload/contract';
import { imageModelProblem, imageModels, modelLabel, pickImageModel, sizeLabel } from './models';

const m = (id: string, over: Partial<ModelStatus> = {}): ModelStatus => ({
  id,
  name: id.toUpperCase(),
  family: 'diffusion',
  task: 'image',
  version: '1',
  ok: true,
  sha256: 'x',
  sizeBytes: 2_500_000,
  license: 'MIT',
  source: 'imported',
  image: {
    kind: 'latent',
    sizes: [64],
    defaultSize: 64,
    defaults: { steps: 25, guidance: 7.5, sampler: 'euler' },
    img2img: true,
  },
  ...over,
});

describe('image models', () => {
  it('lists image-task models only', () => {
    expect(imageModels([m('a'), m('t', { task: 'text' })]).map((x) => x.id)).toEqual(['a']);
    expect(imageModels(null)).toEqual([]);
  });
  it('picks the chosen usable model, else the bundled one, else the first usable', () => {
    const list = [m('sd', { ok: false }), m('emoji', { source: 'bundled' }), m('mine')];
    expect(pickImageModel(list, 'mine')?.id).toBe('mine');
    expect(pickImageModel(list, 'sd')?.id).toBe('emoji');
    expect(pickImageModel([m('x', { ok: false }), m('y')], null)?.id).toBe('y');
    expect(pickImageModel([m('x', { ok: false })], null)).toBe(null);
  });
  it('labels models and says why none can run', () => {
    expect(modelLabel(m('sd'))).toBe('SD · 2.5 MB · imported · Stable Diffusion');
    expect(modelLabel(m('sd', { ok: false }))).toMatch(/unavailable$/);
    expect(imageModelProblem([], null)).toMatch(/No image model/);
    expect(imageModelProblem([m('sd', { ok: false, error: 'bad hash' })], null)).toMatch(/bad hash/);
    expect(imageModelProblem([m('sd')], m('sd'))).toBe(null);
    expect(sizeLabel(48, 48)).toBe('48 × 48 (default)');
    expect(sizeLabel(64, 48)).toBe('64 × 64');
  });
});
