/**
 * Downloading the roll as .mid (the selection only, when there is one; with the clip's key and time
 * signatures) or as rendered WAV.
 */
import { useState } from 'react';
import type { AtelierApi } from '../../../preload/contract';
import { exportMidi, exportWav } from './actions/exportClip';
import { selectedOrAll, toContractNotes } from './notes';
import type { ClipState } from './useClip';

export interface ClipExport {
  rendering: boolean;
  exportMidi: () => Promise<void>;
  exportWav: () => Promise<void>;
}

export function useClipExport(
  api: AtelierApi,
  clip: ClipState,
  clipName: string,
  reportError: (err: unknown) => void,
  notify: (text: string) => void,
): ClipExport {
  const [rendering, setRendering] = useState(false);
  const { editor, notes, bpm, lock, meter } = clip;
  const signatures = { key: lock.key, scale: lock.scale, timeSignature: meter };
  return {
    rendering,
    exportMidi: async () => {
      const selected = editor.selection.size;
      const list = selected > 0 ? toContractNotes(selectedOrAll(editor.notes, editor.selection)) : notes;
      try {
        const fileName = await exportMidi(api, { notes: list, bpm, name: clipName, ...signatures });
        notify(`Downloaded ${fileName}${selected > 0 ? ` (${list.length} selected notes)` : ''}`);
      } catch (err) {
        reportError(err);
      }
    },
    exportWav: async () => {
      if (rendering) return;
      if (notes.length === 0) {
        reportError({ code: 'invalid-input', message: 'The roll is empty: there is nothing to render.' });
        return;
      }
      setRendering(true);
      try {
        notify(`Downloaded ${await exportWav({ notes, bpm, name: clipName })}`);
      } catch (err) {
        reportError(err);
      } finally {
        setRendering(false);
      }
    },
  };
}
