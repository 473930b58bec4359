/**
 * The input-folder walk the ImageFolder scan (./imagefolder.ts) and the MIDI scan
 * (./midi/scan.ts) share: label (class) folders of files, either straight under the root (all
 * of it training data) or under split folders (`train/`, and held-out `test/`, `val/`, `valid/`,
 * `validation/`). Streaming: one directory listing at a time, names sorted by code point (never
 * by locale, so every machine sees the same order), entries yielded as they are found, so memory
 * stays flat for 100,000 files. Files are only listed here, never read. What a scan wants is a
 * parameter: its extensions, the words of its skip reasons, and whether files outside a label
 * folder are items without a label.
 */
import { opendir } from 'node:fs/promises';
import { join } from 'node:path';

/** Held-out splits: read by evaluation, never augmented and never written. */
export const HELD_OUT_SPLITS = ['test', 'val', 'valid', 'validation'] as const;
export type Split = 'train' | (typeof HELD_OUT_SPLITS)[number];

export interface WalkSpec<F> {
  /** Lower-case extension with its dot → the file's format. */
  exts: Readonly<Record<string, F>>;
  /** A wanted file in a skip reason: 'a PNG or JPEG' gives "not a PNG or JPEG (.txt)". */
  wanted: string;
  /** The label folder in a skip reason: 'class' gives "folder inside a class folder". */
  folder: string;
  /** Files straight in the root (or in a split) are items with the label ''; else skipped. */
  loose: boolean;
}

export interface WalkedFile<F> {
  kind: 'file';
  split: Split;
  /** The name of the label folder the file is in; '' for a loose file. */
  label: string;
  /** Relative to the input root, '/'-separated: the same on every machine. */
  path: string;
  abs: string;
  format: F;
}

export interface SkippedEntry {
  kind: 'skipped';
  path: string;
  reason: string;
}

/** Names in code-point order: `localeCompare` would depend on the machine's locale. */
const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

interface Listed {
  name: string;
  dir: boolean;
  file: boolean;
}

/** One directory's entries, sorted. Only names are held, never file contents. */
async function list(dir: string): Promise<Listed[]> {
  const out: Listed[] = [];
  for await (const d of await opendir(dir))
    out.push({ name: d.name, dir: d.isDirectory(), file: d.isFile() });
  return out.sort((a, b) => byCodePoint(a.name, b.name));
}

/** ".PNG" → ".png"; '' when the name has no extension (or is all extension, like ".png"). */
export const extOf = (name: string): string => {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot).toLowerCase();
};

/** Whether the root holds split folders (`train/`, `test/`, …) rather than label folders. */
export async function hasSplits(root: string): Promise<boolean> {
  const names = (await list(root)).filter((e) => e.dir).map((e) => e.name);
  return names.includes('train') || names.some((n) => (HELD_OUT_SPLITS as readonly string[]).includes(n));
}

type Walked<F> = WalkedFile<F> | SkippedEntry;

function fileEntry<F>(
  spec: WalkSpec<F>,
  root: string,
  f: Listed,
  path: string,
  label: string,
  split: Split,
): Walked<F> {
  if (f.name.startsWith('.')) return { kind: 'skipped', path, reason: 'hidden' };
  if (f.dir) return { kind: 'skipped', path, reason: `folder inside a ${spec.folder} folder` };
  if (!f.file) return { kind: 'skipped', path, reason: 'not a regular file (a link or device)' };
  const ext = extOf(f.name);
  const format = Object.hasOwn(spec.exts, ext) ? spec.exts[ext] : undefined;
  if (format === undefined)
    return { kind: 'skipped', path, reason: `not ${spec.wanted} (${ext || 'no extension'})` };
  return { kind: 'file', split, label, path, abs: join(root, path), format };
}

/** A split's (or the root's) label folders and loose files; `rel` is '' for the root. */
async function* labelFolders<F>(
  spec: WalkSpec<F>,
  root: string,
  rel: string,
  split: Split,
): AsyncGenerator<Walked<F>> {
  const prefix = rel ? `${rel}/` : '';
  for (const c of await list(join(root, rel))) {
    const path = prefix + c.name;
    if (c.name.startsWith('.')) yield { kind: 'skipped', path, reason: 'hidden' };
    else if (c.dir)
      for (const f of await list(join(root, path)))
        yield fileEntry(spec, root, f, `${path}/${f.name}`, c.name, split);
    else if (spec.loose) yield fileEntry(spec, root, c, path, '', split);
    else
      yield {
        kind: 'skipped',
        path,
        reason: c.file ? `not in a ${spec.folder} folder` : 'not a file or folder',
      };
  }
}

/**
 * Every entry under `root` in a fixed order: splits in the order train, then held-out ones by
 * name; label folders and files by code point. Held-out files are yielded with their split so a
 * caller can count them; callers augment and write `split === 'train'` only.
 */
export async function* walkFolder<F>(root: string, spec: WalkSpec<F>): AsyncGenerator<Walked<F>> {
  if (!(await hasSplits(root))) {
    yield* labelFolders(spec, root, '', 'train');
    return;
  }
  const top = await list(root);
  if (top.some((e) => e.dir && e.name === 'train')) yield* labelFolders(spec, root, 'train', 'train');
  for (const e of top) {
    if (e.name === 'train' && e.dir) continue;
    const held = HELD_OUT_SPLITS.find((s) => s === e.name);
    if (held && e.dir) yield* labelFolders(spec, root, e.name, held);
    else if (e.name.startsWith('.')) yield { kind: 'skipped', path: e.name, reason: 'hidden' };
    else yield { kind: 'skipped', path: e.name, reason: 'not a split folder (train, test, val, validation)' };
  }
}
