import { describe, expect, it } from 'vitest';
import {
  clampCursor,
  DRAFT_KEY,
  DraftSync,
  dropKept,
  excerpt,
  joinDrafts,
  keepDraft,
  listKept,
  parseDraft,
  readDraft,
  reconcile,
  writeDraft,
  type WriterDraft,
} from './draft';
import { memoryStore, type Store } from '../shell/storage';

/** A store that lists its keys, as localStorage does (kept versions are found by key). */
function listingStore(): Store & Pick<Storage, 'key' | 'length'> {
  const mem = new Map<string, string>();
  return {
    getItem: (k) => mem.get(k) ?? null,
    setItem: (k, v) => void mem.set(k, v),
    removeItem: (k) => void mem.delete(k),
    key: (i) => [...mem.keys()][i] ?? null,
    get length() {
      return mem.size;
    },
  };
}

/**
 * Tabs of one browser against one store: each keeps what its editor shows; a save is heard by
 * the other tabs only when `deliver` runs (as the storage event arrives later, in order).
 */
function browser() {
  const store = listingStore();
  const queue: Array<{ from: Tab }> = [];
  const realSet = store.setItem.bind(store);
  let saving: Tab | null = null;
  store.setItem = (k, v) => {
    realSet(k, v);
    if (k === DRAFT_KEY && saving) queue.push({ from: saving });
  };
  interface Tab {
    readonly sync: DraftSync;
    text: string;
    /** Typed but not yet saved (the 150 ms wait). */
    type(text: string): void;
    save(): void;
    /** Types and saves (the other tabs hear it at the next `deliver`). */
    write(text: string): void;
    hear(): void;
  }
  const makeTab = (): Tab => {
    const tab: Tab = {
      sync: new DraftSync(store, readDraft(store)),
      text: readDraft(store).text,
      type: (text) => {
        tab.text = text;
      },
      save: () => {
        saving = tab;
        tab.sync.save(tab.text, tab.text.length);
        saving = null;
      },
      write: (text) => {
        tab.type(text);
        tab.save();
      },
      hear: () => {
        saving = tab;
        const { action, theirs } = tab.sync.heard(tab.text, 0);
        if (action === 'follow') tab.text = theirs.text;
        saving = null;
      },
    };
    return tab;
  };
  const tabs: Tab[] = [];
  return {
    store,
    open(): Tab {
      const t = makeTab();
      tabs.push(t);
      return t;
    },
    /** Two tabs that both show `start`: the first wrote it, the second heard it. */
    twoTabs(start: string): [Tab, Tab] {
      const one = this.open();
      const two = this.open();
      one.write(start);
      this.deliver();
      return [one, two];
    },
    /** Delivers the saves heard so far (and the saves they cause) until all is quiet. */
    deliver(): number {
      let n = 0;
      while (queue.length > 0) {
        if (++n > 50) throw new Error('tabs never settle');
        const { from } = queue.shift()!;
        for (const t of tabs) if (t !== from) t.hear();
      }
      return n;
    },
    /** Every text anyone could still get back: editors, the stored draft, kept versions. */
    everything(): Set<string> {
      return new Set([
        ...tabs.map((t) => t.text),
        readDraft(store).text,
        ...listKept(store).map((k) => k.text),
      ]);
    },
  };
}

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

  it('round-trips the save ids other tabs read', () => {
    const store = memoryStore();
    const d = { text: 'a', cursor: 1, savedAt: 2, rev: 'r2', parent: 'r1', history: ['r0', 'r1'] };
    writeDraft(store, d);
    expect(readDraft(store)).toEqual(d);
    expect(parseDraft(store.getItem(DRAFT_KEY))).toEqual(readDraft(store));
    expect(parseDraft('{nope')).toBe(null);
    expect(parseDraft(null)).toBe(null);
  });
});

describe('two tabs, one draft', () => {
  it('a tab that changed nothing follows the other tab as it writes', () => {
    const b = browser();
    const [one, two] = b.twoTabs('Alpha');
    expect(two.text).toBe('Alpha');
    two.write('Alpha beta');
    b.deliver();
    expect(one.text).toBe('Alpha beta');
    expect(listKept(b.store)).toEqual([]);
  });

  it('keeps both when the other tab saves while this one has unsaved edits', () => {
    const b = browser();
    const [one, two] = b.twoTabs('Shared start');
    // Tab two types; before its save, tab one saves something else.
    two.type('Shared start, and the second tab');
    one.write('Shared start, and the first tab');
    b.deliver();
    // Tab two kept its own text; the first tab's version is kept aside; the first tab, which had
    // nothing unsaved, now shows the second tab's text (its own is the kept version).
    expect(two.text).toBe('Shared start, and the second tab');
    expect(readDraft(b.store).text).toBe('Shared start, and the second tab');
    expect(listKept(b.store).map((k) => k.text)).toEqual(['Shared start, and the first tab']);
    expect(one.text).toBe('Shared start, and the second tab');
    expect(b.everything()).toEqual(
      new Set(['Shared start, and the second tab', 'Shared start, and the first tab']),
    );
  });

  it('loses neither when both save at once, and the tabs settle', () => {
    for (const first of [0, 1]) {
      const b = browser();
      const tabs = b.twoTabs('Base');
      tabs[0].type('Base + one');
      tabs[1].type('Base + two');
      tabs[first]!.save();
      tabs[1 - first]!.save();
      expect(b.deliver()).toBeLessThan(10);
      const all = b.everything();
      expect(all.has('Base + one') && all.has('Base + two')).toBe(true);
      // The tabs settle on the stored draft, and the other version is kept aside.
      const stored = readDraft(b.store).text;
      for (const t of tabs) expect(t.text).toBe(stored);
      const other = stored === 'Base + one' ? 'Base + two' : 'Base + one';
      expect(listKept(b.store).map((k) => k.text)).toContain(other);
    }
  });

  it('never saves over another tab’s save it has not heard yet', () => {
    const b = browser();
    const [one, two] = b.twoTabs('Start');
    one.write('Start, from one');
    // Tab two saves before the event of tab one's save reaches it.
    two.write('Start, from two');
    b.deliver();
    expect(b.everything()).toEqual(new Set(['Start, from one', 'Start, from two']));
    expect(listKept(b.store).map((k) => k.text)).toEqual(['Start, from one']);
    expect(one.text).toBe('Start, from two');
  });

  it('follows a tab that saved several times before it heard (the history says whose edits they are)', () => {
    const b = browser();
    const [one, two] = b.twoTabs('One');
    one.write('One two');
    one.write('One two three');
    b.deliver();
    expect(two.text).toBe('One two three');
    expect(listKept(b.store)).toEqual([]);
  });

  it('leaves text a continuation rests on alone until it ends: a reject then follows', () => {
    const b = browser();
    const [one, two] = b.twoTabs('Once upon');
    two.sync.hold(true);
    one.write('Once upon a time');
    one.write('Once upon a time there');
    b.deliver();
    expect(two.text).toBe('Once upon');
    // Rejected: the text is as it was, the other tab's edits come in.
    expect(two.sync.hold(false)).toBe(true);
    two.hear();
    expect(two.text).toBe('Once upon a time there');
    expect(listKept(b.store)).toEqual([]);
  });

  it('leaves text a continuation rests on alone until it ends: an accept keeps both', () => {
    const b = browser();
    const [one, two] = b.twoTabs('Once upon');
    two.sync.hold(true);
    one.write('Once upon a hill');
    b.deliver();
    // Accepted: the continuation went into the text it was made for.
    two.type('Once upon a time');
    expect(two.sync.hold(false)).toBe(true);
    two.hear();
    b.deliver();
    expect(two.text).toBe('Once upon a time');
    expect(one.text).toBe('Once upon a time');
    expect(listKept(b.store).map((k) => k.text)).toEqual(['Once upon a hill']);
    expect(two.sync.hold(false)).toBe(false);
  });
});

describe('reconcile', () => {
  const theirs = (text: string, parent = 'r1'): WriterDraft => ({
    text,
    cursor: 0,
    savedAt: 1,
    rev: 'r2',
    parent,
  });
  const mine = { text: 'a', rev: 'r1', savedText: 'a', held: false };
  it('follows an edit of the saved text, keeps unsaved or held text', () => {
    expect(reconcile(mine, { ...theirs('abc', 'r5'), history: ['r0', 'r1', 'r4'] }, [])).toBe('follow');
    expect(reconcile(mine, theirs('a'), [])).toBe('same');
    expect(reconcile(mine, theirs('ab'), [])).toBe('follow');
    expect(reconcile({ ...mine, text: 'ax' }, theirs('ab'), [])).toBe('keep-mine');
    expect(reconcile({ ...mine, held: true }, theirs('ab'), [])).toBe('keep-mine');
  });
  it('follows a save made elsewhere only when this text is empty or already kept', () => {
    expect(reconcile(mine, theirs('b', 'r0'), [])).toBe('keep-mine');
    expect(reconcile(mine, theirs('b', 'r0'), [{ text: 'a' }])).toBe('follow');
    expect(reconcile({ ...mine, text: '', savedText: '' }, theirs('b', 'r0'), [])).toBe('follow');
  });
});

describe('kept versions', () => {
  it('are kept once each, listed newest first, dropped on request', () => {
    const store = listingStore();
    expect(keepDraft(store, { text: 'older', savedAt: 1 }, 'a')).toBe(true);
    keepDraft(store, { text: 'newer', savedAt: 2 }, 'b');
    keepDraft(store, { text: 'older', savedAt: 3 }, 'c');
    keepDraft(store, { text: '  ', savedAt: 4 }, 'd');
    expect(listKept(store)).toEqual([
      { id: 'b', text: 'newer', savedAt: 2 },
      { id: 'a', text: 'older', savedAt: 1 },
    ]);
    dropKept(store, 'b');
    expect(listKept(store).map((k) => k.id)).toEqual(['a']);
    expect(listKept(memoryStore())).toEqual([]);
  });

  it('join below the text and show as a short excerpt', () => {
    expect(joinDrafts('Mine.\n\n', 'Theirs.')).toBe('Mine.\n\nTheirs.');
    expect(joinDrafts('  ', 'Theirs.')).toBe('Theirs.');
    expect(excerpt('a\n b   c')).toBe('a b c');
    expect(excerpt('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
