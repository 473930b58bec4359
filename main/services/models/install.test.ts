/**
 * The importer copies only files that are inside the chosen folder: a link (to a file, or a
 * folder on the way) that leads outside is refused with a sentence, and nothing is left behind.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AtelierError } from '../../../preload/contract';
import { installImported, type ImportDeps, type Install } from './install';
import type { ModelRegistry } from './registry';

let base: string;
let folder: string;
let deps: ImportDeps;

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'atelier-install-'));
  folder = join(base, 'my-model');
  mkdirSync(folder);
  mkdirSync(join(base, 'elsewhere'));
  writeFileSync(join(base, 'elsewhere', 'private.key'), 'not a model');
  deps = {
    registry: { get: () => undefined } as unknown as ModelRegistry,
    inspect: () => Promise.resolve({ inputs: [], outputs: [] }),
    importedDir: join(base, 'data', 'models'),
  };
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

const install = (path: string): Install => ({
  files: [{ path, role: 'graph' }],
  graphs: [path],
  manifest: () => {
    throw new Error('the manifest is never reached');
  },
  fallbackId: 'model',
});

async function refusal(p: Promise<unknown>): Promise<AtelierError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AtelierError);
  return e as AtelierError;
}

describe('installImported and links', () => {
  it('refuses a file that is a link to a file outside the folder', async () => {
    symlinkSync(join(base, 'elsewhere', 'private.key'), join(folder, 'model.onnx'));
    const e = await refusal(installImported(deps, folder, install('model.onnx'), {}));
    expect(e.code).toBe('invalid-input');
    expect(e.message).toBe(
      'Cannot import this folder: model.onnx is a link to a file outside the folder; put the file itself in the folder.',
    );
    expect(readdirSync(deps.importedDir)).toEqual([]); // the staging folder is gone
  });

  it('refuses a file reached through a link to a folder outside', async () => {
    writeFileSync(join(base, 'elsewhere', 'model.onnx'), 'outside');
    symlinkSync(join(base, 'elsewhere'), join(folder, 'onnx'));
    const e = await refusal(installImported(deps, folder, install(join('onnx', 'model.onnx')), { link: true }));
    expect(e.message).toMatch(/is a link to a file outside the folder/);
    expect(readdirSync(deps.importedDir)).toEqual([]);
  });
});
