import { describe, expect, it } from 'vitest';
import { modelLabel } from './status';

describe('status bar', () => {
  it('labels the model with name and version', () => {
    expect(modelLabel({ name: 'Texture', version: '1.2.0' })).toBe('Texture v1.2.0');
    expect(modelLabel({ name: 'Texture', version: 'v2' })).toBe('Texture v2');
    expect(modelLabel({ name: 'gpt2', version: 'imported' })).toBe('gpt2 (imported)');
    expect(modelLabel({ name: 'gpt2', version: '' })).toBe('gpt2');
  });
});
