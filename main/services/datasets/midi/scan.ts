/**
 * Reading an input folder of MIDI melodies: `.mid` / `.midi` files, optionally in label folders
 * (like an ImageFolder: class folders, optionally under `train/` beside held-out `test/`, `val/`
 * splits). Files straight in the root (or straight in `train/`) are melodies without a label.
 * A streaming scan over the shared folder walk (../walk.ts: code-point order, never locale order,
 * one directory listing at a time), so every machine visits the files in the same order and
 * memory stays flat. Files are only listed here: they are parsed in the inference process
 * (./source.ts), never on main's loop.
 */
import { walkFolder, type SkippedEntry, type Split, type WalkSpec } from '../walk';

export interface MidiEntry {
  kind: 'midi';
  split: Split;
  /** The label folder's name; '' for a melody straight in the root (or in `train/`). */
  label: string;
  /** Relative to the input root, '/'-separated: the same on every machine. */
  path: string;
  abs: string;
}

export type { SkippedEntry };
export type MidiScanEntry = MidiEntry | SkippedEntry;

const MIDI: WalkSpec<true> = {
  exts: { '.mid': true, '.midi': true },
  wanted: 'a MIDI file',
  folder: 'label',
  loose: true,
};

/**
 * Every entry under `root` in a fixed order: `train/` (or the root) first, then held-out splits
 * by name. Held-out files are yielded with their split so a caller can count them; only
 * `split === 'train'` is augmented and written.
 */
export async function* scanMidiFolder(root: string): AsyncGenerator<MidiScanEntry> {
  for await (const e of walkFolder(root, MIDI))
    yield e.kind === 'file' ? { kind: 'midi', split: e.split, label: e.label, path: e.path, abs: e.abs } : e;
}

/** Counts of a scan, no file read: the total a progress bar needs. */
export async function countMidiFolder(root: string): Promise<{ train: number; heldOut: number }> {
  const n = { train: 0, heldOut: 0 };
  for await (const e of scanMidiFolder(root))
    if (e.kind === 'midi') {
      if (e.split === 'train') n.train++;
      else n.heldOut++;
    }
  return n;
}
