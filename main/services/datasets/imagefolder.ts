/**
 * Reading an input folder in the ImageFolder layout: class subfolders of PNG and JPEG files,
 * either straight under the root (all of it is training data) or under split folders
 * (`train/`, and held-out `test/`, `val/`, `valid/`, `validation/`). A streaming scan: one
 * directory listing at a time, names sorted by code point (never by locale, so every machine
 * sees the same order), entries yielded as they are found, so memory stays flat for 100,000
 * files. Images are only listed here; `readImage` decodes one, and a damaged file is a reason
 * to report, never a crash.
 */
import { opendir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BadImageError, decodeImage } from '../../inference/prepare';
import type { Rgba } from '../../inference/image';

/** Held-out splits: read by evaluation, never augmented and never written. */
export const HELD_OUT_SPLITS = ['test', 'val', 'valid', 'validation'] as const;
export type Split = 'train' | (typeof HELD_OUT_SPLITS)[number];

const IMAGE_EXTS: Record<string, 'png' | 'jpeg'> = { '.png': 'png', '.jpg': 'jpeg', '.jpeg': 'jpeg' };
/** Larger files are refused before they are read (a 64-megapixel PNG or JPEG is far smaller). */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

export interface ImageEntry {
  kind: 'image';
  split: Split;
  /** The class: the name of the folder the file is in. */
  label: string;
  /** Relative to the input root, '/'-separated: the same on every machine. */
  path: string;
  abs: string;
  format: 'png' | 'jpeg';
}

export interface SkippedEntry {
  kind: 'skipped';
  path: string;
  reason: string;
}

export type ScanEntry = ImageEntry | SkippedEntry;

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

const extOf = (name: string): string => {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot).toLowerCase();
};

/** Whether the root holds split folders (`train/`, `test/`, …) rather than class folders. */
export async function hasSplits(root: string): Promise<boolean> {
  const names = (await list(root)).filter((e) => e.dir).map((e) => e.name);
  return names.includes('train') || names.some((n) => (HELD_OUT_SPLITS as readonly string[]).includes(n));
}

async function* classFolders(root: string, rel: string, split: Split): AsyncGenerator<ScanEntry> {
  const prefix = rel ? `${rel}/` : '';
  for (const c of await list(join(root, rel))) {
    const path = prefix + c.name;
    if (c.name.startsWith('.')) yield { kind: 'skipped', path, reason: 'hidden' };
    else if (!c.dir)
      yield { kind: 'skipped', path, reason: c.file ? 'not in a class folder' : 'not a file or folder' };
    else yield* files(root, path, c.name, split);
  }
}

async function* files(root: string, rel: string, label: string, split: Split): AsyncGenerator<ScanEntry> {
  for (const f of await list(join(root, rel))) {
    const path = `${rel}/${f.name}`;
    const format = IMAGE_EXTS[extOf(f.name)];
    if (f.name.startsWith('.')) yield { kind: 'skipped', path, reason: 'hidden' };
    else if (f.dir) yield { kind: 'skipped', path, reason: 'folder inside a class folder' };
    else if (!f.file) yield { kind: 'skipped', path, reason: 'not a regular file (a link or device)' };
    else if (!format)
      yield { kind: 'skipped', path, reason: `not a PNG or JPEG (${extOf(f.name) || 'no extension'})` };
    else yield { kind: 'image', split, label, path, abs: join(root, rel, f.name), format };
  }
}

/**
 * Every entry under `root` in a fixed order: splits in the order train, then held-out ones by
 * name; classes and files by code point. Held-out images are yielded with their split so a
 * caller can count them; callers augment and write `split === 'train'` only.
 */
export async function* scanImageFolder(root: string): AsyncGenerator<ScanEntry> {
  if (!(await hasSplits(root))) {
    yield* classFolders(root, '', 'train');
    return;
  }
  const top = await list(root);
  const train = top.find((e) => e.dir && e.name === 'train');
  if (train) yield* classFolders(root, 'train', 'train');
  for (const e of top) {
    if (e.name === 'train' && e.dir) continue;
    const held = HELD_OUT_SPLITS.find((s) => s === e.name);
    if (held && e.dir) yield* classFolders(root, e.name, held);
    else if (e.name.startsWith('.')) yield { kind: 'skipped', path: e.name, reason: 'hidden' };
    else yield { kind: 'skipped', path: e.name, reason: 'not a split folder (train, test, val, validation)' };
  }
}

/** Counts of a scan without reading any image: the total a progress bar needs. */
export async function countImageFolder(
  root: string,
): Promise<{ train: number; heldOut: number; skipped: number }> {
  const n = { train: 0, heldOut: 0, skipped: 0 };
  for await (const e of scanImageFolder(root)) {
    if (e.kind === 'skipped') n.skipped++;
    else if (e.split === 'train') n.train++;
    else n.heldOut++;
  }
  return n;
}

export type ReadResult = { ok: true; bytes: Uint8Array; image: Rgba } | { ok: false; reason: string };

/**
 * One image's bytes and pixels, or why it cannot be used. Sizes are checked before anything
 * large is allocated: the file's length here, the declared pixel count by `decodeImage`.
 */
export async function readImage(abs: string): Promise<ReadResult> {
  try {
    const { size } = await stat(abs);
    if (size > MAX_FILE_BYTES)
      return { ok: false, reason: `file is ${Math.round(size / 2 ** 20)} MB, over 256 MB` };
    const bytes = new Uint8Array(await readFile(abs));
    const image = decodeImage(bytes);
    if (image.width < 1 || image.height < 1) return { ok: false, reason: 'the image has no pixels' };
    return { ok: true, bytes, image };
  } catch (e) {
    if (e instanceof BadImageError) return { ok: false, reason: e.message };
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, reason: code ? `could not be read (${code})` : (e as Error).message };
  }
}
