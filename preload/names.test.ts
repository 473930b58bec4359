import { describe, expect, it } from 'vitest';
import { generationFileName } from './names';

const gen = (kind: string, params: Record<string, unknown>, extra: object = {}) =>
  ({ id: '1a2b3c4d-0000', kind, modelId: 'm', params, seed: 7, width: 48, ...extra }) as Parameters<
    typeof generationFileName
  >[0];

describe('export file names', () => {
  it('names each kind after what it holds', () => {
    expect(generationFileName(gen('image', { prompt: 'A red  heart, big!' }))).toBe(
      'atelier-image-a-red-heart-big-7-48.png',
    );
    expect(generationFileName(gen('image', { prompt: '' }))).toBe('atelier-image-image-7-48.png');
    expect(generationFileName(gen('text', { text: 'The moon is a lamp' }))).toBe(
      'atelier-text-the-moon-is-a-lamp-1a2b3c4d.txt',
    );
    expect(generationFileName(gen('melody', { name: 'Reel' }))).toBe('atelier-melody-reel.mid');
    expect(generationFileName(gen('texture', { style: 'granite' }, { width: 512 }))).toBe(
      'atelier-texture-granite-7-512.png',
    );
  });
});
