/**
 * Keeping a run: Save to the library (its state and a thumbnail of the picture), opening a
 * library record (the Library's Open), Export JSON (the state as a file), Open file (a state
 * file, refused readably when it cannot be one) and Export ONNX (flow and VAE).
 */
import { useCallback, useEffect, useEffectEvent, useState, type RefObject } from 'react';
import type { AtelierApi } from '../../../preload/contract';
import { downloadBlob } from '../shell/download';
import type { OpenRequest } from '../shell/studio';
import { LabFileError, parseLabFile, stateFileName } from './files';
import { pictureThumbnail } from './thumbnail';
import type { LabRun } from './useLabRun';

export interface LabFiles {
  busy: 'saving' | 'exporting' | 'onnx' | 'opening' | null;
  /** The id of the library record the run on show was saved as or opened from. */
  savedId: string | null;
  save: (title: string) => Promise<void>;
  exportJson: () => Promise<void>;
  exportOnnx: () => Promise<void>;
  openFile: (file: File) => Promise<void>;
}

const text = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function useLabFiles(
  api: AtelierApi,
  run: LabRun,
  picture: RefObject<HTMLDivElement | null>,
  openRequest: OpenRequest | null,
  notify: (message: string) => void,
): LabFiles {
  const [busy, setBusy] = useState<LabFiles['busy']>(null);
  const [savedId, setSavedId] = useState<string | null>(null);
  const { save: saveState, load, setError, pause } = run;

  const task = useCallback(
    async (kind: NonNullable<LabFiles['busy']>, body: () => Promise<void>) => {
      setBusy(kind);
      try {
        await body();
      } catch (e) {
        setError(text(e));
      } finally {
        setBusy(null);
      }
    },
    [setError],
  );

  const open = useEffectEvent((req: OpenRequest) => {
    void task('opening', async () => {
      pause();
      const { state } = await api.labs.open({ id: req.generation.id });
      load(state);
      setSavedId(req.generation.id);
    });
  });
  useEffect(() => {
    // Opened after this effect (its busy state is set from the task, not during the effect).
    if (openRequest && openRequest.generation.kind === 'lab') void Promise.resolve(openRequest).then(open);
  }, [openRequest]);

  return {
    busy,
    savedId,
    save: useCallback(
      (title: string) =>
        task('saving', async () => {
          const state = await saveState(title);
          const thumbnail = await pictureThumbnail(picture.current);
          const gen = await api.labs.save({ title, state, ...(thumbnail ? { thumbnail } : {}) });
          setSavedId(gen.id);
          notify(`Saved “${gen.title}” to the library.`);
        }),
      [api, notify, picture, saveState, task],
    ),
    exportJson: useCallback(
      () =>
        task('exporting', async () => {
          const state = await saveState();
          const blob = new Blob([JSON.stringify(state)], { type: 'application/json' });
          downloadBlob(blob, stateFileName(state.lab, state.iteration));
        }),
      [saveState, task],
    ),
    exportOnnx: useCallback(
      () =>
        task('onnx', async () => {
          const state = await saveState();
          const file = await api.labs.exportOnnx({ state });
          downloadBlob(new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.mime }), file.fileName);
        }),
      [api, saveState, task],
    ),
    openFile: useCallback(
      (file: File) =>
        task('opening', async () => {
          try {
            const state = parseLabFile(await file.text(), file.name, file.size);
            pause();
            load(state);
            setSavedId(null);
          } catch (e) {
            throw e instanceof LabFileError ? e : new Error(`${file.name} could not be read: ${text(e)}`);
          }
        }),
      [load, pause, task],
    ),
  };
}
