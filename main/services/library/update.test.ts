/**
 * Changing a record in place (a clip renamed): title, params and one file, durably; refused
 * whole when the record could not be read back or its file is not a plain file in assets/.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Library, type NewGeneration } from './library';

let dir: string;
let lib: Library;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'atelier-update-'));
  lib = Library.open(dir);
});
afterEach(() => {
  lib.close();
  rmSync(dir, { recursive: true, force: true });
});

const clip = (title: string): NewGeneration<'melody'> => ({
  kind: 'melody',
  modelId: '',
  modelSha256: '',
  provider: '',
  seed: 0,
  params: { name: title, bpm: 120 },
  parentId: null,
  durationMs: 1,
  width: null,
  height: null,
  title,
  assets: [{ role: 'midi', mime: 'audio/midi', ext: 'mid', bytes: randomBytes(32) }],
});

const assetRow = (id: string) =>
  lib.db.prepare("SELECT bytes, sha256 FROM assets WHERE generation_id = ? AND role = 'midi'").get(id) as {
    bytes: number;
    sha256: string;
  };

describe('Library.update', () => {
  it('changes the title, params and file, and records the file’s new size and hash', async () => {
    const g = await lib.add(clip('Reel'));
    const midi = randomBytes(77);
    const after = await lib.update(g.id, {
      title: 'Jig',
      params: { name: 'Jig', bpm: 90 },
      asset: { role: 'midi', bytes: midi },
    });
    expect(after.title).toBe('Jig');
    expect(after.kind === 'melody' && after.params.bpm).toBe(90);
    expect(readFileSync(lib.assetPath(g.id, 'midi')).equals(midi)).toBe(true);
    expect(assetRow(g.id)).toEqual({ bytes: 77, sha256: createHash('sha256').update(midi).digest('hex') });
  });

  it('refuses params it could not read back, and changes nothing', async () => {
    const g = await lib.add(clip('Reel'));
    const before = readFileSync(lib.assetPath(g.id, 'midi'));
    await expect(
      lib.update(g.id, {
        title: 'X',
        params: { bpm: 'fast' },
        asset: { role: 'midi', bytes: randomBytes(8) },
      }),
    ).rejects.toThrow(/could not read back.*nothing was changed/);
    expect(lib.get(g.id).title).toBe('Reel');
    expect(readFileSync(lib.assetPath(g.id, 'midi')).equals(before)).toBe(true);
  });

  it('never writes through a link planted in assets/', async () => {
    const g = await lib.add(clip('Reel'));
    const outside = join(dir, 'outside.txt');
    writeFileSync(outside, 'keep me');
    const path = lib.assetPath(g.id, 'midi');
    rmSync(path);
    symlinkSync(outside, path);
    await expect(
      lib.update(g.id, {
        title: 'Jig',
        params: { name: 'Jig' },
        asset: { role: 'midi', bytes: randomBytes(8) },
      }),
    ).rejects.toThrow(/not a plain file/);
    expect(readFileSync(outside, 'utf8')).toBe('keep me');
    expect(lib.get(g.id).title).toBe('Reel');
  });
});

describe('Library.titles', () => {
  it('finds a kind’s titles equal to a name (any case) or starting with a prefix, except one record', async () => {
    const a = await lib.add(clip('Reel'));
    await lib.add(clip('reel (2)'));
    await lib.add(clip('Reel 100%_x'));
    await lib.add({ ...clip('Reel'), kind: 'melody' });
    expect(lib.titles('melody', { equalTo: ['REEL'], startingWith: 'reel (' }).sort()).toEqual([
      'Reel',
      'Reel',
      'reel (2)',
    ]);
    expect(lib.titles('melody', { equalTo: ['Reel'], startingWith: 'zzz', exceptId: a.id })).toEqual([
      'Reel',
    ]);
    // LIKE's wildcards in a name are taken literally.
    expect(lib.titles('melody', { equalTo: [], startingWith: 'Reel 100%_' })).toEqual(['Reel 100%_x']);
    expect(lib.titles('melody', { equalTo: [], startingWith: 'Reel 1000' })).toEqual([]);
  });
});
