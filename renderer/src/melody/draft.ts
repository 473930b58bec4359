/**
 * The roll's unsaved work, kept in localStorage after every edit so a reload or a crash never
 * loses it; offered back when the studio opens.
 */
import { Bpm, NoteList, type Note } from '../../../preload/contract';
import type { Meter } from '../../../preload/melody';
import { readLock, readMeter, type Lock } from './lock';

export const DRAFT_KEY = 'atelier.melody.draft.v1';

export interface MelodyDraft {
  notes: Note[];
  bpm: number;
  name: string;
  /** The library clip the work started from (null for a new clip). */
  parentId: string | null;
  savedAt: number;
  /** The clip's key and scale lock and meter (absent in drafts from before clips had them). */
  lock?: Lock;
  meter?: Meter;
}

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function writeDraft(store: Store, draft: MelodyDraft): boolean {
  try {
    store.setItem(DRAFT_KEY, JSON.stringify(draft));
    return true;
  } catch {
    // Storage full or disabled: the work stays on screen, only the safety net is gone.
    return false;
  }
}

/** The stored draft, or null when there is none or it cannot be read. */
export function readDraft(store: Store): MelodyDraft | null {
  let raw: string | null;
  try {
    raw = store.getItem(DRAFT_KEY);
  } catch {
    return null;
  }
  if (!raw) return null;
  try {
    const d = JSON.parse(raw) as Record<string, unknown>;
    const notes = NoteList.safeParse(d.notes);
    if (!notes.success) return null;
    const bpm = Bpm.safeParse(d.bpm);
    return {
      notes: notes.data,
      bpm: bpm.success ? bpm.data : 120,
      name: typeof d.name === 'string' ? d.name.slice(0, 120) : '',
      parentId: typeof d.parentId === 'string' ? d.parentId : null,
      savedAt: typeof d.savedAt === 'number' ? d.savedAt : 0,
      ...lockAndMeter(d),
    };
  } catch {
    return null;
  }
}

function lockAndMeter(d: Record<string, unknown>): Pick<MelodyDraft, 'lock' | 'meter'> {
  const lock = d.lock && typeof d.lock === 'object' ? readLock(d.lock) : null;
  const meter = readMeter(d.meter);
  return { ...(lock ? { lock } : {}), ...(meter ? { meter } : {}) };
}

export function clearDraft(store: Store): void {
  try {
    store.removeItem(DRAFT_KEY);
  } catch {
    // nothing to clear
  }
}

/** The browser's localStorage, or an in-memory stand-in where it is unavailable. */
export function draftStore(): Store {
  try {
    if (typeof localStorage !== 'undefined') return localStorage;
  } catch {
    // blocked
  }
  const mem = new Map<string, string>();
  return {
    getItem: (k) => mem.get(k) ?? null,
    setItem: (k, v) => void mem.set(k, v),
    removeItem: (k) => void mem.delete(k),
  };
}
