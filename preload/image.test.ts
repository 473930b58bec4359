import { describe, expect, it } from 'vitest';
import { hasPhrase, promptWords, togglePhrase } from './image';

const COLOURS = ['red', 'blue', 'green'];
const STYLES = ['glossy', 'flat', 'line icon'];

describe('prompt suggestions', () => {
  it('finds a phrase as whole words in order, whatever the case and punctuation', () => {
    expect(hasPhrase('A Line Icon of a house', 'line icon')).toBe(true);
    expect(hasPhrase('icon line house', 'line icon')).toBe(false);
    expect(hasPhrase('redwood tree', 'red')).toBe(false);
    expect(hasPhrase('red, heart', 'red')).toBe(true);
    expect(hasPhrase('anything', '')).toBe(false);
  });

  it('puts a picked colour first and replaces the other colour of the prompt', () => {
    expect(togglePhrase('heart', 'red', COLOURS)).toBe('red heart');
    expect(togglePhrase('red heart', 'blue', COLOURS)).toBe('blue heart');
    expect(togglePhrase('a heart, red', 'green', COLOURS)).toBe('green a heart,');
  });

  it('takes a picked phrase out when it is already there', () => {
    expect(togglePhrase('red heart', 'red', COLOURS)).toBe('heart');
    expect(togglePhrase('line icon blue house', 'line icon', STYLES)).toBe('blue house');
  });

  it('replaces a two-word style with a one-word one and leaves other words alone', () => {
    expect(togglePhrase('line icon house', 'flat', STYLES)).toBe('flat house');
    expect(togglePhrase('flat red car', 'line icon', STYLES)).toBe('line icon red car');
    expect(togglePhrase('', 'flat', STYLES)).toBe('flat');
  });

  it('gives word ids the model reads: the suggestion words are in the vocabulary, unknown ones named', () => {
    const c = { vocab: ['<pad>', 'red', 'heart', 'flat'], stopWords: ['a'], maxWords: 4 };
    const r = promptWords(togglePhrase('a heart zorb', 'flat', STYLES), c);
    expect(r.used).toEqual(['flat', 'heart']);
    expect(r.unknown).toEqual(['zorb']);
    expect(r.ids).toEqual([3, 2, 0, 0]);
  });
});
