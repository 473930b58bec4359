import { describe, expect, it } from 'vitest';
import { countChars, countWords, formatCounts } from './words';

describe('word counts', () => {
  it('counts words, ignoring punctuation and spacing', () => {
    expect(countWords('')).toBe(0);
    expect(countWords('   \n ')).toBe(0);
    expect(countWords('The moon, upon the water.')).toBe(5);
    expect(countWords('one\n\ntwo  three')).toBe(3);
  });

  it('counts characters as people do', () => {
    expect(countChars('abc')).toBe(3);
    expect(countChars('a😀b')).toBe(3);
  });

  it('formats both', () => {
    expect(formatCounts('one')).toBe('1 word · 3 characters');
    expect(formatCounts('')).toBe('0 words · 0 characters');
  });
});
