import { describe, expect, it } from 'vitest';
import type { Generation } from '../../../preload/contract';
import {
  formatDateTime,
  formatDimensions,
  formatDuration,
  formatProvider,
  newestFirst,
  withoutGeneration,
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

describe('library formatting', () => {
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
});
