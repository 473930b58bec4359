import { describe, expect, it } from 'vitest';
import { showsFinished } from './hostTexture';

describe('showsFinished', () => {
  it('an empty canvas, or the one on show when the job was first seen, takes the result', () => {
    expect(showsFinished(null, null)).toBe(true);
    expect(showsFinished(null, 'g1')).toBe(true);
    expect(showsFinished('g1', 'g1')).toBe(true);
  });
  it('a canvas the user moved on with keeps what it shows', () => {
    expect(showsFinished('g2', 'g1')).toBe(false);
    expect(showsFinished('g2', null)).toBe(false);
  });
});
