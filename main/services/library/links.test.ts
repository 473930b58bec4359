/**
 * Library.readAsset reads only plain files inside the data folder's assets/: a link planted
 * there (to a file or a folder outside) is refused, so no call can read any file on the disk.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AtelierError } from '../../../preload/contract';
import { Library } from './library';

let dir: string;
let outside: string;
let lib: Library;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'atelier-links-'));
  outside = mkdtempSync(join(tmpdir(), 'atelier-outside-'));
  writeFileSync(join(outside, 'secret.txt'), 'not for the library');
  lib = Library.open(dir);
});
afterEach(() => {
  lib.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

async function addOne(): Promise<string> {
  const g = await lib.add({
    kind: 'texture',
    modelId: 'texture',
    modelSha256: 'ab'.repeat(32),
    provider: 'cpu',
    seed: 1,
    params: { size: 256, style: 'moss', scale: 1 },
    parentId: null,
    durationMs: 1,
    width: 256,
    height: 256,
    title: 'Moss',
    assets: [{ role: 'image', mime: 'image/png', ext: 'png', bytes: new Uint8Array([1, 2, 3]) }],
  });
  return g.id;
}

async function refusal(p: Promise<unknown>): Promise<AtelierError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AtelierError);
  return e as AtelierError;
}

describe('Library.readAsset and links', () => {
  it('refuses a link to a file outside, planted where an asset was', async () => {
    const id = await addOne();
    const asset = lib.assetPath(id, 'image');
    rmSync(asset);
    symlinkSync(join(outside, 'secret.txt'), asset);
    const e = await refusal(lib.readAsset(id, 'image'));
    expect(e.code).toBe('not-found');
    expect(e.message).toMatch(/not a plain file in the library's folder/);
  });

  it("refuses an asset's folder replaced by a link to a folder outside", async () => {
    const id = await addOne();
    writeFileSync(join(outside, 'image.png'), 'elsewhere');
    renameSync(join(dir, 'assets', id), join(dir, 'moved'));
    symlinkSync(outside, join(dir, 'assets', id));
    const e = await refusal(lib.readAsset(id, 'image'));
    expect(e.message).toMatch(/not a plain file in the library's folder/);
  });

  it('refuses a row whose path leads out of assets/, and still reads plain files', async () => {
    const id = await addOne();
    expect([...(await lib.readAsset(id, 'image')).bytes]).toEqual([1, 2, 3]);
    mkdirSync(join(dir, 'other'));
    writeFileSync(join(dir, 'other', 'x.png'), 'x');
    lib.db
      .prepare('UPDATE assets SET path = ? WHERE generation_id = ?')
      .run(join('assets', '..', 'other', 'x.png'), id);
    expect((await refusal(lib.readAsset(id, 'image'))).message).toMatch(/not a plain file/);
  });
});
