import { describe, expect, it } from 'vitest';
import { filterFrom, formatCount, searchInput, studioForTask, taskBadge, underFilter, updatedLine } from './search';
import { summary } from './testing';

describe('the Models view search', () => {
  it('takes the task a studio asks for, and nothing else', () => {
    expect(filterFrom({ task: 'text' })).toBe('text');
    expect(filterFrom({ task: 'image' })).toBe('image');
    expect(filterFrom({ task: 'all' })).toBe('all');
    expect(filterFrom({ task: 'audio' })).toBeNull();
    expect(filterFrom({ model: 'x' })).toBeNull();
  });

  it('sends the words trimmed, with the task unless All', () => {
    expect(searchInput('  gpt2 ', 'text')).toEqual({ query: 'gpt2', task: 'text', limit: 30 });
    expect(searchInput('', 'all')).toEqual({ query: '', limit: 30 });
    expect(searchInput('x'.repeat(300), 'all').query).toHaveLength(200);
  });

  it('keeps the curated models of the task', () => {
    const list = [summary('a/t'), summary('a/i', { task: 'image' }), summary('a/o', { task: null })];
    expect(underFilter(list, 'image').map((m) => m.repo)).toEqual(['a/i']);
    expect(underFilter(list, 'all')).toHaveLength(3);
  });

  it('writes counts, badges, dates and the studio of a task', () => {
    expect(formatCount(980)).toBe('980');
    expect(formatCount(1234)).toBe('1.2k');
    expect(formatCount(45_600)).toBe('46k');
    expect(formatCount(4_500_000)).toBe('4.5M');
    expect(taskBadge('text')).toBe('Text');
    expect(taskBadge(null)).toBe('Other');
    expect(studioForTask('image')?.view).toBe('images');
    expect(studioForTask('text')?.view).toBe('writer');
    expect(studioForTask('latent')).toBeNull();
    const utc = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    expect(updatedLine('2026-03-03T10:00:00.000Z', utc)).toBe('updated 3 Mar 2026');
    expect(updatedLine(null, utc)).toBe('');
    expect(updatedLine('not a date', utc)).toBe('');
  });
});
