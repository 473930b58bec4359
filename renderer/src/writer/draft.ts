/**
 * The Writer's draft: the editor's text and cursor, kept in localStorage after every change so a
 * reload or a crash never loses work.
 *
 * Several tabs share the one draft. Each save names itself (`rev`) and the save it was made from
 * (`parent`), so a tab hearing another tab's save (the `storage` event) can tell an edit of the
 * text it shows from a version written elsewhere at the same time. It follows the first; for the
 * second it keeps its own text and puts the other version aside, as a kept copy, so neither is
 * lost (`reconcile`, `DraftSync`). Kept copies live under their own keys until the person decides.
 */
import { TEXT_MAX_PROMPT_CHARS } from '../../../preload/text';
import { readJson, writeJson, type Store } from '../shell/storage';

export const DRAFT_KEY = 'atelier.writer.draft.v1';
/** One key per kept copy (no two tabs ever rewrite the same list). */
export const KEPT_PREFIX = 'atelier.writer.kept.v1.';

/** Longest draft the editor holds: before + continuation + after must each fit a call. */
export const MAX_DRAFT_CHARS = TEXT_MAX_PROMPT_CHARS * 2;

export interface WriterDraft {
  text: string;
  /** Caret position (UTF-16 offset) in `text`. */
  cursor: number;
  savedAt: number;
  /** This save's id, and the id of the save its text was edited from ('' for none). */
  rev?: string;
  parent?: string;
  /** The saves this text was edited from, oldest first (the last few): a tab whose save is among them may follow. */
  history?: string[];
}

/** How many earlier saves a draft remembers. */
export const HISTORY_LENGTH = 64;

export const EMPTY_DRAFT: WriterDraft = { text: '', cursor: 0, savedAt: 0 };

export function clampCursor(text: string, cursor: number): number {
  if (!Number.isFinite(cursor)) return text.length;
  return Math.min(text.length, Math.max(0, Math.trunc(cursor)));
}

export function writeDraft(store: Store, draft: WriterDraft): boolean {
  return writeJson(store, DRAFT_KEY, draft);
}

/** A stored draft value read defensively (cursor kept inside the text), or null. */
export function draftFrom(value: unknown): WriterDraft | null {
  if (typeof value !== 'object' || value === null) return null;
  const r = value as Record<string, unknown>;
  if (typeof r.text !== 'string') return null;
  const text = r.text;
  return {
    text,
    cursor: clampCursor(text, typeof r.cursor === 'number' ? r.cursor : text.length),
    savedAt: typeof r.savedAt === 'number' ? r.savedAt : 0,
    ...(typeof r.rev === 'string' ? { rev: r.rev } : {}),
    ...(typeof r.parent === 'string' ? { parent: r.parent } : {}),
    ...(Array.isArray(r.history)
      ? { history: r.history.filter((h): h is string => typeof h === 'string').slice(-HISTORY_LENGTH) }
      : {}),
  };
}

/** The stored draft (cursor kept inside the text), or the empty draft. */
export function readDraft(store: Store): WriterDraft {
  return draftFrom(readJson(store, DRAFT_KEY)) ?? EMPTY_DRAFT;
}

/** A draft as a `storage` event carries it (its new value), or null. */
export function parseDraft(raw: string | null): WriterDraft | null {
  if (raw === null) return null;
  try {
    return draftFrom(JSON.parse(raw) as unknown);
  } catch {
    return null;
  }
}

/** A fresh id for a save or a kept copy. */
export function newRev(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** What this tab knows about its own text when another tab's save arrives. */
export interface MyDraft {
  text: string;
  /** The save this tab's text was last written as or read from. */
  rev: string;
  /** The text of that save (differs from `text` while edits wait to be written). */
  savedText: string;
  /** Something rests on the text as it is (a continuation on show): it must not change under it. */
  held: boolean;
}

/**
 * What to do with another tab's save:
 * - 'same': it holds this tab's text (take its rev);
 * - 'follow': show it (it was edited from this tab's saved text, directly or through other saves,
 *   or this tab's text is already kept aside or empty; this tab has no unsaved edits and nothing
 *   rests on its text);
 * - 'keep-mine': keep this tab's text in the editor, put theirs aside, and save this tab's text
 *   as an edit of theirs (tabs that have not changed anything then follow it).
 */
export function reconcile(
  mine: MyDraft,
  theirs: WriterDraft,
  kept: readonly Pick<KeptDraft, 'text'>[],
): 'same' | 'follow' | 'keep-mine' {
  if (theirs.text === mine.text) return 'same';
  const unsaved = mine.held || mine.text !== mine.savedText;
  if (unsaved) return 'keep-mine';
  const descends =
    (theirs.parent ?? '') === mine.rev || (mine.rev !== '' && !!theirs.history?.includes(mine.rev));
  const safe = descends || mine.text.trim() === '' || kept.some((k) => k.text === mine.text);
  return safe ? 'follow' : 'keep-mine';
}

export interface KeptDraft {
  id: string;
  text: string;
  savedAt: number;
}

type ListingStore = Store & Pick<Storage, 'key' | 'length'>;
const canList = (store: Store): store is ListingStore =>
  typeof (store as Partial<Storage>).key === 'function' &&
  typeof (store as Partial<Storage>).length === 'number';

/** The kept copies, newest first (none where the store cannot list its keys: one tab only). */
export function listKept(store: Store): KeptDraft[] {
  if (!canList(store)) return [];
  const keys: string[] = [];
  for (let i = 0; i < store.length; i++) {
    const k = store.key(i);
    if (k?.startsWith(KEPT_PREFIX)) keys.push(k);
  }
  const out: KeptDraft[] = [];
  for (const key of keys) {
    const v = readJson(store, key);
    if (typeof v !== 'object' || v === null) continue;
    const r = v as Record<string, unknown>;
    if (typeof r.text !== 'string') continue;
    out.push({
      id: key.slice(KEPT_PREFIX.length),
      text: r.text,
      savedAt: typeof r.savedAt === 'number' ? r.savedAt : 0,
    });
  }
  return out.sort((a, b) => b.savedAt - a.savedAt || a.id.localeCompare(b.id));
}

/**
 * Keeps a version aside under `id` (another tab's save keeps its rev, so two tabs keeping the
 * same save write one copy). Empty text and text already kept are not kept twice; false when
 * the store is full.
 */
export function keepDraft(store: Store, version: { text: string; savedAt: number }, id: string): boolean {
  if (version.text.trim() === '' || listKept(store).some((k) => k.text === version.text)) return true;
  return writeJson(store, `${KEPT_PREFIX}${id}`, { text: version.text, savedAt: version.savedAt });
}

export function dropKept(store: Store, id: string): void {
  try {
    store.removeItem(`${KEPT_PREFIX}${id}`);
  } catch {
    // storage off: nothing was kept there either
  }
}

/**
 * One tab's side of the shared draft: saves name the save they were edited from, and another
 * tab's save is followed or kept aside (`reconcile`). The hook keeps the editor; this keeps the
 * bookkeeping, so two tabs can be played against one store in a test.
 */
export class DraftSync {
  private rev: string;
  /** The saves before `rev`, oldest first. */
  private history: string[];
  private savedText: string;
  /** Something rests on the text as it is (a continuation on show). */
  private held = false;
  /** A save arrived while held: it is looked at when the hold ends. */
  private pending = false;

  constructor(
    private readonly store: Store,
    initial: WriterDraft,
  ) {
    this.rev = initial.rev ?? '';
    this.history = initial.history ?? [];
    this.savedText = initial.text;
  }

  /**
   * Marks the text as resting under something (a continuation on show): other tabs' saves wait
   * until it ends. True when the hold ends with such a save waiting (look at it with `heard`).
   */
  hold(held: boolean): boolean {
    this.held = held;
    if (held || !this.pending) return false;
    this.pending = false;
    return true;
  }

  get holding(): boolean {
    return this.held;
  }

  private adopt(d: WriterDraft): void {
    this.rev = d.rev ?? '';
    this.history = d.history ?? (d.parent ? [d.parent] : []);
    this.savedText = d.text;
  }

  /**
   * Saves this tab's text as an edit of the save it was made from; false when storage refuses.
   * A save from another tab that this tab has not heard yet (its event is still on the way) is
   * not written over: it is kept aside first, as if heard with these edits unsaved.
   */
  save(text: string, cursor: number): boolean {
    const current = readDraft(this.store);
    if (current.rev && current.rev !== this.rev && current.text !== text) {
      keepDraft(this.store, current, current.rev);
      this.adopt(current);
    }
    const next = newRev();
    const history = [...this.history, this.rev].filter((r) => r !== '').slice(-HISTORY_LENGTH);
    const draft = { text, cursor, savedAt: Date.now(), rev: next, parent: this.rev, history };
    const ok = writeDraft(this.store, draft);
    if (ok) this.adopt(draft);
    return ok;
  }

  /**
   * Another tab saved the draft while this tab shows `text`. The stored draft is read as it is
   * now, not as the event carried it: events arrive late, and a save heard after this tab's own
   * later save must not undo it. 'follow': show `theirs`; 'keep-mine': theirs is kept aside and
   * this tab's text saved as an edit of it; 'wait': held, looked at when the hold ends.
   */
  heard(
    text: string,
    cursor: number,
  ): { action: 'same' | 'follow' | 'keep-mine' | 'wait'; theirs: WriterDraft } {
    const theirs = readDraft(this.store);
    if (this.held) {
      this.pending = true;
      return { action: 'wait', theirs };
    }
    if ((theirs.rev ?? '') === this.rev && this.rev !== '') return { action: 'same', theirs };
    const mine = { text, rev: this.rev, savedText: this.savedText, held: false };
    const action = reconcile(mine, theirs, listKept(this.store));
    this.adopt(theirs);
    if (action === 'keep-mine') {
      // Theirs goes aside first: a tab that follows this save finds its own text kept.
      keepDraft(this.store, theirs, theirs.rev || newRev());
      this.save(text, cursor);
    }
    return { action, theirs };
  }
}

/** A kept version added below the text, a blank line between. */
export function joinDrafts(text: string, below: string): string {
  if (text.trim() === '') return below;
  return `${text.replace(/\s+$/u, '')}\n\n${below}`;
}

/** The start of a kept version, on one line, for the notice. */
export function excerpt(text: string, max = 80): string {
  const line = text.replace(/\s+/gu, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
