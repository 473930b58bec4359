import { AtelierError, type AtelierApi, type MelodyClip, type Note } from '../../../../preload/contract';
import type { Key, Meter, ScaleName } from '../../../../preload/melody';
import { downloadBlob } from '../../shell/download';
import { melodyFileName } from '../files';
import { renderWav } from '../render';

export interface Clip {
  notes: Note[];
  bpm: number;
  name: string;
  /** Written into the .mid file as its key and time signatures. */
  key?: Key;
  scale?: ScaleName;
  timeSignature?: Meter;
}

const empty = (what: string): AtelierError =>
  new AtelierError({ code: 'invalid-input', message: `The roll is empty: there is nothing to ${what}.` });

/** The clip as the contract takes it (its key, scale and meter when it has them). */
export function contractClip({ notes, bpm, name, key, scale, timeSignature }: Clip): MelodyClip {
  return {
    notes,
    bpm,
    name,
    ...(key ? { key } : {}),
    ...(scale ? { scale } : {}),
    ...(timeSignature ? { timeSignature: [timeSignature[0], timeSignature[1]] } : {}),
  };
}

/** The clip as a .mid file (written by main). */
export async function midiBlob(api: AtelierApi, clip: Clip): Promise<{ blob: Blob; fileName: string }> {
  const out = await api.melody.exportMidi({ clip: contractClip(clip) });
  return { blob: new Blob([new Uint8Array(out.bytes)], { type: out.mime }), fileName: out.fileName };
}

/** Downloads the clip as a .mid file; resolves to its file name. */
export async function exportMidi(api: AtelierApi, clip: Clip): Promise<string> {
  if (clip.notes.length === 0) throw empty('export');
  const { blob, fileName } = await midiBlob(api, clip);
  downloadBlob(blob, fileName);
  return fileName;
}

/** Renders the clip with the studio's sound and downloads it as a WAV file; resolves to its file name. */
export async function exportWav(clip: Clip): Promise<string> {
  if (clip.notes.length === 0) throw empty('render');
  const bytes = await renderWav(clip.notes, clip.bpm);
  const fileName = melodyFileName(clip.name, 'wav');
  downloadBlob(new Blob([new Uint8Array(bytes)], { type: 'audio/wav' }), fileName);
  return fileName;
}
