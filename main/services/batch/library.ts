/**
 * `batch submit|wait --library`: a batch's results also become records in the submitting
 * machine's library, each of its kind with its files and provenance. It reads what the batch
 * wrote to --out (`manifest.jsonl` and the files it names), so it works the same after
 * `submit`, after `wait`, or on a folder an earlier run left: the records in each answer are
 * checked as the contract's records, their files taken by the record id they arrived under, and
 * saved through `Library.add` with the worker's provider and model hash as the record's own, and
 * `params.batch` saying which worker made it and which call (`key`) it answered. The items
 * imported are listed in `library.jsonl` beside the manifest, so a second import adds nothing.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { Generation, type AssetRole } from '../../../preload/contract';
import { Library, type NewAsset } from '../library/library';
import { listedKeys, MANIFEST, type ManifestLine } from './writer';

export const IMPORTED = 'library.jsonl';

export interface Imported {
  /** Records added to the library by this import. */
  added: number;
  /** Items whose records could not be rebuilt, each with why (they stay in --out). */
  skipped: string[];
}

/** The contract's records an answer holds (itself, or in its fields and lists), in order. */
function recordsIn(v: unknown, out: Generation[] = []): Generation[] {
  const r = Generation.safeParse(v);
  if (r.success) out.push(r.data);
  else if (Array.isArray(v)) for (const x of v) recordsIn(x, out);
  else if (v !== null && typeof v === 'object') for (const x of Object.values(v)) recordsIn(x, out);
  return out;
}

/** The manifest's lines; a torn last line is left for the next import. */
function manifestLines(dir: string): ManifestLine[] {
  const path = join(dir, MANIFEST);
  if (!existsSync(path)) return [];
  const lines: ManifestLine[] = [];
  for (const text of readFileSync(path, 'utf8').split('\n')) {
    if (text.trim() === '') continue;
    try {
      lines.push(JSON.parse(text) as ManifestLine);
    } catch {
      // cut short by a crash: not imported this time
    }
  }
  return lines;
}

/** The files of `rec`: those tagged with its id, or all of them when the answer had one record. */
function filesOf(line: ManifestLine, rec: Generation, only: boolean, dir: string): NewAsset[] {
  return line.files
    .filter((f) => f.record === rec.id || (only && f.record === undefined))
    .map((f) => ({
      role: f.role as AssetRole,
      mime: f.mime,
      ext: extname(f.name).slice(1) || 'bin',
      bytes: readFileSync(join(dir, f.name)),
    }));
}

/** Adds each item of the batch in `dir` not imported yet to `library`; see the file's comment. */
export async function importToLibrary(library: Library, dir: string): Promise<Imported> {
  const done = listedKeys(dir, IMPORTED);
  const result: Imported = { added: 0, skipped: [] };
  for (const line of manifestLines(dir)) {
    if (done.has(line.key)) continue;
    const records = recordsIn(line.answer);
    // An answer with no record (a palette draw, datasets.generate) has nothing to keep.
    if (records.length === 0) continue;
    const ids: string[] = [];
    try {
      for (const rec of records) {
        const assets = filesOf(line, rec, records.length === 1, dir);
        if (assets.length === 0) throw new Error(`no file of its ${rec.kind} record arrived`);
        const saved = await library.add({
          kind: rec.kind,
          modelId: rec.modelId,
          modelSha256: rec.modelSha256,
          provider: rec.provider,
          seed: rec.seed,
          params: { ...rec.params, batch: { worker: line.worker, key: line.key, method: line.method } },
          parentId: null,
          durationMs: rec.durationMs,
          width: rec.width,
          height: rec.height,
          title: rec.title,
          assets,
        });
        ids.push(saved.id);
        result.added++;
      }
    } catch (e) {
      result.skipped.push(`item ${line.index}: ${(e as Error).message}`);
      if (ids.length === 0) continue;
    }
    appendFileSync(join(dir, IMPORTED), `${JSON.stringify({ key: line.key, records: ids })}\n`);
  }
  return result;
}

/** `importToLibrary` into the library in `dataDir` (opened for this, then closed). */
export async function importIntoDataDir(dataDir: string, dir: string): Promise<Imported> {
  const library = Library.open(dataDir);
  try {
    return await importToLibrary(library, dir);
  } finally {
    library.close();
  }
}
