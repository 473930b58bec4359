/**
 * What the Electron host decides at launch, as plain functions (no Electron import, so they are
 * unit-tested under Node): the page to load, the bundled models folder, the SQLite build.
 */
import { join } from 'node:path';
import { pickSqliteBinding, type SqliteBindingChoice } from '../scripts/sqlite-binding.mjs';
import { APP_URL } from './origin';

export interface LaunchFacts {
  /** Electron's `app.isPackaged`. */
  isPackaged: boolean;
  /** Electron's `process.resourcesPath`. */
  resourcesPath: string;
  env: NodeJS.ProcessEnv;
}

/**
 * The page the window loads: electron-vite's dev server (`ELECTRON_RENDERER_URL`) only while
 * developing, never in a packaged app; otherwise the built renderer on our own origin.
 */
export function rendererUrl({ isPackaged, env }: Pick<LaunchFacts, 'isPackaged' | 'env'>): string {
  const dev = env.ELECTRON_RENDERER_URL;
  return !isPackaged && dev ? dev : APP_URL;
}

/**
 * The bundled models: a packaged app keeps them in `<resources>/models` (electron-builder's
 * extraResources); a checkout (or ATELIER_MODELS_DIR) leaves it to `defaultModelsDir`.
 */
export function bundledModelsDir({ isPackaged, resourcesPath, env }: LaunchFacts): string | undefined {
  if (env.ATELIER_MODELS_DIR || !isPackaged) return undefined;
  return join(resourcesPath, 'models');
}

/** better-sqlite3's Electron build for this process (see main/scripts/sqlite-binding.mjs). */
export function electronSqliteBinding(
  facts: Pick<LaunchFacts, 'isPackaged' | 'resourcesPath'> & {
    root: string;
    versions: NodeJS.ProcessVersions;
  },
): SqliteBindingChoice {
  const { versions } = facts;
  return pickSqliteBinding({
    electron: versions.electron ? { version: versions.electron, abi: versions.modules } : undefined,
    root: facts.root,
    isPackaged: facts.isPackaged,
    resourcesPath: facts.resourcesPath,
  });
}
