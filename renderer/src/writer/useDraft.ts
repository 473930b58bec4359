/**
 * The editor's draft: its text and cursor, written to localStorage a moment after every change
 * and when the page goes, and read back when the studio opens. Programmatic changes (accept, undo,
 * opening a record) put the cursor where they say and give the editor the focus.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { browserStore } from '../shell/storage';
import { clampCursor, readDraft, writeDraft } from './draft';

export interface Draft {
  text: string;
  /** The caret position now (read in handlers). */
  cursor: () => number;
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
}

const SAVE_DELAY_MS = 150;

export function useDraft(): Draft {
  const store = useMemo(() => browserStore(), []);
  const [initial] = useState(() => readDraft(store));
  const [text, setText] = useState(initial.text);
  const [saveFailed, setSaveFailed] = useState(false);
  const cursor = useRef(initial.cursor);
  const scroll = useRef(0);
  const editor = useRef<HTMLTextAreaElement | null>(null);
  const latest = useRef(initial.text);
  const dirty = useRef(false);
  /** Bumped by programmatic changes: the caret is placed and the editor focused after the render. */
  const [placeNonce, setPlaceNonce] = useState(0);
  const wantFocus = useRef(false);

  const persist = useCallback(() => {
    if (!dirty.current) return;
    dirty.current = false;
    const ok = writeDraft(store, { text: latest.current, cursor: cursor.current, savedAt: Date.now() });
    setSaveFailed(!ok);
  }, [store]);

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
    dirty.current = true;
    setText(e.target.value);
  }, []);

  const onSelect = useCallback((e: { currentTarget: HTMLTextAreaElement }) => {
    if (cursor.current !== e.currentTarget.selectionEnd) {
      cursor.current = e.currentTarget.selectionEnd;
      dirty.current = true;
    }
  }, []);

  const replace = useCallback((next: string, c: number) => {
    cursor.current = clampCursor(next, c);
    wantFocus.current = true;
    dirty.current = true;
    setText(next);
    setPlaceNonce((n) => n + 1);
  }, []);

  const focus = useCallback(() => {
    wantFocus.current = true;
    setPlaceNonce((n) => n + 1);
  }, []);

  return {
    text,
    cursor: () => cursor.current,
    scrollTop: () => editor.current?.scrollTop ?? scroll.current,
    saveFailed,
    attachEditor,
    onChange,
    onSelect,
    replace,
    focus,
  };
}
