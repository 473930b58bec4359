/**
 * Undo of the last accept: the textarea's own undo cannot reach past a programmatic change, so the
 * draft before the accept is kept until the user types (then the offer goes).
 */
import { useCallback, useState } from 'react';
import type { Draft } from './useDraft';

interface Snapshot {
  before: { text: string; cursor: number };
  /** The draft right after the accept: the undo applies only while it is unchanged. */
  after: string;
}

export interface AcceptUndo {
  canUndo: boolean;
  remember: (before: { text: string; cursor: number }, after: string) => void;
  undo: () => void;
}

export function useAcceptUndo(draft: Draft): AcceptUndo {
  const [snap, setSnap] = useState<Snapshot | null>(null);
  const canUndo = snap !== null && snap.after === draft.text;
  const { replace } = draft;
  const remember = useCallback(
    (before: { text: string; cursor: number }, after: string) => setSnap({ before, after }),
    [],
  );
  const undo = (): void => {
    if (!snap || !canUndo) return;
    replace(snap.before.text, snap.before.cursor);
    setSnap(null);
  };
  return { canUndo, remember, undo };
}
