/**
 * Where things live on disk. The Electron app, the browser host and the CLI share one library
 * by default: the same directory Electron uses as `userData` for this app.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_NAME = 'Atelier';

/** The folder holding package.json, found by walking up from this module (source or built). */
export function appRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'atelier') return dir;
      } catch {
        // not ours; keep walking
      }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`Cannot find Atelier's package.json above ${from}`);
    dir = up;
  }
}

/** Electron's `app.getPath('userData')` for our app name, computed without Electron. */
export function defaultUserDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_NAME);
}

/** `--data-dir` wins, then ATELIER_DATA_DIR, then the shared default. */
export function resolveDataDir(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return resolve(flag);
  if (env.ATELIER_DATA_DIR) return resolve(env.ATELIER_DATA_DIR);
  return defaultUserDataDir();
}

export function defaultModelsDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.ATELIER_MODELS_DIR ? resolve(env.ATELIER_MODELS_DIR) : join(appRoot(), 'models');
}

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(appRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
