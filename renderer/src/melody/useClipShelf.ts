/**
 * The clip shelf: the library's melody records, the one the roll was opened from, opening one
 * (from the shelf or the Library view: its key and scale lock and meter come with it), starting a
 * new clip, renaming one in place and deleting one. Replacing a roll with unsaved changes asks
 * first (`confirm`).
 */
import { useEffect, useEffectEvent, useMemo, useState } from 'react';
import type { AtelierApi, Generation, Note } from '../../../preload/contract';
import { newestFirst } from '../shell/format';
import { useLibraryList, type LibraryList, type LibraryListQuery } from '../shell/useLibraryList';
import { recordFromGeneration, recordsFrom, type MelodyRecord } from './clips';
import type { SetForm } from './fields';
import { clipLock } from './lock';
import type { ClipState, LoadOptions, OpenedClip } from './useClip';

const CLIPS: LibraryListQuery = { kind: 'melody', limit: 200, order: newestFirst };

export type Confirm = { text: string; ok: string; run: () => void };

export type LoadNotes = (list: readonly Note[], opts: LoadOptions) => void;

export interface ClipShelf {
  library: LibraryList;
  records: MelodyRecord[] | null;
  /** The library clip the roll came from (null once it is deleted). */
  opened: OpenedClip | null;
  /** The question on show before unsaved work is replaced. */
  confirm: Confirm | null;
  setConfirm: (c: Confirm | null) => void;
  /** Runs `run` now, or after the user confirms when the roll has unsaved changes. */
  guard: (text: string, ok: string, run: () => void) => void;
  openRecord: (r: MelodyRecord) => void;
  newClip: () => void;
  /** Renames a saved clip in place; resolves to whether it was renamed. */
  renameRecord: (r: MelodyRecord, name: string) => Promise<boolean>;
  deleteRecord: (r: MelodyRecord) => Promise<void>;
}

interface Deps {
  api: AtelierApi;
  clip: ClipState;
  loadNotes: LoadNotes;
  /** A library record to open (changes each time the Library's Open is pressed). */
  openRequest: { generation: Generation; n: number } | null;
  stopTransport: () => void;
  /** A new clip also forgets the loop region. */
  onNewClip: () => void;
  setForm: SetForm;
  reportError: (err: unknown) => void;
}

export function useClipShelf(d: Deps): ClipShelf {
  const { api, clip, loadNotes, reportError } = d;
  const library = useLibraryList(api, CLIPS, reportError);
  const records = useMemo(() => (library.items ? recordsFrom(library.items) : null), [library.items]);

  // A clip deleted since it was opened (here or in the Library) is no longer the saved clip's parent.
  const { openedFrom } = clip;
  const openedGone =
    openedFrom !== null &&
    records !== null &&
    records.length < CLIPS.limit &&
    !records.some((r) => r.id === openedFrom.id);
  const opened = openedGone ? null : openedFrom;

  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const guard = (text: string, ok: string, run: () => void): void => {
    if (clip.dirty && clip.notes.length > 0) setConfirm({ text, ok, run });
    else run();
  };

  const openRecord = (r: MelodyRecord): void => {
    guard(`The roll has unsaved changes. Open “${r.title}” anyway?`, 'Open', () => {
      d.stopTransport();
      loadNotes(r.notes, {
        bpm: r.bpm,
        name: r.name || r.title,
        from: { id: r.id, title: r.title },
        lock: clipLock(r.lock ?? {}, r.notes, clip.lock),
        meter: r.meter ?? [4, 4],
      });
    });
  };

  const openFromLibrary = useEffectEvent((gen: Generation) => {
    const r = recordFromGeneration(gen);
    if (!r) {
      reportError({ code: 'invalid-input', message: `“${gen.title}” holds no notes the studio can read.` });
      return;
    }
    openRecord(r);
  });
  const { openRequest } = d;
  useEffect(() => {
    // The Library's Open arrives as a prop (the studio may mount because of it): act on it once.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (openRequest) openFromLibrary(openRequest.generation);
  }, [openRequest]);

  const newClip = (): void => {
    guard('The roll has unsaved changes. Start a new clip anyway?', 'New clip', () => {
      d.stopTransport();
      loadNotes([], { bpm: clip.bpm, name: '', from: null });
      d.onNewClip();
    });
  };

  const renameRecord = async (r: MelodyRecord, name: string): Promise<boolean> => {
    const wanted = name.trim();
    if (!wanted || wanted === r.title) return false;
    try {
      const gen = await api.melody.rename({ id: r.id, name: wanted });
      library.add(gen);
      // The roll's clip: its name follows, unless the name field holds an edit of its own.
      if (opened?.id === r.id) clip.markRenamed(gen);
      return true;
    } catch (err) {
      reportError(err);
      return false;
    }
  };

  const deleteRecord = async (r: MelodyRecord): Promise<void> => {
    try {
      await api.library.delete({ id: r.id });
      library.remove(r.id);
      if (opened?.id === r.id) clip.setOpenedFrom(null);
      d.setForm((f) => ({
        ...f,
        interpolate: {
          ...f.interpolate,
          a: f.interpolate.a === r.id ? '' : f.interpolate.a,
          b: f.interpolate.b === r.id ? '' : f.interpolate.b,
        },
      }));
    } catch (err) {
      reportError(err);
    }
  };

  return {
    library,
    records,
    opened,
    confirm,
    setConfirm,
    guard,
    openRecord,
    newClip,
    renameRecord,
    deleteRecord,
  };
}
