/**
 * Dragging clips out of the window as .mid files. Electron drags a file main writes
 * (`melody.startDrag`); a browser drags a `DownloadURL`, whose object URL must be ready before the
 * drag starts (a drag cannot wait for main), so the roll's file is kept fresh and a shelf clip's is
 * fetched when the pointer enters it.
 */
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { generationFileName, type AtelierApi } from '../../../preload/contract';
import { assetBlob } from '../shell/assets';
import { contractClip, midiBlob, type Clip } from './actions/exportClip';
import type { MelodyRecord } from './clips';
import { downloadUrlData } from './files';

export interface DragOut {
  /** Fetches a shelf clip's .mid ahead of a drag (browsers only). */
  prepareClipDrag: (r: MelodyRecord) => void;
  /** Starts dragging `clip` (key: 'roll' or a record id). */
  startDrag: (key: string, clip: Clip, e: DragEvent) => void;
}

export function useDragOut(
  api: AtelierApi,
  roll: Clip,
  reportError: (err: unknown) => void,
  notify: (text: string) => void,
): DragOut {
  const [dragOut, setDragOut] = useState(false);
  useEffect(() => {
    let live = true;
    api.app.info().then(
      (i) => {
        if (live) setDragOut(i.capabilities.dragOut);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);

  /** Object URLs of .mid files ready for a drag. */
  const dragFiles = useRef(new Map<string, { url: string; fileName: string }>());
  /** False once unmounted: a file fetched after that would never be revoked. */
  const mounted = useRef(true);
  const keepDragFile = (key: string, blob: Blob, fileName: string): void => {
    if (!mounted.current) return;
    const old = dragFiles.current.get(key);
    if (old) URL.revokeObjectURL(old.url);
    dragFiles.current.set(key, { url: URL.createObjectURL(blob), fileName });
  };
  useEffect(() => {
    const files = dragFiles.current;
    mounted.current = true;
    return () => {
      mounted.current = false;
      for (const f of files.values()) URL.revokeObjectURL(f.url);
      files.clear();
    };
  }, []);

  const { notes, bpm, name, key, scale, timeSignature } = roll;
  useEffect(() => {
    if (dragOut || notes.length === 0) return;
    let live = true;
    const t = setTimeout(() => {
      midiBlob(api, { notes, bpm, name, key, scale, timeSignature }).then(
        ({ blob, fileName }) => {
          if (live) keepDragFile('roll', blob, fileName);
        },
        () => undefined,
      );
    }, 400);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [api, dragOut, notes, bpm, name, key, scale, timeSignature]);

  const prepareClipDrag = (r: MelodyRecord): void => {
    if (dragOut || dragFiles.current.has(r.id)) return;
    assetBlob(api, r.id, 'midi').then(
      (blob) => keepDragFile(r.id, blob, generationFileName(r.generation)),
      () => undefined,
    );
  };

  const startDrag = (key: string, clip: Clip, e: DragEvent): void => {
    if (clip.notes.length === 0) {
      e.preventDefault();
      return;
    }
    if (dragOut) {
      e.preventDefault();
      api.melody.startDrag({ clip: contractClip(clip) }).catch(reportError);
      return;
    }
    const file = dragFiles.current.get(key);
    if (!file) {
      e.preventDefault();
      notify('The .mid file is still being prepared: drag again in a moment.');
      return;
    }
    e.dataTransfer.effectAllowed = 'copy';
    e.dataTransfer.setData('DownloadURL', downloadUrlData(file.fileName, file.url));
    e.dataTransfer.setData('text/plain', file.fileName);
  };

  return { prepareClipDrag, startDrag };
}
