/**
 * Writing results: PNGs from pixel grids, MIDI files from notes, numbered names for batches.
 * `--out` is checked before anything runs (its folder exists and can be written to, its
 * extension names the format written), and a write that still fails says why in one line.
 */
import { accessSync, constants, copyFileSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import type { PixelImage } from '../../preload/contract';
import { encodePng } from '../inference/image';
import { enlarge, toRgba } from '../inference/pixels';
import { writeMidi } from '../services/melody/midi';
import { UsageError } from './errors';

/** What a command writes: PNG images or MIDI files. */
export type OutFormat = 'png' | 'mid';

const FORMATS: Record<OutFormat, { extensions: readonly string[]; what: string }> = {
  png: { extensions: ['.png'], what: 'PNG images' },
  mid: { extensions: ['.mid', '.midi'], what: 'MIDI files' },
};

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** The folder exists, is a folder, and this process may write into it. */
function checkFolder(dir: string, shown: string): void {
  const st = statOrNull(dir);
  if (!st) throw new UsageError(`${shown}: the folder ${dir} does not exist (create it first)`);
  if (!st.isDirectory()) throw new UsageError(`${shown}: ${dir} is a file, not a folder`);
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new UsageError(`${shown}: the folder ${dir} cannot be written to`);
  }
}

/**
 * `--out FILE` before any generation: the absolute path, or a UsageError (exit 2) when the
 * extension names another format than the one written (.jpg for a PNG), when FILE is a folder,
 * or when its folder is missing or read-only. A name without an extension is taken as it is.
 */
export function checkOutFile(out: string, format: OutFormat, flag = 'out'): string {
  const path = resolve(out);
  const shown = `--${flag} ${out}`;
  const { extensions, what } = FORMATS[format];
  const ext = extname(path).toLowerCase();
  if (ext !== '' && !extensions.includes(ext))
    throw new UsageError(
      `${shown}: this command writes ${what}, so the name must end in ${extensions[0]} (not ${ext})`,
    );
  if (statOrNull(path)?.isDirectory())
    throw new UsageError(`${shown} is a folder: give a file name, e.g. ${join(out, `out${extensions[0]}`)}`);
  checkFolder(dirname(path), shown);
  return path;
}

/** `--out DIR` before any generation: DIR exists as a writable folder, or can be made in one. */
export function checkOutDir(out: string, flag = 'out'): string {
  const path = resolve(out);
  const shown = `--${flag} ${out}`;
  const st = statOrNull(path);
  if (st && !st.isDirectory()) throw new UsageError(`${shown} is a file: give a folder`);
  let dir = path;
  while (!statOrNull(dir) && dirname(dir) !== dir) dir = dirname(dir);
  checkFolder(dir, shown);
  return path;
}

/** A write that failed after the check (the folder went away, the disk filled up): why, in words. */
export class DeliveryError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`could not write ${path} (${reason})`);
  }
}

function reasonOf(e: unknown): string {
  switch ((e as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return 'its folder no longer exists';
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return 'permission denied';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EISDIR':
      return 'it is a folder';
    default:
      return (e as NodeJS.ErrnoException).code ?? 'the system refused the write';
  }
}

/** Runs one write; a failure becomes a DeliveryError naming the file. */
export function deliver(path: string, write: (path: string) => void): string {
  try {
    write(path);
    return path;
  } catch (e) {
    throw new DeliveryError(path, reasonOf(e));
  }
}

export function writeImage(path: string, img: PixelImage, scale: number): void {
  deliver(path, (p) => writeFileSync(p, encodePng(toRgba(enlarge(img, scale)))));
}

export function writeBytes(path: string, bytes: Uint8Array): void {
  deliver(path, (p) => writeFileSync(p, bytes));
}

export function copyOut(from: string, path: string): void {
  deliver(path, (p) => copyFileSync(from, p));
}

/** A clip as a .mid file: its notes, tempo and name, and its meter and key when it has them. */
export function writeClip(path: string, clip: Parameters<typeof writeMidi>[0]): void {
  deliver(path, (p) => writeFileSync(p, writeMidi(clip)));
}

/** Result k of a batch: out.png → out-1.png, out.mid → out-1.mid (a missing extension is added). */
export function numbered(out: string, k: number, ext: OutFormat): string {
  return out.replace(ext === 'png' ? /(\.png)?$/i : /(\.midi?)?$/i, `-${k + 1}.${ext}`);
}
