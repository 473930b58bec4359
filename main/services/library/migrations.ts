/**
 * Schema migrations, applied in order by `user_version`, each in its own transaction. Append
 * only: a released migration never changes. A database newer than the code is refused.
 */
export const migrations: readonly string[] = [
  // 1: generations and the files they own
  `CREATE TABLE generations (
     id           TEXT PRIMARY KEY,
     kind         TEXT NOT NULL,
     created_at   INTEGER NOT NULL,
     model_id     TEXT NOT NULL,
     model_sha256 TEXT NOT NULL,
     provider     TEXT NOT NULL,
     seed         INTEGER NOT NULL,
     params       TEXT NOT NULL CHECK (json_valid(params)),
     parent_id    TEXT REFERENCES generations(id) ON DELETE SET NULL,
     duration_ms  REAL NOT NULL,
     width        INTEGER,
     height       INTEGER,
     title        TEXT NOT NULL DEFAULT ''
   );
   CREATE TABLE assets (
     generation_id TEXT NOT NULL REFERENCES generations(id) ON DELETE CASCADE,
     role          TEXT NOT NULL,
     path          TEXT NOT NULL,
     mime          TEXT NOT NULL,
     bytes         INTEGER NOT NULL,
     sha256        TEXT NOT NULL,
     PRIMARY KEY (generation_id, role)
   );
   CREATE INDEX generations_by_time ON generations(created_at DESC, id);`,
  // 2: lineage lookups and per-studio listing
  `CREATE INDEX generations_by_parent ON generations(parent_id);
   CREATE INDEX generations_by_kind_time ON generations(kind, created_at DESC, id);`,
];

export const LATEST_VERSION = migrations.length;
