/**
 * `datasets.samples`: a few items of an augment output as PNG bytes, for the page's sample grid:
 * real sources beside the synthetic items made from them, a few sources of each class; and a
 * glyph sheet output's contact sheets (`sheets/<name>.png`). Only files the manifest lists, and
 * PNG files directly in `sheets/`, are read, each resolved inside the output folder (no `..`, no
 * absolute names, no symbolic link leaving it); PNG files are sent as they are, a JPEG real copy
 * is re-encoded as PNG; the count and the bytes are capped.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { invalid, type DatasetsSample, type DatasetsSamplesInput } from '../../../preload/contract';
import { encodeRgbaPng } from '../../inference/image';
import { checkAugmentOutput, fileInside } from './card-read';
import { readImage } from './imagefolder';
import { MANIFEST, readManifest, REAL, type ManifestRow } from './manifest';

export const SAMPLES_DEFAULT = 24;
/** A file larger than this is left out of the grid. */
export const SAMPLE_MAX_FILE_BYTES = 2 * 1024 * 1024;
/** The answer stops growing here. */
export const SAMPLES_MAX_TOTAL_BYTES = 16 * 1024 * 1024;
/** Without `files`, at most this many manifest rows are looked at (the first sources suffice). */
const SCAN_ROWS = 20_000;
/** Synthetic items shown beside one real source. */
const PER_SOURCE = 7;

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const isPng = (b: Uint8Array): boolean => PNG_MAGIC.every((v, i) => b[i] === v);

/** A contact sheet of a glyph sheet output: `sheets/<name>.png`, relative to the output folder. */
export const isSheetName = (n: string): boolean => /^sheets\/[^/]+\.png$/i.test(n) && plainName(n);

/** Whether a requested name is a plain relative path (the manifest's own rule). */
export function plainName(n: string): boolean {
  return (
    !n.startsWith('/') &&
    !/^[A-Za-z]:/.test(n) &&
    !n.includes('\\') &&
    !n.includes('\u0000') &&
    !n.split('/').some((s) => s === '..' || s === '.' || s === '')
  );
}

/**
 * Which rows to show, from the manifest's rows in order: rows of one source, real first, then up
 * to PER_SOURCE of its synthetic items; sources taken a class at a time in turn so every class
 * shows; at most `limit` rows.
 */
export function pickSamples(rows: readonly ManifestRow[], limit: number): ManifestRow[] {
  const bySource = new Map<string, { label: string; rows: ManifestRow[] }>();
  for (const r of rows) {
    const key = `${r.label}\u0000${r.source}`;
    const g = bySource.get(key) ?? { label: r.label, rows: [] };
    g.rows.push(r);
    bySource.set(key, g);
  }
  const byLabel = new Map<string, ManifestRow[][]>();
  for (const g of bySource.values()) {
    const real = g.rows.filter((r) => r.method === REAL);
    const made = g.rows.filter((r) => r.method !== REAL).slice(0, PER_SOURCE);
    byLabel.set(g.label, [...(byLabel.get(g.label) ?? []), [...real.slice(0, 1), ...made]]);
  }
  const out: ManifestRow[] = [];
  const queues = [...byLabel.values()];
  for (let round = 0; out.length < limit && queues.some((q) => q.length > round); round++)
    for (const q of queues) {
      const group = q[round];
      if (!group) continue;
      if (out.length + group.length > limit && out.length > 0) return out;
      out.push(...group.slice(0, limit - out.length));
    }
  return out;
}

async function pngOf(root: string, rel: string): Promise<Uint8Array<ArrayBuffer> | null> {
  const file = await fileInside(root, rel);
  if (!file || file.size > SAMPLE_MAX_FILE_BYTES) return null;
  const bytes = new Uint8Array(await readFile(file.path));
  if (isPng(bytes)) return bytes;
  if (!/\.jpe?g$/i.test(rel)) return null;
  const read = await readImage(file.path);
  return read.ok ? new Uint8Array(encodeRgbaPng(read.image)) : null;
}

export async function datasetSamples(
  input: Pick<DatasetsSamplesInput, 'out' | 'files' | 'limit'>,
  dataDir: string,
): Promise<DatasetsSample[]> {
  const root = await checkAugmentOutput(input.out, dataDir);
  const limit = input.limit ?? (input.files ? input.files.length : SAMPLES_DEFAULT);
  const manifest = join(root, 'train', MANIFEST);
  /** Each item to read: its path under the output folder and what the answer says of it. */
  let chosen: { rel: string; sample: Omit<DatasetsSample, 'png'> }[];
  const item = (row: ManifestRow): (typeof chosen)[number] => ({
    rel: join('train', row.file_name),
    sample: { fileName: row.file_name, label: row.label, method: row.method, source: row.source || null },
  });
  if (input.files) {
    input.files.forEach((n, i) => {
      if (!plainName(n))
        throw invalid(`files[${i}] must be a file name from the manifest, relative to train/.`, 'files');
    });
    const wanted = new Set(input.files.filter((n) => !isSheetName(n)));
    const found = new Map<string, ManifestRow>();
    if (wanted.size)
      for await (const row of readManifest(manifest))
        if (wanted.has(row.file_name)) found.set(row.file_name, row);
    chosen = [...new Set(input.files)].slice(0, limit).map((n) => {
      if (isSheetName(n))
        return { rel: n, sample: { fileName: n, label: n.slice(7, -4), method: 'sheet', source: null } };
      const row = found.get(n);
      if (!row)
        throw invalid(`files[${input.files!.indexOf(n)}] (${n}) is not listed in the manifest.`, 'files');
      return item(row);
    });
  } else {
    const rows: ManifestRow[] = [];
    for await (const row of readManifest(manifest)) {
      rows.push(row);
      if (rows.length >= SCAN_ROWS) break;
    }
    chosen = pickSamples(rows, limit).map(item);
  }
  const out: DatasetsSample[] = [];
  let total = 0;
  for (const { rel, sample } of chosen) {
    const png = await pngOf(root, rel);
    if (!png) continue;
    if (total + png.length > SAMPLES_MAX_TOTAL_BYTES) break;
    total += png.length;
    out.push({ ...sample, png });
  }
  return out;
}
