/**
 * What a user is told at start: a data folder that cannot be written is refused in a sentence
 * before anything runs; files of records a damaged journal lost are kept and announced.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnForkWorker } from '../inference/fork-transport';
import { tempDir } from '../testing/atelier';
import { createAtelier } from './atelier';
import { Library } from './library/library';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

describe('start-up', () => {
  it('refuses a data folder it cannot write, saying what to do', async () => {
    const dir = tempDir();
    dirs.push(dir);
    writeFileSync(join(dir.path, 'file'), 'x');
    await expect(
      createAtelier({ dataDir: join(dir.path, 'file', 'data'), host: 'cli', spawnWorker: spawnForkWorker }),
    ).rejects.toThrow(/cannot write to its data folder .* Start it with --data-dir/);
  });

  it('keeps the files of records the journal lost and tells the user in app.info', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const lib = Library.open(dir.path);
    const g = await lib.add({
      kind: 'texture',
      modelId: 'texture',
      modelSha256: 'ab',
      provider: 'cpu',
      seed: 1,
      params: { size: 256, style: 'granite' },
      parentId: null,
      durationMs: 1,
      width: 256,
      height: 256,
      title: 'Granite',
      assets: [{ role: 'image', mime: 'image/png', ext: 'png', bytes: randomBytes(64) }],
    });
    lib.db.prepare('DELETE FROM generations WHERE id = ?').run(g.id);
    lib.close();
    const old = new Date(Date.now() - 60 * 60_000);
    utimesSync(join(dir.path, 'assets', g.id), old, old);

    const atelier = await createAtelier({ dataDir: dir.path, host: 'cli', spawnWorker: spawnForkWorker });
    try {
      const r = await atelier.router.call('app.info', {});
      if (!r.ok) throw new Error(r.error.message);
      const notices = (r.value as { notices: string[] }).notices;
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatch(
        /found the files of 1 generation whose library record was lost.*Nothing was deleted/,
      );
      expect(existsSync(join(dir.path, 'recovered', g.id, 'image.png'))).toBe(true);
    } finally {
      await atelier.close();
    }
  });
});
