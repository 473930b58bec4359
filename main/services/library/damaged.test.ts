/**
 * A damaged row (params that are not an object, or whose fields are not what its kind records, or a
 * kind this version does not know) never stops the library from listing: it is left out, the
 * log says which and why, the rest still lists, and opening it says it is damaged.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AtelierError } from '../../../preload/contract';
import type { Logger } from '../../log/logger';
import { Library, type NewGeneration } from './library';

let dir: string;
let lib: Library;
const warnings: { message: string; detail?: Record<string, unknown> }[] = [];
const logger: Logger = {
  info: () => {},
  warn: (message, detail) => warnings.push({ message, detail }),
  error: () => {},
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'atelier-damaged-'));
  lib = Library.open(dir);
  lib.logger = logger;
  warnings.length = 0;
});
afterEach(() => {
  lib.close();
  rmSync(dir, { recursive: true, force: true });
});

const melody = (name: string): NewGeneration<'melody'> => ({
  kind: 'melody',
  modelId: '',
  modelSha256: '',
  provider: '',
  seed: 0,
  params: { name, bpm: 120, bars: 1, notes: [] },
  parentId: null,
  durationMs: 1,
  width: null,
  height: null,
  title: name,
  assets: [{ role: 'midi', mime: 'audio/midi', ext: 'mid', bytes: randomBytes(16) }],
});

describe('damaged rows', () => {
  it('lists the good records, leaves the damaged ones out and logs why', async () => {
    const good = await lib.add(melody('Reel'));
    const badJson = await lib.add(melody('Jig'));
    const badType = await lib.add(melody('Waltz'));
    const badKind = await lib.add(melody('Hornpipe'));
    lib.db.prepare('UPDATE generations SET params = ? WHERE id = ?').run('[1, 2]', badJson.id);
    lib.db.prepare('UPDATE generations SET params = ? WHERE id = ?').run('{"bpm": "fast"}', badType.id);
    lib.db.prepare("UPDATE generations SET kind = 'hologram' WHERE id = ?").run(badKind.id);

    const tooDeep = await lib.add(melody('Polka'));
    let deep: unknown = 1;
    for (let i = 0; i < 150; i++) deep = { d: deep };
    lib.db
      .prepare('UPDATE generations SET params = ? WHERE id = ?')
      .run(JSON.stringify({ deep }), tooDeep.id);

    const list = lib.list();
    expect(list.map((g) => g.id)).toEqual([good.id]);
    expect(warnings.find((w) => w.detail?.id === tooDeep.id)?.detail?.why).toContain('nest deeper');
    expect(good.kind === 'melody' && good.params.name).toBe('Reel');
    expect(warnings.map((w) => w.detail?.id).sort()).toEqual(
      [badJson.id, badType.id, badKind.id, tooDeep.id].sort(),
    );
    expect(warnings.find((w) => w.detail?.id === badJson.id)?.detail?.why).toContain('params');
    expect(warnings.find((w) => w.detail?.id === badType.id)?.detail?.why).toContain('params.bpm');
  });

  it('opening a damaged record says so in a sentence, and the others still open', async () => {
    const good = await lib.add(melody('Reel'));
    const bad = await lib.add(melody('Jig'));
    lib.db.prepare('UPDATE generations SET params = ? WHERE id = ?').run('"a string"', bad.id);
    let err: unknown;
    try {
      lib.get(bad.id);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AtelierError);
    expect((err as AtelierError).message).toMatch(
      /is damaged and cannot be opened.*The rest of the library is fine/,
    );
    expect(lib.get(good.id).title).toBe('Reel');
  });

  it('refuses to save a record it could not read back, and writes nothing', async () => {
    const bad = { ...melody('Reel'), params: { bpm: 'fast' } };
    await expect(lib.add(bad)).rejects.toThrow(/could not read back \(params\.bpm.*nothing was saved/);
    expect(lib.list()).toEqual([]);
    expect(lib.db.prepare('SELECT COUNT(*) AS n FROM assets').get()).toEqual({ n: 0 });
  });
});
