// Which better-sqlite3 native build a process loads. better-sqlite3 is not Node-API: its build
// for Node (node_modules/better-sqlite3/build/Release, what `npm install` makes and what the CLI,
// the browser host and the tests load) cannot load in Electron's main process. Electron loads
// its own build, made beside it (electron-sqlite.mjs) and passed to better-sqlite3 as
// `nativeBinding`:
//   - a checkout: node_modules/.atelier/electron/<platform>-<arch>/better_sqlite3.node, with
//     build.json saying which Electron ABI and better-sqlite3 version it was made for;
//   - a packaged app: <resources>/native/better_sqlite3.node (electron-builder copies it there).
// No Electron, no bundler-unfriendly code: the Electron main bundle and start.mjs both import it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const BINDING_FILE = 'better_sqlite3.node';
export const STAMP_FILE = 'build.json';
/** Where a packaged app keeps its Electron build, relative to process.resourcesPath. */
export const PACKAGED_BINDING_DIR = 'native';

/** The folder holding a checkout's Electron build of better-sqlite3 for one platform and arch. */
export function electronSqliteDir(root, platform = process.platform, arch = process.arch) {
  return join(root, 'node_modules', '.atelier', 'electron', `${platform}-${arch}`);
}

function readJson(readText, path) {
  try {
    return JSON.parse(readText(path));
  } catch {
    return null;
  }
}

/**
 * The better-sqlite3 build this process should load:
 * - plain Node (`electron` undefined): `{ ok: true, nativeBinding: undefined }` (the default build);
 * - Electron with a matching build: `{ ok: true, nativeBinding: <its path> }`;
 * - Electron without one: `{ ok: false, message }`, one sentence saying so and how to make one.
 */
export function pickSqliteBinding({
  electron,
  root,
  isPackaged = false,
  resourcesPath,
  platform = process.platform,
  arch = process.arch,
  exists = existsSync,
  readText = (path) => readFileSync(path, 'utf8'),
}) {
  if (!electron) return { ok: true, nativeBinding: undefined };
  if (isPackaged) {
    const packaged = join(resourcesPath ?? '', PACKAGED_BINDING_DIR, BINDING_FILE);
    return exists(packaged)
      ? { ok: true, nativeBinding: packaged }
      : {
          ok: false,
          message: `this Atelier package has no better-sqlite3 build for Electron ${electron.version} (${packaged} is missing); reinstall Atelier`,
        };
  }
  const dir = electronSqliteDir(root, platform, arch);
  const binding = join(dir, BINDING_FILE);
  const stamp = readJson(readText, join(dir, STAMP_FILE));
  const sqlite = readJson(readText, join(root, 'node_modules', 'better-sqlite3', 'package.json'));
  if (
    exists(binding) &&
    stamp &&
    String(stamp.abi) === String(electron.abi) &&
    stamp.betterSqlite3 === sqlite?.version &&
    stamp.platform === platform &&
    stamp.arch === arch
  ) {
    return { ok: true, nativeBinding: binding };
  }
  return {
    ok: false,
    message: `better-sqlite3 has no build for Electron ${electron.version} here and Electron cannot load the Node build (npm run electron:sqlite makes one; it needs internet access)`,
  };
}
