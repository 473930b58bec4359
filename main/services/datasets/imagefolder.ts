/**
 * Reading an input folder in the ImageFolder layout: class subfolders of PNG and JPEG files,
 * either straight under the root (all of it is training data) or under split folders
 * (`train/`, and held-out `test/`, `val/`, `valid/`, `validation/`). A streaming scan over the
 * shared folder walk (./walk.ts: code-point order, one directory listing at a time, flat
 * memory for 100,000 files). Images are only listed here; `readImage` decodes one, and a
 * damaged file is a reason to report, never a crash.
 */
import { readFile, stat } from 'node:fs/promises';
import { BadImageError, decodeImage } from '../../inference/prepare';
import type { Rgba } from '../../inference/image';
import { walkFolder, type SkippedEntry, type Split, type WalkSpec } from './walk';

export { HELD_OUT_SPLITS, hasSplits, type SkippedEntry, type Split } from './walk';

const IMAGES: WalkSpec<'png' | 'jpeg'> = {
  exts: { '.png': 'png', '.jpg': 'jpeg', '.jpeg': 'jpeg' },
  wanted: 'a PNG or JPEG',
  folder: 'class',
  loose: false,
};
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

export type ScanEntry = ImageEntry | SkippedEntry;

/**
 * Every entry under `root` in a fixed order: splits in the order train, then held-out ones by
 * name; classes and files by code point. Held-out images are yielded with their split so a
 * caller can count them; callers augment and write `split === 'train'` only.
 */
export async function* scanImageFolder(root: string): AsyncGenerator<ScanEntry> {
  for await (const e of walkFolder(root, IMAGES)) yield e.kind === 'file' ? { ...e, kind: 'image' } : e;
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
