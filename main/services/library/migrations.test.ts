import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AtelierError } from '../../../preload/contract';
import { Library, migrate } from './library';
import { LATEST_VERSION, migrations } from './migrations';

let dir: string;
const open: { close(): void }[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'atelier-migrations-'));
});
afterEach(() => {
  for (const o of open.splice(0)) o.close();
  rmSync(dir, { recursive: true, force: true });
});

const dbPath = (): string => join(dir, 'library.sqlite3');

function rawDb(): Database.Database {
  const db = new Database(dbPath());
  open.push(db);
  return db;
}

const userVersion = (db: Database.Database): number => db.pragma('user_version', { simple: true }) as number;

/** Every schema object, in a stable order, to compare before and after. */
function schema(db: Database.Database): { type: string; name: string; sql: string | null }[] {
  return db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY type, name').all() as {
    type: string;
    name: string;
    sql: string | null;
  }[];
}

function names(db: Database.Database, type: 'table' | 'index'): string[] {
  return (
    db
      .prepare(`SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .all(type) as { name: string }[]
  ).map((r) => r.name);
}

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

describe('migrations', () => {
  it('has at least the two released migrations and LATEST_VERSION is their count', () => {
    expect(migrations.length).toBeGreaterThanOrEqual(2);
    expect(LATEST_VERSION).toBe(migrations.length);
  });

  it('migrates a fresh database to LATEST_VERSION with the expected tables and indexes', () => {
    const db = rawDb();
    expect(userVersion(db)).toBe(0);
    migrate(db);
    expect(userVersion(db)).toBe(LATEST_VERSION);
    expect(names(db, 'table')).toEqual(['assets', 'generations']);
    expect(names(db, 'index')).toEqual(
      expect.arrayContaining(['generations_by_time', 'generations_by_parent', 'generations_by_kind_time']),
    );
    const indexTable = db.prepare(`SELECT tbl_name FROM sqlite_master WHERE name = ?`);
    for (const i of ['generations_by_time', 'generations_by_parent', 'generations_by_kind_time']) {
      expect(indexTable.get(i)).toEqual({ tbl_name: 'generations' });
    }
    const cols = (t: string): string[] =>
      (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(t) as { name: string }[]).map((c) => c.name);
    expect(cols('generations')).toEqual([
      'id',
      'kind',
      'created_at',
      'model_id',
      'model_sha256',
      'provider',
      'seed',
      'params',
      'parent_id',
      'duration_ms',
      'width',
      'height',
      'title',
    ]);
    expect(cols('assets')).toEqual(['generation_id', 'role', 'path', 'mime', 'bytes', 'sha256']);
    // The foreign keys the library relies on for cascade delete and lineage.
    const fks = db.prepare(`SELECT "table", "from", on_delete FROM pragma_foreign_key_list(?)`);
    expect(fks.all('assets')).toEqual([
      { table: 'generations', from: 'generation_id', on_delete: 'CASCADE' },
    ]);
    expect(fks.all('generations')).toEqual([
      { table: 'generations', from: 'parent_id', on_delete: 'SET NULL' },
    ]);
  });

  it('is idempotent: migrating a current database changes nothing', () => {
    const db = rawDb();
    migrate(db);
    const before = schema(db);
    migrate(db);
    expect(userVersion(db)).toBe(LATEST_VERSION);
    expect(schema(db)).toEqual(before);
  });

  it('Library.open migrates a fresh data dir to LATEST_VERSION', () => {
    const lib = Library.open(dir);
    open.push(lib);
    expect(userVersion(lib.db)).toBe(LATEST_VERSION);
    expect(names(lib.db, 'table')).toEqual(['assets', 'generations']);
  });

  it('upgrades a schema-v1 database to latest and keeps its rows', async () => {
    const db = rawDb();
    db.exec(migrations[0]!);
    db.pragma('user_version = 1');
    expect(names(db, 'index')).not.toContain('generations_by_parent');
    const id = '0b6f2b9e-6c2e-4d7a-9f1e-3a1f0c2d4e5f';
    const childId = '1c7f3cae-7d3f-4e8b-8f2f-4b2f1d3e5f60';
    const insert = db.prepare(
      `INSERT INTO generations (id, kind, created_at, model_id, model_sha256, provider, seed, params,
         parent_id, duration_ms, width, height, title) VALUES (?, 'texture', ?, 'texture', ?, 'cpu', ?, ?, ?, 12.5, 512, 512, ?)`,
    );
    insert.run(
      id,
      1_700_000_000_000,
      'a'.repeat(64),
      42,
      JSON.stringify({ size: 512, style: 'moss' }),
      null,
      'v1 row',
    );
    insert.run(childId, 1_700_000_000_500, 'a'.repeat(64), 43, JSON.stringify({ size: 512 }), id, 'v1 child');
    const image = new Uint8Array([137, 80, 78, 71, 1, 2, 3, 4]);
    const thumb = new Uint8Array([9, 9, 9]);
    mkdirSync(join(dir, 'assets', id), { recursive: true });
    writeFileSync(join(dir, 'assets', id, 'image.png'), image);
    writeFileSync(join(dir, 'assets', id, 'thumbnail.webp'), thumb);
    const insertAsset = db.prepare('INSERT INTO assets VALUES (?, ?, ?, ?, ?, ?)');
    insertAsset.run(id, 'image', join('assets', id, 'image.png'), 'image/png', image.length, sha256(image));
    insertAsset.run(
      id,
      'thumbnail',
      join('assets', id, 'thumbnail.webp'),
      'image/webp',
      thumb.length,
      sha256(thumb),
    );
    db.close();

    const lib = Library.open(dir);
    open.push(lib);
    expect(userVersion(lib.db)).toBe(LATEST_VERSION);
    expect(names(lib.db, 'index')).toEqual(
      expect.arrayContaining(['generations_by_time', 'generations_by_parent', 'generations_by_kind_time']),
    );
    expect(lib.get(id)).toEqual({
      id,
      kind: 'texture',
      createdAt: 1_700_000_000_000,
      modelId: 'texture',
      modelSha256: 'a'.repeat(64),
      provider: 'cpu',
      seed: 42,
      params: { size: 512, style: 'moss' },
      parentId: null,
      durationMs: 12.5,
      width: 512,
      height: 512,
      title: 'v1 row',
    });
    expect(lib.get(childId).parentId).toBe(id);
    expect(lib.list().map((g) => g.id)).toEqual([childId, id]);
    expect(await lib.readAsset(id, 'image')).toEqual({ mime: 'image/png', bytes: image });
    expect(await lib.readAsset(id, 'thumbnail')).toEqual({ mime: 'image/webp', bytes: thumb });
    // The migrated v1 folder is referenced, so the sweep on open must not have touched it.
    expect(lib.sweepOrphans(0)).toBe(0);
  });

  it('a migration that fails midway rolls back: user_version and schema unchanged', () => {
    const db = rawDb();
    migrate(db, [migrations[0]!]);
    expect(userVersion(db)).toBe(1);
    db.prepare(
      `INSERT INTO generations (id, kind, created_at, model_id, model_sha256, provider, seed, params, duration_ms)
       VALUES ('keep', 'texture', 1, 'm', 'x', 'cpu', 1, '{}', 1)`,
    ).run();
    const before = schema(db);

    const broken = [
      migrations[0]!,
      `CREATE TABLE half_done (a INTEGER);
       CREATE INDEX generations_by_seed ON generations(seed);
       ALTER TABLE generations ADD COLUMN rating INTEGER;
       THIS IS NOT SQL;`,
    ];
    expect(() => migrate(db, broken)).toThrow(/syntax error/);
    expect(userVersion(db)).toBe(1);
    expect(schema(db)).toEqual(before);
    expect(names(db, 'table')).not.toContain('half_done');
    expect(db.prepare('SELECT id FROM generations').all()).toEqual([{ id: 'keep' }]);
    expect(db.inTransaction).toBe(false);

    // Fixed, the same step then applies cleanly.
    migrate(db, [migrations[0]!, 'CREATE TABLE half_done (a INTEGER);']);
    expect(userVersion(db)).toBe(2);
    expect(names(db, 'table')).toContain('half_done');
  });

  it('each migration commits on its own: a failure in step 2 keeps step 1', () => {
    const db = rawDb();
    expect(() =>
      migrate(db, [migrations[0]!, 'CREATE TABLE ok2 (a); CREATE TABLE generations (dup);']),
    ).toThrow(/already exists/);
    expect(userVersion(db)).toBe(1);
    expect(names(db, 'table')).toEqual(['assets', 'generations']);
  });

  it('migrate() alone refuses a database newer than its list', () => {
    const db = rawDb();
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    let err: unknown;
    try {
      migrate(db);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AtelierError);
    expect((err as AtelierError).code).toBe('database-too-new');
    expect(userVersion(db)).toBe(LATEST_VERSION + 1);
    expect(names(db, 'table')).toEqual([]);
  });

  for (const mode of ['delete', 'wal'] as const) {
    it(`Library.open refuses a database with user_version LATEST+1 (${mode} journal) and leaves it byte-for-byte unchanged`, () => {
      const db = rawDb();
      db.pragma(`journal_mode = ${mode}`);
      migrate(db);
      db.exec(`CREATE TABLE from_the_future (x TEXT); INSERT INTO from_the_future VALUES ('hello');`);
      db.pragma(`user_version = ${LATEST_VERSION + 1}`);
      db.close();
      const hash = (): string => sha256(readFileSync(dbPath()));
      const before = hash();

      let err: unknown;
      try {
        open.push(Library.open(dir));
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(AtelierError);
      const e = err as AtelierError;
      expect(e.code).toBe('database-too-new');
      expect(e.message).toMatch(/newer Atelier/);
      expect(e.message).toContain(`schema ${LATEST_VERSION + 1}`);
      expect(e.message).toContain(`up to ${LATEST_VERSION}`);
      expect(e.message).toMatch(/nothing was changed/i);
      expect(e.toJSON()).toMatchObject({ code: 'database-too-new' });

      expect(hash()).toBe(before);
      // And the newer data is still all there for the newer Atelier.
      const check = new Database(dbPath(), { readonly: true });
      open.push(check);
      expect(userVersion(check)).toBe(LATEST_VERSION + 1);
      expect(check.pragma('journal_mode', { simple: true })).toBe(mode);
      expect(check.prepare('SELECT x FROM from_the_future').all()).toEqual([{ x: 'hello' }]);
    });
  }
});
