/**
 * The Writer's draft: the editor's text and cursor, kept in localStorage after every change so a
 * reload or a crash never loses work.
 */
import { TEXT_MAX_PROMPT_CHARS } from '../../../preload/text';
import { readJson, writeJson, type Store } from '../shell/storage';

export const DRAFT_KEY = 'atelier.writer.draft.v1';

/** Longest draft the editor holds: before + continuation + after must each fit a call. */
export const MAX_DRAFT_CHARS = TEXT_MAX_PROMPT_CHARS * 2;

export interface WriterDraft {
  text: string;
  /** Caret position (UTF-16 offset) in `text`. */
  cursor: number;
  savedAt: number;
}

export const EMPTY_DRAFT: WriterDraft = { text: '', cursor: 0, savedAt: 0 };

export function clampCursor(text: string, cursor: number): number {
  if (!Number.isFinite(cursor)) return text.length;
  return Math.min(text.length, Math.max(0, Math.trunc(cursor)));
}

export function writeDraft(store: Store, draft: WriterDraft): boolean {
  return writeJson(store, DRAFT_KEY, draft);
}

/** The stored draft (cursor kept inside the text), or the empty draft. */
export function readDraft(store: Store): WriterDraft {
  const d = readJson(store, DRAFT_KEY);
  if (typeof d !== 'object' || d === null) return EMPTY_DRAFT;
  const r = d as Record<string, unknown>;
  if (typeof r.text !== 'string') return EMPTY_DRAFT;
  const text = r.text;
  return {
    text,
    cursor: clampCursor(text, typeof r.cursor === 'number' ? r.cursor : text.length),
    savedAt: typeof r.savedAt === 'number' ? r.savedAt : 0,
  };
}
