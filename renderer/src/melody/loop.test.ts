import { describe, expect, it } from 'vitest';
import { loopBounds } from './loop';

describe('loopBounds', () => {
  it('is the region when one is set', () => {
    expect(loopBounds([{ start: 0, duration: 20 }], { start: 2, end: 6 })).toEqual({ start: 2, end: 6 });
  });
  it('is the whole clip in bars otherwise (at least a bar)', () => {
    expect(loopBounds([], null)).toEqual({ start: 0, end: 4 });
    expect(loopBounds([{ start: 3, duration: 2 }], null)).toEqual({ start: 0, end: 8 });
    expect(loopBounds([{ start: 0, duration: 8 }], { start: 4, end: 4 })).toEqual({ start: 0, end: 8 });
  });
});
