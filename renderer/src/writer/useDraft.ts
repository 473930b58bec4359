/**
 * The editor's draft: its text and cursor, written to localStorage a moment after every change
 * and when the page goes, and read back when the studio opens. Programmatic changes (accept, undo,
 * opening a record) put the cursor where they say and give the editor the focus.
 *
 * Other tabs: a save from another tab (the `storage` event) is followed when it was edited from
 * this tab's saved text; when this tab has edits of its own (or a continuation on show), its text
 * stays and the other version is kept aside (`reconcile` in draft.ts), offered in the editor's
 * notice: show it instead (this text is kept in its place), add it below, or discard it.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { browserStore } from '../shell/storage';
import {
  clampCursor,
  DraftSync,
  dropKept,
  DRAFT_KEY,
  joinDrafts,
  keepDraft,
  KEPT_PREFIX,
  listKept,
  newRev,
  readDraft,
  type KeptDraft,
} from './draft';

export interface Draft {
  text: string;
  /** The caret position now (read in handlers). */
  cursor: () => number;
  /** The editor's selection now (start = end when nothing is selected). */
  selection: () => { start: number; end: number };
  /** The editor's scroll offset now (the page view starts there). */
  scrollTop: () => number;
  /** The last local save failed (storage full or disabled). */
  saveFailed: boolean;
  /** For the textarea: ref, change and selection handlers. */
  attachEditor: (el: HTMLTextAreaElement | null) => void;
  onChange: (e: ChangeEvent<HTMLTextAreaElement>) => void;
  onSelect: (e: { currentTarget: HTMLTextAreaElement }) => void;
  /** Replace the text, put the caret at `cursor` and focus the editor. */
  replace: (text: string, cursor: number) => void;
  /** Focus the editor at its caret (once it is on screen). */
  focus: () => void;
  /** Versions kept aside when another tab saved over this tab's edits, newest first. */
  kept: KeptDraft[];
  /** Shows a kept version in the editor; the editor's text is kept aside in its place. */
  showKept: (id: string) => void;
  /** Adds a kept version below the editor's text and drops the copy. */
  appendKept: (id: string) => void;
  discardKept: (id: string) => void;
  /** Something rests on the text as it is (a continuation on show): other tabs' saves never replace it. */
  setHeld: (held: boolean) => void;
}

const SAVE_DELAY_MS = 150;

export function useDraft(): Draft {
  const store = useMemo(() => browserStore(), []);
  const [initial] = useState(() => readDraft(store));
  const [text, setText] = useState(initial.text);
  const [saveFailed, setSaveFailed] = useState(false);
  const cursor = useRef(initial.cursor);
  const selectionStart = useRef(initial.cursor);
  const scroll = useRef(0);
  const editor = useRef<HTMLTextAreaElement | null>(null);
  const latest = useRef(initial.text);
  const dirty = useRef(false);
  /** Bumped by programmatic changes: the caret is placed and the editor focused after the render. */
  const [placeNonce, setPlaceNonce] = useState(0);
  const wantFocus = useRef(false);
  /** This tab's side of the draft other tabs share. */
  const [sync] = useState(() => new DraftSync(store, initial));
  const [kept, setKept] = useState(() => listKept(store));

  const persist = useCallback(() => {
    if (!dirty.current) return;
    dirty.current = false;
    setSaveFailed(!sync.save(latest.current, cursor.current));
  }, [sync]);

  /** Another tab's save: follow it, or keep this text and put theirs aside (see DraftSync). */
  const hear = useCallback(() => {
    const { action, theirs } = sync.heard(latest.current, cursor.current);
    if (action === 'follow') {
      latest.current = theirs.text;
      cursor.current = clampCursor(theirs.text, cursor.current);
      selectionStart.current = cursor.current;
      dirty.current = false;
      setText(theirs.text);
    } else if (action === 'keep-mine') {
      // Theirs is kept aside and this tab's text saved over it (tabs that changed nothing follow).
      dirty.current = false;
      setKept(listKept(store));
    }
  }, [store, sync]);

  // Another tab saved the draft (or changed the kept versions).
  useEffect(() => {
    const onStorage = (e: StorageEvent): void => {
      if (e.storageArea !== null && e.storageArea !== (store as unknown)) return;
      if (e.key === null || e.key.startsWith(KEPT_PREFIX)) setKept(listKept(store));
      if (e.key === DRAFT_KEY && e.newValue !== null) hear();
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [store, hear]);

  useEffect(() => {
    if (latest.current === text) return;
    latest.current = text;
    dirty.current = true;
    const t = setTimeout(persist, SAVE_DELAY_MS);
    return () => clearTimeout(t);
  }, [text, persist]);

  useEffect(() => {
    const flush = (): void => persist();
    const onVisibility = (): void => {
      if (document.visibilityState === 'hidden') persist();
    };
    window.addEventListener('pagehide', flush);
    window.addEventListener('beforeunload', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('beforeunload', flush);
      document.removeEventListener('visibilitychange', onVisibility);
      persist();
    };
  }, [persist]);

  const place = (el: HTMLTextAreaElement): void => {
    const c = clampCursor(el.value, cursor.current);
    selectionStart.current = c;
    el.setSelectionRange(c, c);
    if (wantFocus.current) {
      wantFocus.current = false;
      el.focus();
    }
  };

  const attachEditor = useCallback((el: HTMLTextAreaElement | null) => {
    if (editor.current && !el) scroll.current = editor.current.scrollTop;
    editor.current = el;
    if (el) {
      el.scrollTop = scroll.current;
      place(el);
    }
  }, []);

  useLayoutEffect(() => {
    if (placeNonce > 0 && editor.current) place(editor.current);
  }, [placeNonce]);

  const onChange = useCallback((e: ChangeEvent<HTMLTextAreaElement>) => {
    cursor.current = e.target.selectionEnd;
    selectionStart.current = e.target.selectionStart;
    dirty.current = true;
    setText(e.target.value);
  }, []);

  const onSelect = useCallback((e: { currentTarget: HTMLTextAreaElement }) => {
    selectionStart.current = e.currentTarget.selectionStart;
    if (cursor.current !== e.currentTarget.selectionEnd) {
      cursor.current = e.currentTarget.selectionEnd;
      dirty.current = true;
    }
  }, []);

  const replace = useCallback((next: string, c: number) => {
    cursor.current = clampCursor(next, c);
    selectionStart.current = cursor.current;
    wantFocus.current = true;
    dirty.current = true;
    setText(next);
    setPlaceNonce((n) => n + 1);
  }, []);

  const focus = useCallback(() => {
    wantFocus.current = true;
    setPlaceNonce((n) => n + 1);
  }, []);

  const keptOne = (id: string): KeptDraft | undefined => listKept(store).find((k) => k.id === id);
  const showKept = (id: string): void => {
    const k = keptOne(id);
    if (!k || sync.holding) return;
    keepDraft(store, { text: latest.current, savedAt: Date.now() }, newRev());
    dropKept(store, id);
    setKept(listKept(store));
    replace(k.text, k.text.length);
  };
  const appendKept = (id: string): void => {
    const k = keptOne(id);
    if (!k || sync.holding) return;
    dropKept(store, id);
    setKept(listKept(store));
    const next = joinDrafts(latest.current, k.text);
    replace(next, next.length);
  };
  const discardKept = (id: string): void => {
    dropKept(store, id);
    setKept(listKept(store));
  };
  const setHeld = useCallback(
    (h: boolean) => {
      // A save that waited for the hold is looked at once this render's changes (an accept) are in.
      if (sync.hold(h)) setTimeout(hear, 0);
    },
    [sync, hear],
  );

  return {
    text,
    cursor: () => cursor.current,
    selection: () => ({ start: Math.min(selectionStart.current, cursor.current), end: cursor.current }),
    scrollTop: () => editor.current?.scrollTop ?? scroll.current,
    saveFailed,
    attachEditor,
    onChange,
    onSelect,
    replace,
    focus,
    kept,
    showKept,
    appendKept,
    discardKept,
    setHeld,
  };
}
