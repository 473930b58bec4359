/**
 * Unsaved work kept in localStorage: written a moment after each change (and when the page goes),
 * offered back after a reload, forgotten once the clip is saved.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { clearDraft, draftStore, readDraft, writeDraft, type MelodyDraft } from './draft';
import type { MelodyRecord } from './clips';
import { toContractNotes, toRollNotes } from './notes';
import type { ClipState, OpenedClip } from './useClip';
import type { LoadNotes } from './useClipShelf';

export interface Draft {
  /** The draft left by an earlier visit, offered back. */
  offer: MelodyDraft | null;
  restore: () => void;
  discard: () => void;
  /** The clip was saved: no draft is kept or offered. */
  forget: () => void;
}

export function useDraft(
  clip: ClipState,
  opened: OpenedClip | null,
  records: readonly MelodyRecord[] | null,
  loadNotes: LoadNotes,
): Draft {
  const { notes, bpm, name, dirty, lock, meter } = clip;
  const recordsRef = useRef(records);
  useEffect(() => {
    recordsRef.current = records;
  });

  const store = useMemo(() => draftStore(), []);
  const [offer, setOffer] = useState<MelodyDraft | null>(() => {
    const d = readDraft(store);
    return d && d.notes.length > 0 ? d : null;
  });
  const draftNow = useRef<MelodyDraft | null>(null);
  useEffect(() => {
    draftNow.current = dirty
      ? {
          notes,
          bpm,
          name,
          parentId: opened?.id ?? null,
          savedAt: Date.now(),
          lock: { key: lock.key, scale: lock.scale },
          meter,
        }
      : null;
    const t = setTimeout(() => {
      if (draftNow.current) writeDraft(store, draftNow.current);
      else if (!offer) clearDraft(store);
    }, 250);
    return () => clearTimeout(t);
  }, [dirty, notes, bpm, name, lock, meter, opened, offer, store]);
  useEffect(() => {
    const flush = (): void => {
      if (draftNow.current) writeDraft(store, draftNow.current);
    };
    window.addEventListener('pagehide', flush);
    return () => window.removeEventListener('pagehide', flush);
  }, [store]);

  const restore = (): void => {
    if (!offer) return;
    const d = offer;
    const parent = d.parentId ? recordsRef.current?.find((r) => r.id === d.parentId) : undefined;
    loadNotes([], {
      bpm: d.bpm,
      name: d.name,
      from: parent ? { id: parent.id, title: parent.title } : null,
      ...(d.lock ? { lock: { ...d.lock, source: 'set' as const } } : {}),
      ...(d.meter ? { meter: d.meter } : {}),
    });
    clip.editor.replaceAll(toRollNotes(d.notes), 'Restore unsaved clip');
    clip.setBaseline(
      parent
        ? {
            notes: toContractNotes(toRollNotes(parent.notes)),
            bpm: parent.bpm,
            name: parent.name || parent.title,
            ...(parent.lock ? { lock: parent.lock } : {}),
            meter: parent.meter ?? [4, 4],
          }
        : { notes: [], bpm: d.bpm, name: d.name },
    );
    setOffer(null);
  };
  const discard = (): void => {
    setOffer(null);
    if (!dirty) clearDraft(store);
  };
  const forget = (): void => {
    clearDraft(store);
    setOffer(null);
  };

  return { offer, restore, discard, forget };
}
