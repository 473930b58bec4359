import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AtelierError,
  Generation as GenerationSchema,
  GenerationId,
  type GenerationKind,
} from '../../../preload/contract';
import { Library, type NewGeneration } from './library';

let dir: string;
const libs: Library[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'atelier-library-'));
});
afterEach(() => {
  vi.restoreAllMocks();
  for (const l of libs.splice(0)) l.close();
  rmSync(dir, { recursive: true, force: true });
});

function openLib(): Library {
  const lib = Library.open(dir);
  libs.push(lib);
  return lib;
}

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

function sample(over: Partial<NewGeneration> = {}): NewGeneration {
  return {
    kind: 'texture',
    modelId: 'texture',
    modelSha256: 'ab'.repeat(32),
    provider: 'cpu',
    seed: 1234,
    params: { size: 512, style: 'moss', scale: 1 },
    parentId: null,
    durationMs: 321.5,
    width: 512,
    height: 512,
    title: 'Moss',
    assets: [
      { role: 'image', mime: 'image/png', ext: 'png', bytes: randomBytes(4096) },
      { role: 'thumbnail', mime: 'image/webp', ext: 'webp', bytes: randomBytes(512) },
    ],
    ...over,
  };
}

/** Makes the next adds happen at the given times (ms), one per call. */
function atTimes(...times: number[]): void {
  const spy = vi.spyOn(Date, 'now');
  for (const t of times) spy.mockReturnValueOnce(t);
}

function syncError(fn: () => unknown): AtelierError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AtelierError);
    return e as AtelierError;
  }
  throw new Error('expected an AtelierError, nothing was thrown');
}

async function asyncError(p: Promise<unknown>): Promise<AtelierError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AtelierError);
    return e as AtelierError;
  }
  throw new Error('expected an AtelierError, the promise resolved');
}

interface AssetRow {
  generation_id: string;
  role: string;
  path: string;
  mime: string;
  bytes: number;
  sha256: string;
}
const assetRows = (lib: Library, id: string): AssetRow[] =>
  lib.db.prepare('SELECT * FROM assets WHERE generation_id = ? ORDER BY role').all(id) as AssetRow[];

describe('Library.add / get', () => {
  it('returns the stored generation, and get() gives the same record', async () => {
    const lib = openLib();
    const input = sample();
    atTimes(1_700_000_123_456);
    const g = await lib.add(input);
    expect(GenerationId.safeParse(g.id).success).toBe(true);
    expect(GenerationSchema.parse(g)).toEqual(g);
    expect(g).toEqual({
      id: g.id,
      kind: 'texture',
      createdAt: 1_700_000_123_456,
      modelId: 'texture',
      modelSha256: 'ab'.repeat(32),
      provider: 'cpu',
      seed: 1234,
      params: { size: 512, style: 'moss', scale: 1 },
      parentId: null,
      durationMs: 321.5,
      width: 512,
      height: 512,
      title: 'Moss',
    });
    expect(lib.get(g.id)).toEqual(g);
    expect(lib.exists(g.id)).toBe(true);
    expect(lib.exists('00000000-0000-0000-0000-000000000000')).toBe(false);
  });

  it('gives distinct ids to identical inputs', async () => {
    const lib = openLib();
    const a = await lib.add(sample());
    const b = await lib.add(sample());
    expect(a.id).not.toBe(b.id);
    expect(lib.list()).toHaveLength(2);
  });

  it('keeps null width/height and an empty title', async () => {
    const lib = openLib();
    const g = await lib.add(sample({ width: null, height: null, title: '' }));
    expect(lib.get(g.id)).toMatchObject({ width: null, height: null, title: '' });
  });

  it('round-trips params as JSON, nested values included', async () => {
    const lib = openLib();
    const params = {
      seed: 0xffffffff,
      size: 2048,
      style: 'mousse « de » 苔',
      blend: { style: 'rust', amount: 0.25 },
      list: [1, 'two', { three: [3] }, null, true, false],
      nothing: null,
      ratio: -1.5e-7,
    };
    const g = await lib.add(sample({ params }));
    expect(g.params).toEqual(params);
    expect(lib.get(g.id).params).toEqual(params);
    const raw = lib.db
      .prepare('SELECT params, json_valid(params) AS ok FROM generations WHERE id = ?')
      .get(g.id) as {
      params: string;
      ok: number;
    };
    expect(raw.ok).toBe(1);
    expect(JSON.parse(raw.params)).toEqual(params);
  });

  it('keeps parentId when the parent exists and nulls it when it does not', async () => {
    const lib = openLib();
    const parent = await lib.add(sample({ title: 'parent' }));
    const child = await lib.add(sample({ parentId: parent.id, title: 'child' }));
    expect(child.parentId).toBe(parent.id);
    expect(lib.get(child.id).parentId).toBe(parent.id);

    const orphan = await lib.add(sample({ parentId: 'deadbeef-0000-4000-8000-000000000000' }));
    expect(orphan.parentId).toBeNull();
    expect(lib.get(orphan.id).parentId).toBeNull();

    // Deleting the parent keeps the child and unlinks it (ON DELETE SET NULL).
    lib.delete(parent.id);
    expect(lib.get(child.id).parentId).toBeNull();
  });

  it('writes each asset under the data dir with the right bytes, size and sha256', async () => {
    const lib = openLib();
    const input = sample();
    const g = await lib.add(input);
    const rows = assetRows(lib, g.id);
    expect(rows.map((r) => r.role)).toEqual(['image', 'thumbnail']);
    for (const a of input.assets) {
      const row = rows.find((r) => r.role === a.role)!;
      const file = join(dir, row.path);
      expect(relative(join(dir, 'assets', g.id), file)).toBe(`${a.role}.${a.ext}`);
      expect(lib.assetPath(g.id, a.role)).toBe(file);
      const onDisk = readFileSync(file);
      expect(Buffer.compare(onDisk, Buffer.from(a.bytes))).toBe(0);
      expect(row).toMatchObject({ mime: a.mime, bytes: a.bytes.length, sha256: sha256(a.bytes) });
      expect(sha256(onDisk)).toBe(row.sha256);

      const read = await lib.readAsset(g.id, a.role);
      expect(read.mime).toBe(a.mime);
      expect(read.bytes).toBeInstanceOf(Uint8Array);
      expect(Buffer.from(read.bytes).equals(Buffer.from(a.bytes))).toBe(true);
    }
  });

  it('stores an empty asset and a generation without assets', async () => {
    const lib = openLib();
    const empty = await lib.add(
      sample({ assets: [{ role: 'image', mime: 'image/png', ext: 'png', bytes: new Uint8Array() }] }),
    );
    expect((await lib.readAsset(empty.id, 'image')).bytes).toHaveLength(0);
    expect(assetRows(lib, empty.id)[0]!.sha256).toBe(sha256(new Uint8Array()));
    const none = await lib.add(sample({ assets: [] }));
    expect(assetRows(lib, none.id)).toEqual([]);
    expect((await asyncError(lib.readAsset(none.id, 'image'))).code).toBe('not-found');
  });

  it('leaves neither row nor files when the row cannot commit', async () => {
    const lib = openLib();
    const bytes = randomBytes(64);
    // Two assets with the same role violate the assets primary key inside the transaction.
    const bad = sample({
      assets: [
        { role: 'image', mime: 'image/png', ext: 'png', bytes },
        { role: 'image', mime: 'image/png', ext: 'png', bytes },
      ],
    });
    await expect(lib.add(bad)).rejects.toThrow(/UNIQUE|PRIMARY KEY|constraint/i);
    expect(lib.list()).toEqual([]);
    expect(lib.db.prepare('SELECT COUNT(*) AS n FROM assets').get()).toEqual({ n: 0 });
    expect(readdirSync(join(dir, 'assets'))).toEqual([]);
  });

  it('get() of an unknown id is a readable not-found AtelierError', async () => {
    const lib = openLib();
    const e = syncError(() => lib.get('feedface-0000-4000-8000-000000000000'));
    expect(e.code).toBe('not-found');
    expect(e.message).toContain('feedface-0000-4000-8000-000000000000');
  });
});

describe('Library.list', () => {
  it('lists newest first, filters by kind, limits and pages with before', async () => {
    const lib = openLib();
    atTimes(1000, 2000, 3000, 4000, 5000, 6000);
    const t1 = await lib.add(sample({ title: 't1' }));
    const m2 = await lib.add(
      sample({ kind: 'melody' as GenerationKind, title: 'm2', params: { name: 'm2', bpm: 120 } }),
    );
    const t3 = await lib.add(sample({ title: 't3' }));
    const t4 = await lib.add(sample({ title: 't4' }));
    const m5 = await lib.add(
      sample({ kind: 'melody' as GenerationKind, title: 'm5', params: { name: 'm5', bpm: 120 } }),
    );
    const t6 = await lib.add(sample({ title: 't6' }));
    vi.restoreAllMocks();
    const ids = (gs: { id: string }[]): string[] => gs.map((g) => g.id);

    expect(lib.list().map((g) => g.createdAt)).toEqual([6000, 5000, 4000, 3000, 2000, 1000]);
    expect(ids(lib.list())).toEqual(ids([t6, m5, t4, t3, m2, t1]));
    expect(ids(lib.list({ kind: 'texture' }))).toEqual(ids([t6, t4, t3, t1]));
    expect(ids(lib.list({ kind: 'melody' as GenerationKind }))).toEqual(ids([m5, m2]));
    expect(ids(lib.list({ limit: 2 }))).toEqual(ids([t6, m5]));
    expect(ids(lib.list({ limit: 1, kind: 'texture' }))).toEqual(ids([t6]));
    expect(ids(lib.list({ before: 4000 }))).toEqual(ids([t3, m2, t1]));
    expect(ids(lib.list({ before: 4001 }))).toEqual(ids([t4, t3, m2, t1]));
    expect(ids(lib.list({ before: 1000 }))).toEqual([]);
    expect(ids(lib.list({ before: 6000, kind: 'texture', limit: 2 }))).toEqual(ids([t4, t3]));

    // Paging backwards with before = the last createdAt of the previous page visits each once.
    const seen: string[] = [];
    let before: number | undefined;
    for (let page = 0; page < 10; page++) {
      const got = lib.list({ limit: 4, ...(before === undefined ? {} : { before }) });
      if (got.length === 0) break;
      expect(got.length).toBeLessThanOrEqual(4);
      seen.push(...ids(got));
      before = got.at(-1)!.createdAt;
    }
    expect(seen).toEqual(ids(lib.list()));
  });

  it('defaults to 100 rows', async () => {
    const lib = openLib();
    for (let i = 0; i < 102; i++) await lib.add(sample({ assets: [] }));
    expect(lib.list()).toHaveLength(100);
    expect(lib.list({ limit: 500 })).toHaveLength(102);
  });

  it('orders generations created in the same millisecond newest-insert first', async () => {
    const lib = openLib();
    atTimes(7000, 7000, 7000);
    const a = await lib.add(sample());
    const b = await lib.add(sample());
    const c = await lib.add(sample());
    expect(lib.list().map((g) => g.id)).toEqual([c.id, b.id, a.id]);
  });
});

describe('Library.readAsset', () => {
  it('a missing asset file is a readable not-found AtelierError', async () => {
    const lib = openLib();
    const g = await lib.add(sample());
    rmSync(lib.assetPath(g.id, 'image'));
    const e = await asyncError(lib.readAsset(g.id, 'image'));
    expect(e.code).toBe('not-found');
    expect(e.message).toMatch(/image file of generation .* is missing/);
    expect(e.message).toContain(g.id);
    // The other asset is unaffected.
    expect((await lib.readAsset(g.id, 'thumbnail')).mime).toBe('image/webp');
  });

  it('an unknown generation or role is not-found', async () => {
    const lib = openLib();
    const g = await lib.add(
      sample({ assets: [{ role: 'image', mime: 'image/png', ext: 'png', bytes: randomBytes(8) }] }),
    );
    const noRole = await asyncError(lib.readAsset(g.id, 'thumbnail'));
    expect(noRole.code).toBe('not-found');
    expect(noRole.message).toMatch(/has no thumbnail/);
    expect((await asyncError(lib.readAsset('abcdef01-0000-4000-8000-000000000000', 'image'))).code).toBe(
      'not-found',
    );
    expect(syncError(() => lib.assetPath(g.id, 'thumbnail')).code).toBe('not-found');
  });
});

describe('Library.delete', () => {
  it('removes the row, its asset rows and its files, and nothing else', async () => {
    const lib = openLib();
    const keep = await lib.add(sample({ title: 'keep' }));
    const gone = await lib.add(sample({ title: 'gone' }));
    const goneDir = join(dir, 'assets', gone.id);
    expect(readdirSync(goneDir).sort()).toEqual(['image.png', 'thumbnail.webp']);

    expect(lib.delete(gone.id)).toBe(true);
    expect(syncError(() => lib.get(gone.id)).code).toBe('not-found');
    expect(lib.exists(gone.id)).toBe(false);
    expect(assetRows(lib, gone.id)).toEqual([]);
    expect(existsSync(goneDir)).toBe(false);
    expect((await asyncError(lib.readAsset(gone.id, 'image'))).code).toBe('not-found');

    expect(lib.list().map((g) => g.id)).toEqual([keep.id]);
    expect(assetRows(lib, keep.id)).toHaveLength(2);
    expect((await lib.readAsset(keep.id, 'image')).bytes.length).toBe(4096);
  });

  it('deleting an unknown (or already deleted) id is not-found', async () => {
    const lib = openLib();
    const e = syncError(() => lib.delete('abcdef01-0000-4000-8000-000000000000'));
    expect(e.code).toBe('not-found');
    expect(e.message).toContain('abcdef01-0000-4000-8000-000000000000');
    const g = await lib.add(sample());
    lib.delete(g.id);
    expect(syncError(() => lib.delete(g.id)).code).toBe('not-found');
  });
});

describe('Library.open', () => {
  it('keeps everything across close and reopen', async () => {
    const first = Library.open(dir);
    const inputs = [
      sample({ title: 'a', seed: 1 }),
      sample({ title: 'b', seed: 2 }),
      sample({ title: 'c', seed: 3 }),
    ];
    atTimes(10, 20, 30);
    const added = [];
    for (const i of inputs) added.push(await first.add(i));
    vi.restoreAllMocks();
    const listed = first.list();
    first.close();
    expect(first.db.open).toBe(false);

    const lib = openLib();
    expect(lib.list()).toEqual(listed);
    expect(listed.map((g) => g.id)).toEqual(added.map((g) => g.id).reverse());
    for (const [i, g] of added.entries()) {
      expect(lib.get(g.id)).toEqual(g);
      for (const a of inputs[i]!.assets) {
        expect(Buffer.from((await lib.readAsset(g.id, a.role)).bytes).equals(Buffer.from(a.bytes))).toBe(
          true,
        );
      }
    }
    expect(lib.integrityCheck()).toBe('ok');
  });

  it('has WAL, synchronous=FULL, foreign keys and a busy timeout in effect', async () => {
    const lib = openLib();
    expect(lib.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(lib.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(lib.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(lib.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(existsSync(join(dir, 'library.sqlite3'))).toBe(true);
    expect(existsSync(join(dir, 'assets'))).toBe(true);
  });

  it('close() twice is harmless', async () => {
    const lib = Library.open(dir);
    lib.close();
    expect(() => lib.close()).not.toThrow();
  });
});

describe('Library.sweepOrphans', () => {
  const hourAgo = (): Date => new Date(Date.now() - 60 * 60_000);
  function makeDir(path: string, old: boolean): void {
    mkdirSync(path, { recursive: true });
    writeFileSync(join(path, 'image.png'), randomBytes(16));
    if (old) utimesSync(path, hourAgo(), hourAgo());
  }

  it('moves only old folders no row references to recovered/, keeping their files', async () => {
    const lib = openLib();
    const referenced = await lib.add(sample());
    const refDir = join(lib.assetsDir, referenced.id);
    utimesSync(refDir, hourAgo(), hourAgo());
    const oldOrphan = join(lib.assetsDir, 'aaaaaaaa-0000-4000-8000-000000000001');
    const freshOrphan = join(lib.assetsDir, 'aaaaaaaa-0000-4000-8000-000000000002');
    makeDir(oldOrphan, true);
    makeDir(freshOrphan, false);

    expect(lib.sweepOrphans()).toBe(1);
    expect(existsSync(oldOrphan)).toBe(false);
    expect(existsSync(join(lib.recoveredDir, 'aaaaaaaa-0000-4000-8000-000000000001', 'image.png'))).toBe(
      true,
    );
    expect(existsSync(freshOrphan)).toBe(true);
    expect(existsSync(refDir)).toBe(true);
    expect((await lib.readAsset(referenced.id, 'image')).bytes.length).toBe(4096);

    // A younger age limit reaches the fresh orphan, still never the referenced folder.
    expect(lib.sweepOrphans(0)).toBe(1);
    expect(existsSync(freshOrphan)).toBe(false);
    expect(existsSync(refDir)).toBe(true);
    expect(lib.sweepOrphans(0)).toBe(0);
  });

  it('runs on open', async () => {
    const lib = Library.open(dir);
    const g = await lib.add(sample());
    lib.close();
    const oldOrphan = join(dir, 'assets', 'bbbbbbbb-0000-4000-8000-000000000001');
    const freshOrphan = join(dir, 'assets', 'bbbbbbbb-0000-4000-8000-000000000002');
    makeDir(oldOrphan, true);
    makeDir(freshOrphan, false);
    utimesSync(join(dir, 'assets', g.id), hourAgo(), hourAgo());

    const reopened = openLib();
    expect(reopened.recovered).toBe(1);
    expect(existsSync(oldOrphan)).toBe(false);
    expect(existsSync(freshOrphan)).toBe(true);
    expect(existsSync(join(reopened.assetsDir, g.id, 'image.png'))).toBe(true);
  });

  it('returns 0 when the assets folder is gone', async () => {
    const lib = openLib();
    rmSync(lib.assetsDir, { recursive: true });
    expect(lib.sweepOrphans(0)).toBe(0);
  });
});

describe('a journal that lost acknowledged records', () => {
  it('keeps their files in recovered/ and says how many at the next start', async () => {
    const lib = Library.open(dir);
    const kept = await lib.add(sample({ title: 'kept' }));
    const lost = [await lib.add(sample({ title: 'lost 1' })), await lib.add(sample({ title: 'lost 2' }))];
    // What a damaged WAL does: the rows are gone, their files are still on disk.
    for (const g of lost) lib.db.prepare('DELETE FROM generations WHERE id = ?').run(g.id);
    lib.close();
    const old = new Date(Date.now() - 60 * 60_000);
    for (const g of [kept, ...lost]) utimesSync(join(dir, 'assets', g.id), old, old);

    const reopened = openLib();
    expect(reopened.recovered).toBe(2);
    for (const g of lost) expect(existsSync(join(reopened.recoveredDir, g.id, 'image.png'))).toBe(true);
    expect(reopened.list().map((g) => g.title)).toEqual(['kept']);
  });
});

describe('a data folder Atelier cannot write', () => {
  it('is refused at open in a sentence that says what to do, and nothing is created', () => {
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, 'x');
    const e = syncError(() => Library.open(join(file, 'data')));
    expect(e.code).toBe('unsupported');
    expect(e.message).toMatch(
      /cannot write to its data folder .*a file stands where the folder should be\. Start it with --data-dir/,
    );
  });
});
