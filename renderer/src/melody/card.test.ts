import { describe, expect, it } from 'vitest';
import { melodyMeta } from './card';

describe('melody records', () => {
  it('show their length and tempo', () => {
    expect(melodyMeta({ params: { bars: 4, bpm: 120 } })).toBe('4 bars · 120 bpm');
    expect(melodyMeta({ params: { bars: 1, bpm: 99.6 } })).toBe('1 bar · 100 bpm');
    expect(melodyMeta({ params: {} })).toBe('—');
  });
});
