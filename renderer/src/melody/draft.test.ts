import { describe, expect, it } from 'vitest';
import { clearDraft, DRAFT_KEY, readDraft, writeDraft } from './draft';

function memory() {
  const m = new Map<string, string>();
  return {
    m,
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
}

const draft = {
  notes: [{ pitch: 60, start: 0, duration: 1, velocity: 96 }],
  bpm: 100,
  name: 'Hook',
  parentId: 'abcdef12-0000',
  savedAt: 5,
};

describe('drafts', () => {
  it('write, read back and clear', () => {
    const s = memory();
    expect(readDraft(s)).toBeNull();
    expect(writeDraft(s, draft)).toBe(true);
    expect(readDraft(s)).toEqual(draft);
    clearDraft(s);
    expect(readDraft(s)).toBeNull();
  });

  it('ignore damaged or invalid drafts', () => {
    const s = memory();
    s.m.set(DRAFT_KEY, '{not json');
    expect(readDraft(s)).toBeNull();
    s.m.set(DRAFT_KEY, JSON.stringify({ ...draft, notes: [{ pitch: 999, start: 0, duration: 1 }] }));
    expect(readDraft(s)).toBeNull();
    s.m.set(DRAFT_KEY, JSON.stringify({ notes: draft.notes, bpm: 5000 }));
    expect(readDraft(s)).toEqual({ notes: draft.notes, bpm: 120, name: '', parentId: null, savedAt: 0 });
  });

  it('keep the clip’s key and scale lock and meter; drafts without them still read', () => {
    const s = memory();
    const withLock = {
      ...draft,
      lock: { key: 'G' as const, scale: 'major' as const },
      meter: [3, 4] as const,
    };
    writeDraft(s, withLock);
    expect(readDraft(s)).toEqual(withLock);
    s.m.set(DRAFT_KEY, JSON.stringify({ ...draft, lock: { key: 'Q', scale: 'major' }, meter: [3, 5] }));
    expect(readDraft(s)).toEqual(draft);
  });

  it('survive a full or blocked storage', () => {
    const s = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('full');
      },
      removeItem: () => {
        throw new Error('blocked');
      },
    };
    expect(writeDraft(s, draft)).toBe(false);
    expect(readDraft(s)).toBeNull();
    expect(() => clearDraft(s)).not.toThrow();
  });
});
