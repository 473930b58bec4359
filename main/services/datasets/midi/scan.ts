/**
 * Reading an input folder of MIDI melodies: `.mid` / `.midi` files, optionally in label folders
 * (like an ImageFolder: class folders, optionally under `train/` beside held-out `test/`, `val/`
 * splits). Files straight in the root (or straight in `train/`) are melodies without a label.
 * A streaming scan in code-point order (never locale order), one directory listing at a time, so
 * every machine visits the files in the same order and memory stays flat. Files are only listed
 * here: they are parsed in the inference process (./source.ts), never on main's loop.
 */
import { opendir } from 'node:fs/promises';
import { join } from 'node:path';
import { HELD_OUT_SPLITS, hasSplits, type Split } from '../imagefolder';

export interface MidiEntry {
  kind: 'midi';
  split: Split;
  /** The label folder's name; '' for a melody straight in the root (or in `train/`). */
  label: string;
  /** Relative to the input root, '/'-separated: the same on every machine. */
  path: string;
  abs: string;
}

export interface SkippedEntry {
  kind: 'skipped';
  path: string;
  reason: string;
}

export type MidiScanEntry = MidiEntry | SkippedEntry;

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

interface Listed {
  name: string;
  dir: boolean;
  file: boolean;
}

async function list(dir: string): Promise<Listed[]> {
  const out: Listed[] = [];
  for await (const d of await opendir(dir))
    out.push({ name: d.name, dir: d.isDirectory(), file: d.isFile() });
  return out.sort((a, b) => byCodePoint(a.name, b.name));
}

export const isMidiName = (name: string): boolean => /\.midi?$/i.test(name);

function fileEntry(root: string, f: Listed, path: string, label: string, split: Split): MidiScanEntry {
  if (f.name.startsWith('.')) return { kind: 'skipped', path, reason: 'hidden' };
  if (!f.file) return { kind: 'skipped', path, reason: 'not a regular file (a link or device)' };
  if (!isMidiName(f.name)) {
    const dot = f.name.lastIndexOf('.');
    const ext = dot > 0 ? f.name.slice(dot).toLowerCase() : 'no extension';
    return { kind: 'skipped', path, reason: `not a MIDI file (${ext})` };
  }
  return { kind: 'midi', split, label, path, abs: join(root, path) };
}

/** A split's (or the root's) files and label folders; `rel` is '' for the root. */
async function* labelled(root: string, rel: string, split: Split): AsyncGenerator<MidiScanEntry> {
  const prefix = rel ? `${rel}/` : '';
  for (const c of await list(join(root, rel))) {
    const path = prefix + c.name;
    if (c.name.startsWith('.')) yield { kind: 'skipped', path, reason: 'hidden' };
    else if (!c.dir) yield fileEntry(root, c, path, '', split);
    else
      for (const f of await list(join(root, path))) {
        const p = `${path}/${f.name}`;
        if (f.dir && !f.name.startsWith('.'))
          yield { kind: 'skipped', path: p, reason: 'folder inside a label folder' };
        else yield fileEntry(root, f, p, c.name, split);
      }
  }
}

/**
 * Every entry under `root` in a fixed order: `train/` (or the root) first, then held-out splits
 * by name. Held-out files are yielded with their split so a caller can count them; only
 * `split === 'train'` is augmented and written.
 */
export async function* scanMidiFolder(root: string): AsyncGenerator<MidiScanEntry> {
  if (!(await hasSplits(root))) {
    yield* labelled(root, '', 'train');
    return;
  }
  const top = await list(root);
  if (top.some((e) => e.dir && e.name === 'train')) yield* labelled(root, 'train', 'train');
  for (const e of top) {
    if (e.name === 'train' && e.dir) continue;
    const held = HELD_OUT_SPLITS.find((s) => s === e.name);
    if (held && e.dir) yield* labelled(root, e.name, held);
    else if (e.name.startsWith('.')) yield { kind: 'skipped', path: e.name, reason: 'hidden' };
    else yield { kind: 'skipped', path: e.name, reason: 'not a split folder (train, test, val, validation)' };
  }
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
