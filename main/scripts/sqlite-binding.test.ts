/**
 * Which better-sqlite3 build a process loads: Node → the default one; Electron → the Electron
 * build made beside it (or, packaged, the one in resources/native); Electron without one → one
 * clear sentence. The builds here are STAND-IN files (text, not binaries): only the choice is tested.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Library } from '../services/library/library';
import { BINDING_FILE, electronSqliteDir, pickSqliteBinding, STAMP_FILE } from './sqlite-binding.mjs';

const ELECTRON = { version: '45.6.1', abi: '150' };
let root: string;

function standInBuild(stamp: Record<string, string> = {}): string {
  const dir = electronSqliteDir(root, 'linux', 'x64');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, BINDING_FILE), 'stand-in for an Electron build of better-sqlite3');
  const full = {
    electron: '45.6.1',
    abi: '150',
    betterSqlite3: '12.11.1',
    platform: 'linux',
    arch: 'x64',
    ...stamp,
  };
  writeFileSync(join(dir, STAMP_FILE), JSON.stringify(full));
  return join(dir, BINDING_FILE);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'atelier-sqlite-binding-'));
  mkdirSync(join(root, 'node_modules', 'better-sqlite3'), { recursive: true });
  writeFileSync(join(root, 'node_modules', 'better-sqlite3', 'package.json'), '{"version":"12.11.1"}');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('pickSqliteBinding', () => {
  const pick = (over: Partial<Parameters<typeof pickSqliteBinding>[0]> = {}) =>
    pickSqliteBinding({ electron: ELECTRON, root, platform: 'linux', arch: 'x64', ...over });

  it('under Node: no nativeBinding (better-sqlite3 loads its own build)', () => {
    standInBuild();
    expect(pick({ electron: undefined })).toEqual({ ok: true, nativeBinding: undefined });
  });

  it('under Electron with a build made for its ABI: that build', () => {
    const path = standInBuild();
    expect(path).toBe(join(root, 'node_modules', '.atelier', 'electron', 'linux-x64', 'better_sqlite3.node'));
    expect(pick()).toEqual({ ok: true, nativeBinding: path });
    // a patch release of Electron keeps its ABI
    expect(pick({ electron: { version: '45.7.0', abi: '150' } })).toEqual({ ok: true, nativeBinding: path });
  });

  it('under Electron without one: one sentence naming Electron and how to make one', () => {
    const r = pick();
    expect(r).toEqual({
      ok: false,
      message:
        'better-sqlite3 has no build for Electron 45.6.1 here and Electron cannot load the Node build (npm run electron:sqlite makes one; it needs internet access)',
    });
    if (!r.ok) expect(r.message).not.toContain('\n');
  });

  it('refuses a build made for another Electron ABI, better-sqlite3 version, platform or arch', () => {
    const stales: Record<string, string>[] = [
      { abi: '140' },
      { betterSqlite3: '12.0.0' },
      { platform: 'darwin' },
      { arch: 'arm64' },
    ];
    for (const stale of stales) {
      rmSync(join(root, 'node_modules', '.atelier'), { recursive: true, force: true });
      standInBuild(stale);
      expect(pick().ok, JSON.stringify(stale)).toBe(false);
    }
  });

  it('packaged: the build in <resources>/native, or a sentence saying the package lacks it', () => {
    const resources = join(root, 'resources');
    const r = pick({ isPackaged: true, resourcesPath: resources });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('reinstall Atelier');
    mkdirSync(join(resources, 'native'), { recursive: true });
    writeFileSync(join(resources, 'native', BINDING_FILE), 'stand-in');
    expect(pick({ isPackaged: true, resourcesPath: resources })).toEqual({
      ok: true,
      nativeBinding: join(resources, 'native', BINDING_FILE),
    });
  });
});

describe('Library.open with nativeBinding', () => {
  it('loads the better-sqlite3 build it is given, and fails on one that is not there', () => {
    const sqliteDir = join(createRequire(import.meta.url).resolve('better-sqlite3/package.json'), '..');
    const nodeBuild = join(sqliteDir, 'build', 'Release', 'better_sqlite3.node');
    const lib = Library.open(join(root, 'data'), { nativeBinding: nodeBuild });
    expect(lib.list({}).length).toBe(0);
    lib.close();
    expect(() =>
      Library.open(join(root, 'data2'), { nativeBinding: join(root, 'no-such-build.node') }),
    ).toThrow();
  });
});
