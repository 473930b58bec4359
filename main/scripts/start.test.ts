/**
 * `npm start` (start.mjs) run for real in a throw-away checkout: copies of the start scripts,
 * an electron package whose binary is a STAND-IN (a script that says it ran, not Electron), and
 * a STAND-IN browser host (out/main/serve.js printing a URL line as the real one does).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const scripts = dirname(fileURLToPath(import.meta.url));
let root: string;

function checkout({ electronBinary }: { electronBinary: boolean }): void {
  mkdirSync(join(root, 'main', 'scripts'), { recursive: true });
  for (const f of ['start.mjs', 'electron-binary.mjs', 'sqlite-binding.mjs']) {
    copyFileSync(join(scripts, f), join(root, 'main', 'scripts', f));
  }
  const electron = join(root, 'node_modules', 'electron');
  mkdirSync(join(electron, 'dist'), { recursive: true });
  writeFileSync(join(electron, 'package.json'), '{"name":"electron","version":"45.6.1"}');
  writeFileSync(join(electron, 'abi_version'), '150');
  if (electronBinary) {
    writeFileSync(join(electron, 'path.txt'), 'electron-stand-in');
    const bin = join(electron, 'dist', 'electron-stand-in');
    writeFileSync(
      bin,
      `#!${process.execPath}\nconsole.log('stand-in electron ran with ' + JSON.stringify(process.argv.slice(2)));\n`,
    );
    chmodSync(bin, 0o755);
  }
  const sqlite = join(root, 'node_modules', 'better-sqlite3');
  mkdirSync(sqlite, { recursive: true });
  writeFileSync(join(sqlite, 'package.json'), '{"name":"better-sqlite3","version":"12.11.1"}');
  mkdirSync(join(root, 'out', 'main'), { recursive: true });
  writeFileSync(
    join(root, 'out', 'main', 'serve.js'),
    "console.log('Atelier is running at http://127.0.0.1:5177/?token=stand-in-browser-host ' + JSON.stringify(process.argv.slice(2)));\n",
  );
}

function electronSqliteStandIn(abi = '150'): void {
  const dir = join(root, 'node_modules', '.atelier', 'electron', `${process.platform}-${process.arch}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'better_sqlite3.node'), 'stand-in for an Electron build of better-sqlite3');
  const stamp = {
    electron: '45.6.1',
    abi,
    betterSqlite3: '12.11.1',
    platform: process.platform,
    arch: process.arch,
  };
  writeFileSync(join(dir, 'build.json'), JSON.stringify(stamp));
}

function start(env: NodeJS.ProcessEnv = {}): { lines: string[]; status: number | null } {
  const { ATELIER_BROWSER_HOST: _, ...rest } = process.env;
  const r = spawnSync(process.execPath, [join(root, 'main', 'scripts', 'start.mjs'), '--port', '0'], {
    encoding: 'utf8',
    env: { ...rest, ...env },
    timeout: 30_000,
  });
  return { lines: `${r.stdout}${r.stderr}`.split('\n').filter(Boolean), status: r.status };
}

const atelierLines = (lines: string[]) => lines.filter((l) => l.startsWith('atelier:'));

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'atelier-start-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe.skipIf(process.platform === 'win32')('npm start (start.mjs)', () => {
  it('with Electron but no better-sqlite3 build for it: one line, then the browser host', () => {
    checkout({ electronBinary: true });
    const { lines, status } = start();
    expect(status).toBe(0);
    expect(atelierLines(lines)).toEqual([
      'atelier: better-sqlite3 has no build for Electron 45.6.1 here and Electron cannot load the Node build (npm run electron:sqlite makes one; it needs internet access); starting the browser host (open the URL below in a browser).',
    ]);
    expect(
      lines.some((l) => l.includes('http://127.0.0.1:5177/?token=stand-in-browser-host ["--port","0"]')),
    ).toBe(true);
    expect(lines.some((l) => l.includes('stand-in electron ran'))).toBe(false);
  });

  it('with a build made for another Electron ABI: the same one line and the browser host', () => {
    checkout({ electronBinary: true });
    electronSqliteStandIn('140');
    const { lines } = start();
    expect(atelierLines(lines)).toHaveLength(1);
    expect(atelierLines(lines)[0]).toContain('no build for Electron 45.6.1');
    expect(lines.some((l) => l.includes('stand-in-browser-host'))).toBe(true);
  });

  it('with Electron and its better-sqlite3 build: runs Electron on the checkout, no line', () => {
    checkout({ electronBinary: true });
    electronSqliteStandIn();
    const { lines, status } = start();
    expect(status).toBe(0);
    expect(atelierLines(lines)).toEqual([]);
    expect(lines).toContain(`stand-in electron ran with ${JSON.stringify([root, '--port', '0'])}`);
  });

  it('without the Electron binary (or with ATELIER_BROWSER_HOST): one line, then the browser host', () => {
    checkout({ electronBinary: false });
    expect(atelierLines(start().lines)).toEqual([
      'atelier: no Electron binary here; starting the browser host (open the URL below in a browser).',
    ]);
    checkout({ electronBinary: true });
    electronSqliteStandIn();
    const forced = start({ ATELIER_BROWSER_HOST: '1' }).lines;
    expect(atelierLines(forced)).toEqual([
      'atelier: ATELIER_BROWSER_HOST is set; starting the browser host (open the URL below in a browser).',
    ]);
    expect(forced.some((l) => l.includes('stand-in-browser-host'))).toBe(true);
  });
});
