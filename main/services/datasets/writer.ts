/**
 * The augmented dataset on disk: `<out>/train/<class>/…` with `train/metadata.jsonl`.
 *
 * Never a half-written file: every file is written under `<out>/.partial/` and renamed into
 * place, and its manifest line is appended only after the rename. Resumable: opening reads the
 * manifest, checks every listed file against its sha256, and keeps only the lines that hold
 * (a torn last line from a crash, a missing or changed file, a repeated name are dropped). Files
 * are not fsynced one by one: whatever a power cut leaves behind fails that hash check on the
 * next run and is made again, which costs less than 100,000 fsyncs.
 *
 * The driver announces every item in its run order (`claim`); on a complete run `finish` puts
 * the manifest in that order and drops lines the run no longer makes, so a resumed or repaired
 * run ends with the same bytes as one that never stopped. Memory: two small entries per item
 * (name → plan digest, name → position), no pixels.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat, writeFile, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import {
  fileSha256,
  MANIFEST,
  manifestLines,
  planKey,
  rowLine,
  sha256,
  type ManifestRow,
  type PlannedRow,
} from './manifest';

export type Layout = 'beside' | 'apart';
/** With `layout: 'apart'`, synthetic images go under `train/<SYNTHETIC_DIR>/<class>/`. */
export const SYNTHETIC_DIR = 'synthetic';
const PARTIAL_DIR = '.partial';

export interface WriterOptions {
  /** The output root; `train/` is made inside it. */
  out: string;
  layout: Layout;
}

export interface OpenReport {
  /** Lines whose files were found intact. */
  kept: number;
  /** Lines dropped: torn, unreadable, repeated, or pointing at a missing or changed file. */
  dropped: number;
}

export interface DatasetWriter {
  readonly trainDir: string;
  readonly manifestPath: string;
  readonly opened: OpenReport;
  /** `file_name` of the copy of a real input image. */
  realName(label: string, source: string): string;
  /** `file_name` of synthetic item `index` of `source` by `method`: the same on every run. */
  syntheticName(label: string, source: string, method: string, index: number): string;
  /** Registers the item in run order; true when an intact file made by the same plan exists. */
  claim(row: PlannedRow): boolean;
  /** Writes a claimed item's file (temp + rename) and appends its manifest line. */
  write(row: PlannedRow, bytes: Uint8Array): Promise<ManifestRow>;
  /** Closes the manifest; when `complete`, orders it as the run did and drops stale lines. */
  finish(complete: boolean): Promise<void>;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * Checks an existing manifest and rewrites it (temp + rename) with the lines that hold.
 * Returns name → plan digest of the kept lines. Two passes: the first verifies and finds the
 * last intact line of each name, the second copies those lines in their order.
 */
async function verifyManifest(
  trainDir: string,
  path: string,
  partial: string,
): Promise<{ done: Map<string, string>; report: OpenReport }> {
  const done = new Map<string, string>();
  const report = { kept: 0, dropped: 0 };
  if (!(await exists(path))) return { done, report };
  const lastIntact = new Map<string, number>();
  let i = 0;
  for await (const { row } of manifestLines(path)) {
    if (row && (await fileSha256(join(trainDir, row.file_name))) === row.sha256) {
      lastIntact.set(row.file_name, i);
      done.set(row.file_name, planKey(row));
    }
    i++;
  }
  const tmp = join(partial, MANIFEST);
  const outStream = createWriteStream(tmp);
  i = 0;
  for await (const { row } of manifestLines(path)) {
    if (row && lastIntact.get(row.file_name) === i) {
      if (!outStream.write(`${rowLine(row)}\n`)) await once(outStream, 'drain');
      report.kept++;
    } else report.dropped++;
    i++;
  }
  outStream.end();
  await once(outStream, 'finish');
  await rename(tmp, path);
  return { done, report };
}

export async function openDatasetWriter(opts: WriterOptions): Promise<DatasetWriter> {
  const trainDir = join(opts.out, 'train');
  const partial = join(opts.out, PARTIAL_DIR);
  const manifestPath = join(trainDir, MANIFEST);
  await mkdir(trainDir, { recursive: true });
  // Anything here is a file a stopped run never renamed into place.
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  const { done, report } = await verifyManifest(trainDir, manifestPath, partial);

  const order = new Map<string, number>();
  let fh: FileHandle | null = await open(manifestPath, 'a');
  let temps = 0;
  const made = new Set<string>();

  const synthetic = (label: string): string =>
    opts.layout === 'apart' ? `${SYNTHETIC_DIR}/${label}` : label;

  async function finish(complete: boolean): Promise<void> {
    await fh?.close();
    fh = null;
    if (complete && !(await inRunOrder())) await reorder();
    await rm(partial, { recursive: true, force: true });
  }

  /** Whether the manifest already lists exactly this run's items, in its order. */
  async function inRunOrder(): Promise<boolean> {
    let last = -1;
    for await (const { row } of manifestLines(manifestPath)) {
      const at = row ? order.get(row.file_name) : undefined;
      if (at === undefined || at <= last) return false;
      last = at;
    }
    return true;
  }

  /** Rewrites the manifest in run order, without lines this run did not make or keep. */
  async function reorder(): Promise<void> {
    const rows: { at: number; line: string }[] = [];
    const seen = new Set<string>();
    for await (const { row } of manifestLines(manifestPath)) {
      const at = row ? order.get(row.file_name) : undefined;
      // A name written twice (a changed plan) keeps its latest line, which is the file on disk.
      if (row && at !== undefined) {
        if (seen.has(row.file_name))
          rows.splice(
            rows.findIndex((r) => r.at === at),
            1,
          );
        seen.add(row.file_name);
        rows.push({ at, line: rowLine(row) });
      }
    }
    rows.sort((a, b) => a.at - b.at);
    const tmp = join(partial, MANIFEST);
    await writeFile(tmp, rows.map((r) => `${r.line}\n`).join(''));
    await rename(tmp, manifestPath);
  }

  return {
    trainDir,
    manifestPath,
    opened: report,
    realName: (label, source) => `${label}/${basename(source)}`,
    syntheticName: (label, source, method, index) =>
      `${synthetic(label)}/${basename(source)}.${method}-${index}.png`,
    claim(row) {
      if (order.has(row.file_name))
        throw new Error(
          `Two items would both be written as ${row.file_name}; rename one of the input files or write synthetic images apart.`,
        );
      order.set(row.file_name, order.size);
      return done.get(row.file_name) === planKey(row);
    },
    async write(row, bytes) {
      if (!fh) throw new Error('The dataset writer is closed.');
      if (!order.has(row.file_name)) throw new Error(`${row.file_name} was written without being claimed.`);
      if (made.has(row.file_name)) throw new Error(`${row.file_name} was already written in this run.`);
      made.add(row.file_name);
      const full: ManifestRow = { ...row, sha256: sha256(bytes) };
      const target = join(trainDir, row.file_name);
      const tmp = join(partial, `${temps++}.tmp`);
      await writeFile(tmp, bytes);
      await mkdir(dirname(target), { recursive: true });
      await rename(tmp, target);
      // One write of a whole line: a crash can tear only the last line, which opening drops.
      await fh.write(`${rowLine(full)}\n`);
      done.set(row.file_name, planKey(row));
      return full;
    },
    finish,
  };
}

/** Writes `bytes` to `path` through a temp file and a rename, so no half-written file is left. */
export async function writeWhole(path: string, bytes: Uint8Array | string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, bytes);
  await rename(tmp, path);
}
