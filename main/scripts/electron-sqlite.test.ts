/**
 * Making better-sqlite3's Electron build beside the Node one, in a throw-away checkout. The tools
 * (prebuild-install, @electron/rebuild) are replaced by a STAND-IN runner that writes a stand-in
 * file where the real tool would write the binary (or fails, as offline), so the staging, the
 * order of attempts and what is installed where are tested without a network.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureElectronSqlite, whyFromOutput, type RunNode } from './electron-sqlite.mjs';
import { pickSqliteBinding } from './sqlite-binding.mjs';

const ELECTRON = { version: '45.6.1', abi: '150' };
let root: string;
const nodeBuild = () =>
  join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const put = (path: string, text: string) => {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'atelier-electron-sqlite-'));
  put(join(root, 'package.json'), '{"name":"atelier"}');
  const sqlite = join(root, 'node_modules', 'better-sqlite3');
  put(join(sqlite, 'package.json'), '{"name":"better-sqlite3","version":"12.11.1"}');
  put(join(sqlite, 'lib', 'index.js'), '');
  put(join(sqlite, 'src', 'better_sqlite3.cpp'), '');
  put(join(sqlite, 'binding.gyp'), '{}');
  put(nodeBuild(), 'the Node build');
  put(join(root, 'node_modules', 'prebuild-install', 'package.json'), '{"name":"prebuild-install"}');
  put(join(root, 'node_modules', 'prebuild-install', 'bin.js'), '');
  put(
    join(root, 'node_modules', '@electron', 'rebuild', 'package.json'),
    '{"name":"@electron/rebuild","exports":"./lib/main.js"}',
  );
  put(join(root, 'node_modules', '@electron', 'rebuild', 'lib', 'main.js'), '');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A stand-in for the two tools: each succeeds or fails as told, writing a stand-in binary where the tool would. */
function standInTools(outcome: { prebuilt: boolean; source: boolean }) {
  const calls: { tool: string; args: string[]; cwd: string; seen?: Record<string, boolean> }[] = [];
  const run: RunNode = (script, args, { cwd }) => {
    if (script.endsWith(join('prebuild-install', 'bin.js'))) {
      calls.push({ tool: 'prebuild-install', args, cwd });
      if (!outcome.prebuilt) return { ok: false, why: 'getaddrinfo ENOTFOUND github.com' };
      put(join(cwd, 'build', 'Release', 'better_sqlite3.node'), 'stand-in prebuilt Electron build');
      return { ok: true, why: '' };
    }
    const copy = join(cwd, 'node_modules', 'better-sqlite3');
    calls.push({
      tool: '@electron/rebuild',
      args,
      cwd,
      seen: {
        lockfile: existsSync(join(cwd, 'package-lock.json')),
        sources: existsSync(join(copy, 'src', 'better_sqlite3.cpp')),
        nodeBuildCopied: existsSync(join(copy, 'build')),
      },
    });
    if (!outcome.source) return { ok: false, why: 'network unreachable' };
    put(join(copy, 'build', 'Release', 'better_sqlite3.node'), 'stand-in source-built Electron build');
    return { ok: true, why: '' };
  };
  return { run, calls };
}

const here = { platform: process.platform, arch: process.arch };

describe('ensureElectronSqlite (tools replaced by a stand-in)', () => {
  it('takes the prebuilt download first and installs it beside the Node build, with its stamp', () => {
    const { run, calls } = standInTools({ prebuilt: true, source: true });
    const r = ensureElectronSqlite({ electron: ELECTRON, root, ...here, run });
    const dir = join(root, 'node_modules', '.atelier', 'electron', `${here.platform}-${here.arch}`);
    expect(r).toEqual({ ok: true, path: join(dir, 'better_sqlite3.node'), via: 'prebuilt download' });
    expect(calls.map((c) => c.tool)).toEqual(['prebuild-install']);
    expect(calls[0]!.args).toEqual([
      ...['--runtime', 'electron', '--target', '45.6.1', '--platform', here.platform, '--arch', here.arch],
    ]);
    expect(readFileSync(join(dir, 'better_sqlite3.node'), 'utf8')).toBe('stand-in prebuilt Electron build');
    expect(JSON.parse(readFileSync(join(dir, 'build.json'), 'utf8'))).toMatchObject({
      electron: '45.6.1',
      abi: '150',
      betterSqlite3: '12.11.1',
      ...here,
    });
    expect(readFileSync(nodeBuild(), 'utf8')).toBe('the Node build');
    expect(existsSync(join(dir, 'stage'))).toBe(false);
    expect(pickSqliteBinding({ electron: ELECTRON, root })).toEqual({
      ok: true,
      nativeBinding: r.ok && r.path,
    });
    // Done once: a second run finds it.
    const again = standInTools({ prebuilt: true, source: true });
    expect(ensureElectronSqlite({ electron: ELECTRON, root, ...here, run: again.run })).toMatchObject({
      via: 'already built',
    });
    expect(again.calls).toEqual([]);
  });

  it('falls back to @electron/rebuild on a copy with its own lockfile, never the checkout', () => {
    const { run, calls } = standInTools({ prebuilt: false, source: true });
    const r = ensureElectronSqlite({ electron: ELECTRON, root, ...here, run });
    expect(r).toMatchObject({ ok: true, via: 'source build' });
    expect(calls.map((c) => c.tool)).toEqual(['prebuild-install', '@electron/rebuild']);
    const rebuild = calls[1]!;
    expect(rebuild.seen).toEqual({ lockfile: true, sources: true, nodeBuildCopied: false });
    expect(rebuild.args).toEqual(
      expect.arrayContaining(['--version', '45.6.1', '--build-from-source', '--force']),
    );
    expect(rebuild.args[rebuild.args.indexOf('--module-dir') + 1]).toBe(rebuild.cwd);
    expect(rebuild.cwd.startsWith(join(root, 'node_modules', '.atelier'))).toBe(true);
    expect(readFileSync(nodeBuild(), 'utf8')).toBe('the Node build');
  });

  it('says why in one line when neither way works (offline), installing nothing', () => {
    const { run } = standInTools({ prebuilt: false, source: false });
    const r = ensureElectronSqlite({ electron: ELECTRON, root, ...here, run });
    expect(r).toEqual({
      ok: false,
      why: 'prebuilt download: getaddrinfo ENOTFOUND github.com; source build: network unreachable',
    });
    expect(pickSqliteBinding({ electron: ELECTRON, root }).ok).toBe(false);
  });

  it('does not try a source build for another OS', () => {
    const other = process.platform === 'win32' ? 'linux' : 'win32';
    const { run, calls } = standInTools({ prebuilt: false, source: true });
    const r = ensureElectronSqlite({ electron: ELECTRON, root, platform: other, arch: 'x64', run });
    expect(r.ok).toBe(false);
    expect(calls.map((c) => c.tool)).toEqual(['prebuild-install']);
    if (!r.ok) expect(r.why).toContain(`source build: not possible for ${other}`);
  });
});

describe('whyFromOutput', () => {
  it('prefers a network error, skips stack frames', () => {
    expect(
      whyFromOutput(
        'prebuild-install info begin\nprebuild-install warn install getaddrinfo ENOTFOUND github.com\n',
      ),
    ).toBe('prebuild-install warn install getaddrinfo ENOTFOUND github.com');
    expect(
      whyFromOutput(
        'Error: is related to network connectivity. In most cases\n    at go (x.js:1:1)\n✖ Rebuild Failed\n',
      ),
    ).toBe('network unreachable');
    expect(whyFromOutput('gyp ERR! stack Error: `make` failed\n    at ChildProcess.onExit (x.js:1:1)')).toBe(
      'gyp ERR! stack Error: `make` failed',
    );
  });
});
