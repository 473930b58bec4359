/**
 * `datasets.card`: the README.md card of an augment output folder, with its manifest's rows
 * counted (real copies and synthetic items). Only a folder an augment made is read (it has
 * `train/metadata.jsonl`); the path is checked like every other Datasets path (absolute, not a
 * system folder, not the app's data), and the card must be a plain file inside the folder (a
 * symbolic link pointing elsewhere is refused), read up to a cap.
 */
import { lstat, open, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { AtelierError, invalid, type DatasetsCard } from '../../../preload/contract';
import { checkPlace, inside } from './folders';
import { MANIFEST, readManifest, REAL } from './manifest';

/** Larger cards are cut here (a card lists at most 200 issues; a megabyte is far past that). */
export const CARD_MAX_BYTES = 1024 * 1024;

const notFound = (message: string): AtelierError =>
  new AtelierError({ code: 'not-found', message, field: 'out' });

/**
 * The output folder of an earlier augment, checked as ./folders.ts checks a run's folders (both
 * the path as given and its real path, symbolic links resolved), then for the manifest that
 * makes it an augment output. Answers the real path.
 */
export async function checkAugmentOutput(out: string, dataDir: string): Promise<string> {
  if (!isAbsolute(out)) throw invalid('The output folder must be an absolute path.', 'out');
  const o = resolve(out);
  const data = resolve(dataDir);
  checkPlace(o, 'out', data);
  const s = await stat(o).catch(() => null);
  if (!s) throw notFound(`The output folder ${o} does not exist.`);
  if (!s.isDirectory()) throw invalid(`The output folder ${o} is a file, not a folder.`, 'out');
  const root = await realpath(o);
  checkPlace(root, 'out', await realpath(data).catch(() => data));
  const manifest = await lstat(join(root, 'train', MANIFEST)).catch(() => null);
  if (!manifest?.isFile())
    throw notFound(
      `The output folder ${o} is not the output of an augment run (it has no train/${MANIFEST}).`,
    );
  return root;
}

/** A file inside `root`, no symbolic link leaving it; null when it is missing. */
export async function fileInside(root: string, rel: string): Promise<{ path: string; size: number } | null> {
  const path = join(root, rel);
  const s = await lstat(path).catch(() => null);
  if (!s) return null;
  const realFile = await realpath(path).catch(() => null);
  if (!realFile || !inside(root, realFile)) return null;
  const target = await stat(realFile).catch(() => null);
  if (!target?.isFile()) return null;
  return { path: realFile, size: target.size };
}

async function readCapped(path: string, max: number): Promise<{ text: string; cut: boolean }> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(max + 1);
    const { bytesRead } = await fh.read(buf, 0, max + 1, 0);
    const cut = bytesRead > max;
    return { text: buf.subarray(0, Math.min(bytesRead, max)).toString('utf8'), cut };
  } finally {
    await fh.close();
  }
}

export async function readDatasetCard(out: string, dataDir: string): Promise<DatasetsCard> {
  const root = await checkAugmentOutput(out, dataDir);
  const card = await lstat(join(root, 'README.md')).catch(() => null);
  const file = card ? await fileInside(root, 'README.md') : null;
  if (card && !file)
    throw invalid(
      `The card ${join(resolve(out), 'README.md')} is not a file inside the output folder.`,
      'out',
    );
  if (!file)
    throw notFound(
      `The output folder ${resolve(out)} has no README.md card yet: a run writes it when it finishes.`,
    );
  const { text, cut } = await readCapped(file.path, CARD_MAX_BYTES);
  let real = 0;
  let synthetic = 0;
  for await (const row of readManifest(join(root, 'train', MANIFEST))) {
    if (row.method === REAL) real++;
    else synthetic++;
  }
  const note = cut
    ? `\n\n> This card is ${Math.round(file.size / 1024)} KB; only its first ${CARD_MAX_BYTES / 1024} KB are shown.\n`
    : '';
  return { path: join(resolve(out), 'README.md'), markdown: text + note, real, synthetic };
}
