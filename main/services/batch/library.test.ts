/**
 * `--library`: a batch folder's results become records of their kind in a real library (SQLite
 * in a temp folder), with their files, the worker's provider and model hash, and the worker in
 * `params.batch`; answers without records add nothing, a record whose files did not arrive is
 * named, and a second import adds nothing.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Library } from '../library/library';
import { IMPORTED, importToLibrary } from './library';
import { MANIFEST, type ManifestFile, type ManifestLine } from './writer';

let root = '';
let lib: Library;
const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'atelier-batch-library-'));
  lib = Library.open(join(root, 'data'));
});
afterEach(() => {
  lib.close();
  rmSync(root, { recursive: true, force: true });
});

/** A texture record as a worker's answer holds it (JSON), with its PNG written into --out. */
function textureItem(
  out: string,
  index: number,
  opts: { tagged?: boolean; file?: boolean } = {},
): ManifestLine {
  const id = `0000000${index}-aaaa-4aaa-8aaa-aaaaaaaaaaaa`;
  const png = randomBytes(300);
  const name = `${String(index).padStart(5, '0')}-k${index}.png`;
  const files: ManifestFile[] = [];
  if (opts.file !== false) {
    writeFileSync(join(out, name), png);
    const f: ManifestFile = { name, role: 'image', mime: 'image/png', bytes: png.length, sha256: sha(png) };
    files.push(opts.tagged === false ? f : { ...f, record: id });
  }
  const record = {
    id,
    kind: 'texture',
    createdAt: 1_700_000_000_000,
    modelId: 'texture',
    modelSha256: 'cd'.repeat(32),
    provider: 'cuda',
    seed: 40 + index,
    params: { size: 256, style: 'granite' },
    parentId: null,
    durationMs: 12,
    width: 256,
    height: 256,
    title: `Granite ${index}`,
  };
  return {
    index,
    key: `key-${index}`,
    jobId: `job-${index}`,
    method: 'texture.generate',
    params: { params: { seed: 40 + index, size: 256, style: 'granite' } },
    worker: 'gpu-box-2',
    provider: 'cuda',
    model: { id: 'texture', sha256: 'cd'.repeat(32) },
    seed: 40 + index,
    files,
    answer: record,
    attempts: 1,
    ms: 12,
  };
}

function writeManifest(out: string, lines: ManifestLine[]): void {
  writeFileSync(join(out, MANIFEST), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
}

describe('importToLibrary', () => {
  it('adds each record of its kind with its file and provenance, once', async () => {
    const out = join(root, 'out');
    mkdirSync(out);
    const palette: ManifestLine = {
      ...textureItem(out, 3, { file: false }),
      method: 'palette.generate',
      answer: { palettes: [[{ r: 1, g: 2, b: 3 }]] },
    };
    const lines = [textureItem(out, 1), textureItem(out, 2, { tagged: false }), palette];
    writeManifest(out, lines);
    const r = await importToLibrary(lib, out);
    expect(r).toEqual({ added: 2, skipped: [] });
    const listed = lib.list({ kind: 'texture' });
    expect(listed.map((g) => g.title).sort()).toEqual(['Granite 1', 'Granite 2']);
    for (const g of listed) {
      expect(g.id).not.toMatch(/^0000000/); // a new record of this library
      expect(g.provider).toBe('cuda');
      expect(g.modelSha256).toBe('cd'.repeat(32));
      expect(g.params).toMatchObject({
        style: 'granite',
        batch: { worker: 'gpu-box-2', method: 'texture.generate' },
      });
      const line = lines.find((l) => (l.answer as { title?: string }).title === g.title)!;
      const asset = await lib.readAsset(g.id, 'image');
      expect(sha(asset.bytes)).toBe(line.files[0]!.sha256);
    }
    expect(readFileSync(join(out, IMPORTED), 'utf8').trim().split('\n')).toHaveLength(2);
    // Again (a second `batch wait --library`): nothing new.
    expect(await importToLibrary(lib, out)).toEqual({ added: 0, skipped: [] });
    expect(lib.list({ kind: 'texture' })).toHaveLength(2);
  });

  it('names an item whose record arrived without its file and keeps the rest', async () => {
    const out = join(root, 'out');
    mkdirSync(out);
    writeManifest(out, [textureItem(out, 1, { file: false }), textureItem(out, 2)]);
    const r = await importToLibrary(lib, out);
    expect(r.added).toBe(1);
    expect(r.skipped).toEqual(['item 1: no file of its texture record arrived']);
    expect(lib.list({ kind: 'texture' }).map((g) => g.title)).toEqual(['Granite 2']);
  });

  it('adds nothing from a folder without a manifest', async () => {
    expect(await importToLibrary(lib, root)).toEqual({ added: 0, skipped: [] });
  });
});
