// Our own postinstall (npm runs the root package's scripts; dependency scripts need allowScripts).
// Electron's install script is not allowed to run by itself because it downloads its binary and
// fails the whole install where the internet is unreachable. Here we try that download and, if
// it cannot be had, say so in one line and carry on: the browser host works without it.
// Where the Electron binary is here, we also make better-sqlite3's build for Electron beside the
// Node one (electron-sqlite.mjs): Electron cannot load the Node build. Nothing here fails the
// install: every outcome is one line.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { electronBinary, electronPackageDir, installedElectron } from './electron-binary.mjs';
import { describeElectronSqlite, ensureElectronSqlite } from './electron-sqlite.mjs';

function electronSqlite() {
  const electron = installedElectron();
  if (!electron) return;
  try {
    const result = ensureElectronSqlite({ electron });
    if (!(result.ok && result.via === 'already built')) console.log(describeElectronSqlite(result, electron));
  } catch (e) {
    console.log(
      `atelier: better-sqlite3 for Electron could not be made (${e.message}); npm start will use the browser host.`,
    );
  }
}

const dir = electronPackageDir();
if (!dir) process.exit(0);
if (electronBinary()) {
  electronSqlite();
  process.exit(0);
}
if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log(
    'atelier: Electron binary download skipped (ELECTRON_SKIP_BINARY_DOWNLOAD); npm start will use the browser host.',
  );
  process.exit(0);
}
const r = spawnSync(process.execPath, [join(dir, 'install.js')], {
  stdio: 'pipe',
  timeout: 180_000,
  encoding: 'utf8',
});
if (r.status === 0 && electronBinary()) {
  console.log('atelier: Electron binary installed.');
  electronSqlite();
} else {
  const why = (r.stderr || r.error?.message || '').split('\n').find((l) => l.trim()) ?? 'no network';
  console.log(
    `atelier: Electron binary could not be downloaded (${why.trim().slice(0, 120)}); npm start will use the browser host instead.`,
  );
}
process.exit(0);
