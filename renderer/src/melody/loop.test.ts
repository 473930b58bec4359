import { describe, expect, it } from 'vitest';
import { loopBounds } from './loop';

describe('loopBounds', () => {
  it('is the region when one is set', () => {
    expect(loopBounds([{ start: 0, duration: 20 }], { start: 2, end: 6 }, 4)).toEqual({ start: 2, end: 6 });
  });
  it('is the whole clip in bars otherwise (at least a bar)', () => {
    expect(loopBounds([], null, 4)).toEqual({ start: 0, end: 4 });
    expect(loopBounds([{ start: 3, duration: 2 }], null, 4)).toEqual({ start: 0, end: 8 });
    expect(loopBounds([{ start: 0, duration: 8 }], { start: 4, end: 4 }, 4)).toEqual({ start: 0, end: 8 });
  });
  it('counts whole bars of the clip’s meter', () => {
    expect(loopBounds([], null, 3)).toEqual({ start: 0, end: 3 });
    expect(loopBounds([{ start: 3, duration: 2 }], null, 3)).toEqual({ start: 0, end: 6 });
    expect(loopBounds([{ start: 4, duration: 1 }], null, 4.5)).toEqual({ start: 0, end: 9 });
  });
});
