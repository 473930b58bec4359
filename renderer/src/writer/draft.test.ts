import { describe, expect, it } from 'vitest';
import { clampCursor, DRAFT_KEY, readDraft, writeDraft } from './draft';
import { memoryStore } from '../shell/storage';

describe('writer draft', () => {
  it('round-trips text and cursor', () => {
    const store = memoryStore();
    expect(writeDraft(store, { text: 'Hello there', cursor: 5, savedAt: 7 })).toBe(true);
    expect(readDraft(store)).toEqual({ text: 'Hello there', cursor: 5, savedAt: 7 });
  });

  it('keeps the cursor inside the text', () => {
    const store = memoryStore();
    store.setItem(DRAFT_KEY, JSON.stringify({ text: 'abc', cursor: 99 }));
    expect(readDraft(store).cursor).toBe(3);
    expect(clampCursor('abc', -4)).toBe(0);
    expect(clampCursor('abc', Number.NaN)).toBe(3);
  });

  it('gives the empty draft for missing or unreadable data', () => {
    const store = memoryStore();
    expect(readDraft(store).text).toBe('');
    store.setItem(DRAFT_KEY, '{not json');
    expect(readDraft(store).text).toBe('');
    store.setItem(DRAFT_KEY, JSON.stringify({ text: 5 }));
    expect(readDraft(store).text).toBe('');
  });

  it('reports a full store instead of throwing', () => {
    const store = {
      ...memoryStore(),
      setItem: () => {
        throw new Error('quota');
      },
    };
    expect(writeDraft(store, { text: 'x', cursor: 1, savedAt: 0 })).toBe(false);
  });
});
