import { describe, expect, it } from 'vitest';
import type { Generation } from '../../../preload/contract';
import { CUSTOM_SIZE, initialForm } from './form';
import { formFromGeneration, infoRows, settingsOf } from './info';

const gen = (params: Record<string, unknown>, over: Partial<Generation> = {}): Generation => ({
  id: 'abcdef12',
  kind: 'image',
  createdAt: 1,
  modelId: 'emoji',
  modelSha256: 'x',
  provider: 'cpu',
  seed: 42,
  params,
  parentId: null,
  durationMs: 1234.4,
  width: 48,
  height: 48,
  title: 'cat · seed 42',
  ...over,
});

describe('image records', () => {
  const g = gen({
    model: 'emoji',
    prompt: 'a cat',
    negative: 'dog',
    steps: 40,
    guidance: 2.5,
    sampler: 'euler',
    width: 48,
    height: 48,
    strength: 0.5,
  });

  it('reads the settings back', () => {
    expect(settingsOf(g)).toEqual({
      model: 'emoji',
      prompt: 'a cat',
      negative: 'dog',
      seed: 42,
      steps: 40,
      guidance: 2.5,
      sampler: 'euler',
      width: 48,
      height: 48,
    });
    expect(settingsOf(gen({ sampler: 'nope' })).sampler).toBe(null);
  });

  it('restores the form with the seed locked, keeping batch', () => {
    const before = { ...initialForm(1), batch: '4' };
    const f = formFromGeneration(before, g, [32, 48, 64]);
    expect(f).toMatchObject({
      prompt: 'a cat',
      negative: 'dog',
      seed: '42',
      seedLocked: true,
      steps: '40',
      guidance: '2.5',
      sampler: 'euler',
      size: '48',
      batch: '4',
    });
    const odd = formFromGeneration(before, gen({ width: 40, height: 56 }, { width: 40, height: 56 }), [48]);
    expect(odd).toMatchObject({ size: CUSTOM_SIZE, width: '40', height: '56', steps: before.steps });
  });

  it('lists the info rows', () => {
    const rows = Object.fromEntries(infoRows(g));
    expect(rows).toMatchObject({
      Prompt: 'a cat',
      Negative: 'dog',
      Seed: '42',
      Steps: '40',
      Sampler: 'Euler',
      Size: '48 × 48',
      Model: 'emoji',
      Time: '1234 ms',
      Provider: 'CPU',
      'img2img strength': '0.5',
    });
  });
});
