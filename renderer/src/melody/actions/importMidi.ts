import type { z } from 'zod';
import {
  AtelierError,
  MELODY_MAX_MIDI_BYTES,
  type AtelierApi,
  type MelodyImportOutput,
} from '../../../../preload/contract';

export type ImportedMidi = z.output<typeof MelodyImportOutput>;

/** Reads a .mid file through main: its tracks' notes, tempo and name. Too large a file is refused here. */
export async function importMidi(api: AtelierApi, file: File): Promise<ImportedMidi> {
  if (file.size > MELODY_MAX_MIDI_BYTES)
    throw new AtelierError({
      code: 'invalid-input',
      message: `“${file.name}” is too large to import (at most ${MELODY_MAX_MIDI_BYTES >> 20} MiB).`,
    });
  const bytes = new Uint8Array(await file.arrayBuffer());
  return api.melody.importMidi({ bytes, fileName: file.name });
}
