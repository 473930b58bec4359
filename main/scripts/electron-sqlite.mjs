// `npm run electron:sqlite` (also run by postinstall where the Electron binary was downloaded, and
// by `npm run dist` for each target): makes better-sqlite3's build for Electron BESIDE the Node
// one, never over it, so the CLI, the browser host and the tests (Node) and the Electron app all
// work from one checkout. Two ways, in order:
//   1. prebuild-install --runtime electron: downloads better-sqlite3's prebuilt binary for that
//      Electron ABI, platform and arch (any platform: packaging for another OS works too);
//   2. @electron/rebuild --build-from-source (this platform only): compiles a copy of
//      better-sqlite3 against Electron's headers (downloaded by node-gyp), in a staging folder.
// The result: node_modules/.atelier/electron/<platform>-<arch>/better_sqlite3.node + build.json.
// Both need internet access; where neither works it says why in one line (exit 1 from the CLI).
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { installedElectron } from './electron-binary.mjs';
import { BINDING_FILE, STAMP_FILE, electronSqliteDir, pickSqliteBinding } from './sqlite-binding.mjs';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The line of a failed tool's output that says why: a network error if any, else its last words. */
export function whyFromOutput(text) {
  const lines = (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('at ') && !/^[✖✔]/.test(l));
  const net = lines.filter((l) => /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT/.test(l)).pop();
  const why =
    net ?? (lines.some((l) => /network connectivity/i.test(l)) ? 'network unreachable' : lines.pop());
  return (why ?? 'no output').slice(0, 120);
}

/** Runs a Node script in a child process, its output captured. */
function runNode(script, args, { cwd, timeoutMs }) {
  const r = spawnSync(process.execPath, [script, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  return {
    ok: r.status === 0,
    why: r.error?.message ?? whyFromOutput(`${r.stdout ?? ''}\n${r.stderr ?? ''}`),
  };
}

function packageVersion(dir) {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
}

/**
 * Makes (or finds) better-sqlite3's build for `electron` ({ version, abi }) on `platform`-`arch`.
 * Returns `{ ok: true, path, via }` or `{ ok: false, why }`; never throws for a failed attempt.
 * `run(script, args, { cwd, timeoutMs }) → { ok, why }` runs a Node script (a stand-in in tests).
 */
export function ensureElectronSqlite({
  electron,
  root = repoRoot,
  platform = process.platform,
  arch = process.arch,
  force = false,
  run = runNode,
}) {
  const sqliteDir = join(root, 'node_modules', 'better-sqlite3');
  if (!existsSync(join(sqliteDir, 'package.json')))
    return { ok: false, why: 'better-sqlite3 is not installed' };
  const dir = electronSqliteDir(root, platform, arch);
  const target = join(dir, BINDING_FILE);
  if (!force && pickSqliteBinding({ electron, root, platform, arch }).ok) {
    return { ok: true, path: target, via: 'already built' };
  }
  const version = packageVersion(sqliteDir);
  const requireFromSqlite = createRequire(join(sqliteDir, 'package.json'));
  const stage = join(dir, 'stage');
  rmSync(stage, { recursive: true, force: true });
  const failures = [];
  const install = (built, via) => {
    mkdirSync(dir, { recursive: true });
    copyFileSync(built, `${target}.tmp`);
    renameSync(`${target}.tmp`, target);
    const stamp = {
      electron: electron.version,
      abi: String(electron.abi),
      betterSqlite3: version,
      platform,
      arch,
      via,
    };
    writeFileSync(join(dir, STAMP_FILE), `${JSON.stringify(stamp, null, 2)}\n`);
    rmSync(stage, { recursive: true, force: true });
    return { ok: true, path: target, via };
  };

  // 1. The prebuilt binary: prebuild-install reads package.json in its cwd and writes
  //    build/Release/better_sqlite3.node there, so it runs in a folder holding a copy of it.
  try {
    const prebuilt = join(stage, 'prebuilt');
    mkdirSync(prebuilt, { recursive: true });
    copyFileSync(join(sqliteDir, 'package.json'), join(prebuilt, 'package.json'));
    const bin = requireFromSqlite.resolve('prebuild-install/bin.js');
    const args = [
      '--runtime',
      'electron',
      '--target',
      electron.version,
      '--platform',
      platform,
      '--arch',
      arch,
    ];
    const r = run(bin, args, { cwd: prebuilt, timeoutMs: 180_000 });
    const built = join(prebuilt, 'build', 'Release', BINDING_FILE);
    if (r.ok && existsSync(built)) return install(built, 'prebuilt download');
    failures.push(`prebuilt download: ${r.why}`);
  } catch (e) {
    failures.push(`prebuilt download: ${e.message}`);
  }

  // 2. A source build of a copy (node-gyp cannot cross-compile to another OS). The copy gets its
  //    own package.json and lockfile: @electron/rebuild walks up to the nearest lockfile looking
  //    for modules, and must never reach (and rebuild) the checkout's own better-sqlite3.
  if (platform !== process.platform) {
    failures.push(`source build: not possible for ${platform} on ${process.platform}`);
  } else {
    try {
      const source = join(stage, 'source');
      const copy = join(source, 'node_modules', 'better-sqlite3');
      mkdirSync(source, { recursive: true });
      const manifest = { name: 'atelier-electron-sqlite', version: '0.0.0', private: true };
      writeFileSync(
        join(source, 'package.json'),
        JSON.stringify({ ...manifest, dependencies: { 'better-sqlite3': version } }),
      );
      writeFileSync(join(source, 'package-lock.json'), JSON.stringify({ ...manifest, lockfileVersion: 3 }));
      cpSync(sqliteDir, copy, {
        recursive: true,
        filter: (p) => !/^(build|node_modules)(\/|$)/.test(relative(sqliteDir, p).split(sep).join('/')),
      });
      const cli = join(
        dirname(createRequire(join(root, 'package.json')).resolve('@electron/rebuild')),
        'cli.js',
      );
      const args = [
        ...['--version', electron.version, '--platform', platform, '--arch', arch],
        ...[
          '--module-dir',
          source,
          '--only',
          'better-sqlite3',
          '--force',
          '--build-from-source',
          '--sequential',
        ],
      ];
      const r = run(cli, args, { cwd: source, timeoutMs: 900_000 });
      const built = join(copy, 'build', 'Release', BINDING_FILE);
      if (r.ok && existsSync(built)) return install(built, 'source build');
      failures.push(`source build: ${r.why}`);
    } catch (e) {
      failures.push(`source build: ${e.message}`);
    }
  }
  rmSync(stage, { recursive: true, force: true });
  return { ok: false, why: failures.join('; ') };
}

/** One line about a result, for postinstall and the CLI. */
export function describeElectronSqlite(result, electron) {
  return result.ok
    ? `atelier: better-sqlite3 for Electron ${electron.version} ready (${result.via}); npm start opens the desktop app.`
    : `atelier: better-sqlite3 for Electron ${electron.version} could not be made (${result.why}); npm start will use the browser host (npm run electron:sqlite retries).`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const electron = installedElectron();
  if (!electron) {
    console.log('atelier: the electron package is not installed (npm install with devDependencies first).');
    process.exit(1);
  }
  const result = ensureElectronSqlite({ electron, force: process.argv.includes('--force') });
  console.log(describeElectronSqlite(result, electron));
  process.exit(result.ok ? 0 : 1);
}
