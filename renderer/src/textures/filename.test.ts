import { describe, expect, it } from 'vitest';
import type { Generation } from '../../../preload/contract';
import { fileNameForGeneration, slug, textureFileName } from './filename';

describe('file names', () => {
  it('builds atelier-texture-<style>-<seed>-<size>.png', () => {
    expect(textureFileName('marble', 42, 512)).toBe('atelier-texture-marble-42-512.png');
  });

  it('slugs unsafe style ids', () => {
    expect(slug('Wet Stone / Moss!')).toBe('wet-stone-moss');
    expect(slug('../../etc')).toBe('etc');
    expect(slug('???')).toBe('texture');
    expect(textureFileName('', 1, 256)).toBe('atelier-texture-style-1-256.png');
  });

  it('names a stored generation from its params', () => {
    const gen: Generation = {
      id: 'abcdef12',
      kind: 'texture',
      createdAt: 0,
      modelId: 'texture',
      modelSha256: '',
      provider: 'cpu',
      seed: 3735928559,
      params: { style: 'bark', size: 1024, seed: 3735928559 },
      parentId: null,
      durationMs: 1,
      width: 1024,
      height: 1024,
      title: 'Bark',
    };
    expect(fileNameForGeneration(gen)).toBe('atelier-texture-bark-3735928559-1024.png');
    const latent: Generation = {
      ...gen,
      id: '1a2b3c4d-0000',
      kind: 'latent',
      modelId: 'glyphs',
      seed: 0,
      width: 674,
    };
    expect(fileNameForGeneration(latent)).toBe('atelier-latent-glyphs-1a2b3c4d-674.png');
  });
});
