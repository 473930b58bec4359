import { describe, expect, it } from 'vitest';
import type { Generation } from '../../../preload/contract';
import {
  formatDateTime,
  formatDimensions,
  formatDuration,
  formatProvider,
  isFullPage,
  newestFirst,
  withGenerationFirst,
  withoutGeneration,
  withPage,
} from './format';

const gen = (id: string, createdAt: number): Generation => ({
  id,
  kind: 'texture',
  createdAt,
  modelId: 'texture',
  modelSha256: '',
  provider: 'cpu',
  seed: 1,
  params: {},
  parentId: null,
  durationMs: 10,
  width: 256,
  height: 256,
  title: id,
});

describe('record formatting', () => {
  it('formats durations in whole ms', () => {
    expect(formatDuration(849.6)).toBe('850 ms');
    expect(formatDuration(12345)).toBe('12345 ms');
    expect(formatDuration(-1)).toBe('—');
  });

  it('formats dimensions and providers', () => {
    expect(formatDimensions(512, 256)).toBe('512 × 256 px');
    expect(formatDimensions(null, 5)).toBe('—');
    expect(formatProvider('cuda')).toBe('CUDA');
  });

  it('formats dates with the given formatter', () => {
    const utc = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', dateStyle: 'short', timeStyle: 'short' });
    expect(formatDateTime(Date.UTC(2024, 0, 2, 3, 4), utc)).toBe('02/01/2024, 03:04');
    expect(formatDateTime(Number.NaN)).toBe('—');
  });

  it('sorts newest first, stable on ties', () => {
    const list = [gen('b', 1), gen('c', 3), gen('a', 1)];
    expect(newestFirst(list).map((g) => g.id)).toEqual(['c', 'a', 'b']);
    expect(list.map((g) => g.id)).toEqual(['b', 'c', 'a']);
  });

  it('removes a deleted generation', () => {
    expect(withoutGeneration([gen('a', 1), gen('b', 2)], 'a').map((g) => g.id)).toEqual(['b']);
  });

  it('puts a saved generation first, replacing its older copy', () => {
    const list = [gen('a', 1), gen('b', 2)];
    expect(withGenerationFirst(list, gen('c', 3)).map((g) => g.id)).toEqual(['c', 'a', 'b']);
    expect(withGenerationFirst(list, gen('b', 2)).map((g) => g.id)).toEqual(['b', 'a']);
    expect(withGenerationFirst([], gen('a', 1)).map((g) => g.id)).toEqual(['a']);
    expect(list.map((g) => g.id)).toEqual(['a', 'b']);
  });

  it('appends a page, leaving out what the list already holds', () => {
    const list = [gen('c', 3), gen('b', 2)];
    expect(withPage(list, [gen('b', 2), gen('a', 1)]).map((g) => g.id)).toEqual(['c', 'b', 'a']);
    expect(withPage([], [gen('a', 1)]).map((g) => g.id)).toEqual(['a']);
    expect(withPage(list, []).map((g) => g.id)).toEqual(['c', 'b']);
  });

  it('knows a full page may have more behind it', () => {
    expect(isFullPage([gen('a', 1), gen('b', 2)], 2)).toBe(true);
    expect(isFullPage([gen('a', 1)], 2)).toBe(false);
    expect(isFullPage([], 1)).toBe(false);
  });
});
