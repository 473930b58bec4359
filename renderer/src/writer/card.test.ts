import { describe, expect, it } from 'vitest';
import { textMeta, textModelLabel } from './card';

describe('text records', () => {
  it('show their length and how they ended', () => {
    expect(textMeta({ params: { tokens: 42, stopReason: 'max-tokens' } })).toBe(
      '42 tokens · max tokens reached',
    );
    expect(textMeta({ params: { tokens: 1, stopReason: 'odd' } })).toBe('1 token');
    expect(textMeta({ params: {} })).toBe('—');
  });

  it('name the model they were written with, else the model id', () => {
    expect(textModelLabel({ modelId: 'text-1', params: { modelName: 'gpt2' } })).toBe('gpt2');
    expect(textModelLabel({ modelId: 'text-1', params: {} })).toBe('text-1');
  });
});
