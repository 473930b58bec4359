/**
 * The submitting machine's side of a result: its files and one line of `manifest.jsonl` in the
 * batch's --out folder. Files are written under a temporary name and renamed into place, and an
 * item whose key is already in the manifest is not written again, so a job that ran twice (a
 * worker killed after finishing, a retry, a second submit) leaves one copy. Calls that failed
 * for good get a line in `failures.jsonl` with the reason.
 *
 * A manifest line: the item's line in calls.jsonl (`index`, from 1), its `key` (sha256 of the
 * canonical call) and job id, the call (`method`, `params`), who ran it (`worker`, `provider`),
 * `model` (id and sha256), `seed`, `files` (name, role, mime, bytes, sha256, the answer's record
 * it belongs to), the `answer` as JSON, the attempts and the worker's milliseconds.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BatchCall } from './call';
import type { ItemResult } from './result';

export const MANIFEST = 'manifest.jsonl';
export const FAILURES = 'failures.jsonl';

export interface ManifestFile {
  name: string;
  role: string;
  mime: string;
  bytes: number;
  sha256: string;
  /** The id of the answer's record the file belongs to (a worker of this version says). */
  record?: string;
}

export interface ManifestLine {
  index: number;
  key: string;
  jobId: string;
  method: string;
  params: Record<string, unknown>;
  worker: string;
  provider: string;
  model: { id: string; sha256: string } | null;
  seed: number | null;
  files: ManifestFile[];
  answer: unknown;
  attempts: number;
  ms: number;
}

/** The keys a manifest (or failures) file already lists; a torn last line is ignored. */
export function listedKeys(dir: string, file = MANIFEST): Set<string> {
  const path = join(dir, file);
  const keys = new Set<string>();
  if (!existsSync(path)) return keys;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      const key = (JSON.parse(line) as { key?: unknown }).key;
      if (typeof key === 'string') keys.add(key);
    } catch {
      // a line cut short by a crash: its item is written again
    }
  }
  return keys;
}

/** "00042-1a2b3c4d.png", "-2" etc. when one call made several files. */
const fileName = (index: number, key: string, k: number, n: number, ext: string): string =>
  `${String(index).padStart(5, '0')}-${key.slice(0, 8)}${n > 1 ? `-${k + 1}` : ''}.${ext}`;

/** Writes bytes at `path` through a temporary file and a rename (readers never see half a file). */
function writeAtomic(path: string, bytes: Uint8Array): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, path);
}

/** An --out folder a batch writes into; one writer per folder at a time. */
export class ResultWriter {
  private readonly written: Set<string>;
  private readonly failed: Set<string>;

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.written = listedKeys(dir);
    this.failed = listedKeys(dir, FAILURES);
  }

  has(key: string): boolean {
    return this.written.has(key);
  }

  get count(): number {
    return this.written.size;
  }

  /** Writes an item's files and its manifest line, unless it is already there; true when written. */
  write(
    item: { index: number; key: string; jobId: string; call: BatchCall; attempts: number },
    r: ItemResult,
  ): boolean {
    if (this.written.has(item.key)) return false;
    const files: ManifestFile[] = r.files.map((f, k) => {
      const bytes = Buffer.from(f.base64, 'base64');
      const sha = createHash('sha256').update(bytes).digest('hex');
      if (sha !== f.sha256)
        throw new Error(`the result of item ${item.index} arrived damaged (sha256 differs)`);
      const name = fileName(item.index, item.key, k, r.files.length, f.ext);
      writeAtomic(join(this.dir, name), bytes);
      const file = { name, role: f.role, mime: f.mime, bytes: bytes.byteLength, sha256: sha };
      return f.record ? { ...file, record: f.record } : file;
    });
    const line: ManifestLine = {
      index: item.index,
      key: item.key,
      jobId: item.jobId,
      method: item.call.method,
      params: item.call.params,
      worker: r.worker,
      provider: r.provider,
      model: r.model,
      seed: r.seed,
      files,
      answer: r.answer,
      attempts: item.attempts,
      ms: Math.round(r.ms),
    };
    appendFileSync(join(this.dir, MANIFEST), `${JSON.stringify(line)}\n`);
    this.written.add(item.key);
    return true;
  }

  /** Records a call that failed for good (once). */
  fail(item: { index: number; key: string; call: BatchCall }, reason: string): void {
    if (this.failed.has(item.key)) return;
    const line = {
      index: item.index,
      key: item.key,
      method: item.call.method,
      params: item.call.params,
      reason,
    };
    appendFileSync(join(this.dir, FAILURES), `${JSON.stringify(line)}\n`);
    this.failed.add(item.key);
  }
}
