/**
 * The library: every generation as a row in SQLite (better-sqlite3) with its files in the data
 * directory. Durability first: WAL with synchronous=FULL, files are fsynced before the row that
 * references them commits, and a generation is acknowledged only after that commit.
 */
import { randomUUID, webcrypto } from 'node:crypto';
import {
  constants,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { lstat, mkdir, open, realpath, rename, rm } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import Database from 'better-sqlite3';
import {
  AtelierError,
  Generation,
  nestedDeeperThan,
  type AssetRole,
  type GenerationKind,
} from '../../../preload/contract';
import { nullLogger, type Logger } from '../../log/logger';
import { migrations } from './migrations';

export interface NewAsset {
  role: AssetRole;
  mime: string;
  ext: string;
  bytes: Uint8Array;
}

/** A record of one kind, as its service hands it to `add`. */
export type RecordOf<K extends GenerationKind> = Extract<Generation, { kind: K }>;

export interface NewGeneration<K extends GenerationKind = GenerationKind> {
  kind: K;
  modelId: string;
  modelSha256: string;
  provider: string;
  seed: number;
  params: Record<string, unknown>;
  parentId: string | null;
  durationMs: number;
  width: number | null;
  height: number | null;
  title: string;
  assets: NewAsset[];
}

interface Row {
  id: string;
  kind: GenerationKind;
  created_at: number;
  model_id: string;
  model_sha256: string;
  provider: string;
  seed: number;
  params: string;
  parent_id: string | null;
  duration_ms: number;
  width: number | null;
  height: number | null;
  title: string;
}

/** Deeper than any record Atelier writes (free-form settings are bounded at 8 levels inside). */
const STORED_MAX_DEPTH = 32;

/** A row as a record, or why it cannot be one (a damaged or hand-edited row). */
function toGeneration(r: Row): { ok: true; gen: Generation } | { ok: false; why: string } {
  let params: unknown;
  try {
    params = JSON.parse(r.params);
  } catch {
    return { ok: false, why: 'its params are not JSON' };
  }
  // Rows saved before params were bounded can nest too deep to send (MessagePack stops at 100).
  if (nestedDeeperThan(params, STORED_MAX_DEPTH))
    return { ok: false, why: `its params nest deeper than ${STORED_MAX_DEPTH} levels` };
  const parsed = Generation.safeParse(rowFields(r, params));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, why: `${issue?.path.join('.') || 'the record'}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, gen: parsed.data };
}

const rowFields = (r: Row, params: unknown) => ({
  id: r.id,
  kind: r.kind,
  createdAt: r.created_at,
  modelId: r.model_id,
  modelSha256: r.model_sha256,
  provider: r.provider,
  seed: r.seed,
  params,
  parentId: r.parent_id,
  durationMs: r.duration_ms,
  width: r.width,
  height: r.height,
  title: r.title,
});

/** A record back as its row (for checking a change before it is written). */
function rowOf(g: Generation): Row {
  return {
    id: g.id,
    kind: g.kind,
    created_at: g.createdAt,
    model_id: g.modelId,
    model_sha256: g.modelSha256,
    provider: g.provider,
    seed: g.seed,
    params: JSON.stringify(g.params),
    parent_id: g.parentId,
    duration_ms: g.durationMs,
    width: g.width,
    height: g.height,
    title: g.title,
  };
}

async function writeFileDurably(path: string, bytes: Uint8Array): Promise<void> {
  const fh = await open(path, 'w');
  try {
    await fh.writeFile(bytes);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

async function fsyncDir(path: string): Promise<void> {
  try {
    const fh = await open(path, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // Directories cannot be fsynced on every platform (Windows); the file fsync still holds.
  }
}

/**
 * Refuses a data folder Atelier cannot write, in a sentence, before anything runs (a read-only
 * disk used to surface only after a whole generation, as "ENOENT … mkdir").
 */
export function assertWritable(dataDir: string): void {
  const probe = join(dataDir, `.atelier-write-test-${process.pid}`);
  try {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(probe, 'ok');
    unlinkSync(probe);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    const why =
      code === 'EROFS'
        ? 'it is on a read-only disk'
        : code === 'EACCES' || code === 'EPERM'
          ? 'you do not have permission to write there'
          : code === 'ENOSPC'
            ? 'the disk is full'
            : code === 'ENOTDIR' || code === 'EEXIST'
              ? 'a file stands where the folder should be'
              : `the system refused (${code || (e as Error).message})`;
    throw new AtelierError({
      code: 'unsupported',
      message: `Atelier cannot write to its data folder ${dataDir}: ${why}. Start it with --data-dir DIR (or ATELIER_DATA_DIR) pointing at a folder you can write; nothing was changed.`,
    });
  }
}

function tooNew(version: number, latest: number): AtelierError {
  return new AtelierError({
    code: 'database-too-new',
    message: `This library was written by a newer Atelier (schema ${version}; this version knows up to ${latest}). Update Atelier to open it; nothing was changed.`,
  });
}

/** Refuses a database whose schema is newer than `list` knows, without writing anything. */
export function assertNotTooNew(db: Database.Database, list: readonly string[] = migrations): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > list.length) throw tooNew(version, list.length);
}

/**
 * Brings the schema up to `list.length`, one migration per transaction. Each step takes the
 * write lock first (BEGIN IMMEDIATE) and re-reads `user_version` under it, so two processes
 * opening the same fresh library (the app and the CLI) never apply the same migration twice.
 */
export function migrate(db: Database.Database, list: readonly string[] = migrations): void {
  const latest = list.length;
  assertNotTooNew(db, list);
  if ((db.pragma('user_version', { simple: true }) as number) === latest) return;
  const step = db.transaction((): boolean => {
    const v = db.pragma('user_version', { simple: true }) as number;
    if (v > latest) throw tooNew(v, latest);
    if (v === latest) return false;
    db.exec(list[v]!);
    db.pragma(`user_version = ${v + 1}`);
    return true;
  });
  while (step.immediate()) {
    // one migration applied; loop until the schema is current
  }
}

export class Library {
  readonly db: Database.Database;
  readonly assetsDir: string;
  /** Where rows that cannot be read are reported (they are skipped, the rest still list). */
  logger: Logger = nullLogger;

  private constructor(
    readonly dataDir: string,
    db: Database.Database,
  ) {
    this.db = db;
    this.assetsDir = join(dataDir, 'assets');
  }

  /**
   * `nativeBinding`: the better-sqlite3 build to load instead of the default (Node) one; the
   * Electron host passes its Electron build (main/scripts/sqlite-binding.mjs).
   */
  static open(dataDir: string, opts: { nativeBinding?: string } = {}): Library {
    assertWritable(dataDir);
    mkdirSync(join(dataDir, 'assets'), { recursive: true });
    const db = new Database(
      join(dataDir, 'library.sqlite3'),
      opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {},
    );
    try {
      db.pragma('busy_timeout = 5000');
      // Before anything that writes: switching a rollback-journal file to WAL rewrites its header,
      // and a database from a newer Atelier must be left exactly as it was.
      assertNotTooNew(db);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      migrate(db);
    } catch (e) {
      db.close();
      throw e;
    }
    const lib = new Library(dataDir, db);
    lib.recovered = lib.sweepOrphans();
    return lib;
  }

  /** Asset folders found without their records when the library opened (kept in `recoveredDir`). */
  recovered = 0;

  get recoveredDir(): string {
    return join(this.dataDir, 'recovered');
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /**
   * Writes the files, then the row; resolves only once both are durable. File writes, fsyncs and
   * hashing run off the event loop (libuv's pool) so a big image never stalls the main process;
   * only the short SQLite commit is synchronous.
   */
  async add<K extends GenerationKind>(gen: NewGeneration<K>): Promise<RecordOf<K>> {
    // A record the library could not read back is refused before anything is written.
    const check = toGeneration({
      id: '00000000',
      kind: gen.kind,
      created_at: 0,
      model_id: gen.modelId,
      model_sha256: gen.modelSha256,
      provider: gen.provider,
      seed: gen.seed,
      params: JSON.stringify(gen.params),
      parent_id: null,
      duration_ms: gen.durationMs,
      width: gen.width,
      height: gen.height,
      title: gen.title,
    });
    if (!check.ok)
      throw new AtelierError({
        code: 'internal',
        message: `Atelier tried to save a ${gen.kind} record it could not read back (${check.why}); nothing was saved.`,
      });
    const id = randomUUID();
    const dir = join(this.assetsDir, id);
    await mkdir(dir, { recursive: true });
    const assets = await Promise.all(
      gen.assets.map(async (a) => {
        const rel = join('assets', id, `${a.role}.${a.ext}`);
        const [, digest] = await Promise.all([
          writeFileDurably(join(this.dataDir, rel), a.bytes),
          webcrypto.subtle.digest('SHA-256', a.bytes),
        ]);
        return { ...a, rel, sha256: Buffer.from(digest).toString('hex') };
      }),
    );
    await fsyncDir(dir);
    await fsyncDir(this.assetsDir); // the new folder's own entry
    const createdAt = Date.now();
    try {
      this.db.transaction(() => {
        this.db
          .prepare(
            `INSERT INTO generations (id, kind, created_at, model_id, model_sha256, provider, seed, params,
               parent_id, duration_ms, width, height, title)
             VALUES (@id, @kind, @createdAt, @modelId, @modelSha256, @provider, @seed, @params,
               @parentId, @durationMs, @width, @height, @title)`,
          )
          .run({
            id,
            kind: gen.kind,
            createdAt,
            modelId: gen.modelId,
            modelSha256: gen.modelSha256,
            provider: gen.provider,
            seed: gen.seed,
            params: JSON.stringify(gen.params),
            parentId: gen.parentId && this.exists(gen.parentId) ? gen.parentId : null,
            durationMs: gen.durationMs,
            width: gen.width,
            height: gen.height,
            title: gen.title,
          });
        const insertAsset = this.db.prepare(
          'INSERT INTO assets (generation_id, role, path, mime, bytes, sha256) VALUES (?, ?, ?, ?, ?, ?)',
        );
        for (const a of assets) insertAsset.run(id, a.role, a.rel, a.mime, a.bytes.length, a.sha256);
      })();
    } catch (e) {
      await rm(dir, { recursive: true, force: true });
      throw e;
    }
    return this.get(id) as RecordOf<K>;
  }

  exists(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM generations WHERE id = ?').get(id) !== undefined;
  }

  get(id: string): Generation {
    const row = this.db.prepare('SELECT * FROM generations WHERE id = ?').get(id) as Row | undefined;
    if (!row)
      throw new AtelierError({
        code: 'not-found',
        message: `No generation ${id} in the library.`,
        field: 'id',
      });
    const read = toGeneration(row);
    if (read.ok) return read.gen;
    this.logger.warn('library: a record cannot be read', { id, why: read.why });
    throw new AtelierError({
      code: 'internal',
      message: `Generation ${id} is damaged and cannot be opened (${read.why}). The rest of the library is fine.`,
      field: 'id',
    });
  }

  list(opts: { kind?: GenerationKind; limit?: number; before?: number } = {}): Generation[] {
    const where: string[] = [];
    const args: Record<string, unknown> = { limit: opts.limit ?? 100 };
    if (opts.kind) {
      where.push('kind = @kind');
      args.kind = opts.kind;
    }
    if (opts.before !== undefined) {
      where.push('created_at < @before');
      args.before = opts.before;
    }
    const sql = `SELECT * FROM generations ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
                 ORDER BY created_at DESC, rowid DESC LIMIT @limit`;
    const out: Generation[] = [];
    for (const row of this.db.prepare(sql).all(args) as Row[]) {
      const read = toGeneration(row);
      if (read.ok) out.push(read.gen);
      else
        this.logger.warn('library: a record cannot be read; it is left out of the list', {
          id: row.id,
          why: read.why,
        });
    }
    return out;
  }

  async readAsset(id: string, role: AssetRole): Promise<{ mime: string; bytes: Uint8Array<ArrayBuffer> }> {
    const row = this.db
      .prepare('SELECT path, mime FROM assets WHERE generation_id = ? AND role = ?')
      .get(id, role) as { path: string; mime: string } | undefined;
    if (!row)
      throw new AtelierError({ code: 'not-found', message: `Generation ${id} has no ${role}.`, field: 'id' });
    // Only a plain file inside assets/ is read: a link planted there (or a row pointing
    // elsewhere) could otherwise hand any file on the disk to the caller.
    const path = resolve(this.dataDir, row.path);
    let bytes: Buffer;
    try {
      const [root, real, st] = await Promise.all([realpath(this.assetsDir), realpath(path), lstat(path)]);
      if (!st.isFile() || !real.startsWith(root + sep)) {
        this.logger.warn('library: an asset is not a plain file in the assets folder; not read', {
          id,
          role,
        });
        throw new AtelierError({
          code: 'not-found',
          message: `The ${role} file of generation ${id} is not a plain file in the library's folder; Atelier does not read it.`,
        });
      }
      // O_NOFOLLOW: a link swapped in since the check is refused too (where the system has it).
      const file = await open(real, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
      try {
        bytes = await file.readFile();
      } finally {
        await file.close();
      }
    } catch (e) {
      if (e instanceof AtelierError) throw e;
      throw new AtelierError({
        code: 'not-found',
        message: `The ${role} file of generation ${id} is missing from the data folder.`,
      });
    }
    return { mime: row.mime, bytes: new Uint8Array(bytes) };
  }

  assetPath(id: string, role: AssetRole): string {
    const row = this.db
      .prepare('SELECT path FROM assets WHERE generation_id = ? AND role = ?')
      .get(id, role) as { path: string } | undefined;
    if (!row)
      throw new AtelierError({ code: 'not-found', message: `Generation ${id} has no ${role}.`, field: 'id' });
    return join(this.dataDir, row.path);
  }

  /**
   * Titles of `kind` records that equal one of `equalTo` (ignoring case) or start with
   * `startingWith`, leaving out record `exceptId` (a studio picking a name no other record has).
   */
  titles(
    kind: GenerationKind,
    opts: { equalTo: string[]; startingWith: string; exceptId?: string },
  ): string[] {
    const escapeLike = (t: string): string => t.replace(/[\\%_]/g, (c) => `\\${c}`);
    const rows = this.db
      .prepare(
        `SELECT title FROM generations
           WHERE kind = @kind AND id != @exceptId
             AND (lower(title) IN (SELECT lower(value) FROM json_each(@equalTo)) OR title LIKE @prefix ESCAPE '\\')`,
      )
      .all({
        kind,
        exceptId: opts.exceptId ?? '',
        equalTo: JSON.stringify(opts.equalTo),
        prefix: `${escapeLike(opts.startingWith)}%`,
      }) as { title: string }[];
    return rows.map((r) => r.title);
  }

  /**
   * Gives a record a new title and params and, optionally, new bytes for one of its files: the file
   * is replaced first (written beside it, fsynced, renamed over it), then the row and the file's
   * size and hash change in one transaction. Checked like `add`: a record it could not read back is
   * refused and nothing changes.
   */
  async update(
    id: string,
    change: {
      title: string;
      params: Record<string, unknown>;
      asset?: { role: AssetRole; bytes: Uint8Array };
    },
  ): Promise<Generation> {
    const current = this.get(id);
    const check = toGeneration({
      ...rowOf(current),
      title: change.title,
      params: JSON.stringify(change.params),
    });
    if (!check.ok)
      throw new AtelierError({
        code: 'internal',
        message: `Atelier tried to save generation ${id} in a form it could not read back (${check.why}); nothing was changed.`,
      });
    let sha256: string | null = null;
    if (change.asset) {
      const path = await this.plainAssetFile(id, change.asset.role);
      const tmp = `${path}.update-${process.pid}.tmp`;
      try {
        await writeFileDurably(tmp, change.asset.bytes);
        await rename(tmp, path);
      } catch (e) {
        await rm(tmp, { force: true });
        throw e;
      }
      sha256 = Buffer.from(await webcrypto.subtle.digest('SHA-256', change.asset.bytes)).toString('hex');
    }
    this.db.transaction(() => {
      this.db
        .prepare('UPDATE generations SET title = ?, params = ? WHERE id = ?')
        .run(change.title, JSON.stringify(change.params), id);
      if (change.asset && sha256)
        this.db
          .prepare('UPDATE assets SET bytes = ?, sha256 = ? WHERE generation_id = ? AND role = ?')
          .run(change.asset.bytes.length, sha256, id, change.asset.role);
    })();
    return this.get(id);
  }

  /** The path of a record's file, only if it is a plain file inside assets/ (never through a link). */
  private async plainAssetFile(id: string, role: AssetRole): Promise<string> {
    const path = this.assetPath(id, role);
    const [root, real, st] = await Promise.all([realpath(this.assetsDir), realpath(path), lstat(path)]);
    if (!st.isFile() || !real.startsWith(root + sep))
      throw new AtelierError({
        code: 'not-found',
        message: `The ${role} file of generation ${id} is not a plain file in the library's folder; Atelier does not write it.`,
      });
    return real;
  }

  /** Deletes the row (and its asset rows), then its files. */
  delete(id: string): boolean {
    const changes = this.db.prepare('DELETE FROM generations WHERE id = ?').run(id).changes;
    if (changes === 0)
      throw new AtelierError({
        code: 'not-found',
        message: `No generation ${id} in the library.`,
        field: 'id',
      });
    rmSync(join(this.assetsDir, id), { recursive: true, force: true });
    return true;
  }

  /**
   * Moves asset folders no row references to `recovered/` and returns how many. A crash between
   * writing files and committing their row leaves such a folder, and so does a damaged journal
   * that lost acknowledged rows: their files are the only copy of the user's work, so they are
   * kept, never deleted. Only folders older than `minAgeMs`: another process sharing this library
   * (the CLI beside the app) may be between writing its files and committing its row.
   */
  sweepOrphans(minAgeMs = 10 * 60_000): number {
    let moved = 0;
    let dirs: string[];
    try {
      dirs = readdirSync(this.assetsDir);
    } catch {
      return 0;
    }
    const has = this.db.prepare('SELECT 1 FROM generations WHERE id = ?');
    for (const d of dirs) {
      let mtimeMs: number;
      try {
        mtimeMs = statSync(join(this.assetsDir, d)).mtimeMs;
      } catch {
        continue;
      }
      if (Date.now() - mtimeMs >= minAgeMs && has.get(d) === undefined) {
        try {
          mkdirSync(this.recoveredDir, { recursive: true });
          renameSync(join(this.assetsDir, d), join(this.recoveredDir, d));
          moved++;
        } catch (e) {
          this.logger.error('library: an asset folder without a record could not be moved', e, { folder: d });
        }
      }
    }
    if (moved > 0)
      this.logger.warn('library: asset folders without records were kept in recovered/', { count: moved });
    return moved;
  }

  integrityCheck(): string {
    return this.db.pragma('integrity_check', { simple: true }) as string;
  }
}
