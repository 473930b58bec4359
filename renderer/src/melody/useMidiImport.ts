/**
 * Importing a .mid file: read by main, one track straight into the roll, or a picker for several.
 * The clip's lock is the file's key signature (else the key the track's notes suggest) and its
 * meter the file's time signature (else 4/4).
 */
import { useState } from 'react';
import type { AtelierApi } from '../../../preload/contract';
import { importMidi, type ImportedMidi } from './actions/importMidi';
import { clipLock } from './lock';
import { toContractNotes, toRollNotes } from './notes';
import type { ClipState } from './useClip';

export interface MidiImport {
  importing: boolean;
  /** The file whose track is being picked. */
  picker: ImportedMidi | null;
  importFile: (file: File) => Promise<void>;
  pickTrack: (index: number) => void;
  cancelPick: () => void;
}

interface Deps {
  api: AtelierApi;
  clip: ClipState;
  stopTransport: () => void;
  reportError: (err: unknown) => void;
  clearError: () => void;
  notify: (text: string) => void;
}

export function useMidiImport({
  api,
  clip,
  stopTransport,
  reportError,
  clearError,
  notify,
}: Deps): MidiImport {
  const [picker, setPicker] = useState<ImportedMidi | null>(null);
  const [importing, setImporting] = useState(false);

  const loadImported = (file: ImportedMidi, index: number): void => {
    const track = file.tracks.find((t) => t.index === index);
    setPicker(null);
    if (!track) return;
    stopTransport();
    const rolled = toRollNotes(track.notes);
    clip.editor.replaceAll(rolled, 'Import MIDI');
    clip.setBpm(file.bpm);
    clip.setName(file.name.slice(0, 120));
    clip.setLock(clipLock(file, track.notes, clip.lock, 'file'));
    clip.setMeter(file.timeSignature ?? [4, 4]);
    clip.setOpenedFrom(null);
    clip.setProvenance({ origin: 'import', notes: toContractNotes(rolled), params: { track: track.name } });
    notify(`Imported ${track.notes.length} notes from “${track.name}”`);
  };

  const importFile = async (file: File): Promise<void> => {
    if (importing) return;
    setImporting(true);
    clearError();
    try {
      const out = await importMidi(api, file);
      if (out.tracks.length === 1) loadImported(out, out.tracks[0]!.index);
      else setPicker(out);
    } catch (err) {
      reportError(err);
    } finally {
      setImporting(false);
    }
  };

  return {
    importing,
    picker,
    importFile,
    pickTrack: (index) => {
      if (picker) loadImported(picker, index);
    },
    cancelPick: () => setPicker(null),
  };
}
