// Where the Electron binary is, if its download ever succeeded: null otherwise, and null when
// the electron package itself is absent (an install without devDependencies).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export function electronPackageDir() {
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

export function electronBinary() {
  const dir = electronPackageDir();
  if (!dir || !existsSync(join(dir, 'path.txt'))) return null;
  const bin = join(dir, 'dist', readFileSync(join(dir, 'path.txt'), 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

/** The installed electron package's version and NODE_MODULE_VERSION (its `abi_version` file). */
export function installedElectron() {
  const dir = electronPackageDir();
  if (!dir) return null;
  try {
    const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const abi = readFileSync(join(dir, 'abi_version'), 'utf8').trim();
    return version && abi ? { version, abi } : null;
  } catch {
    return null;
  }
}
