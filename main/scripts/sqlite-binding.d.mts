/** The running (or installed) Electron: its version and its NODE_MODULE_VERSION (ABI). */
export interface ElectronRuntime {
  version: string;
  abi: string;
}

export type SqliteBindingChoice =
  { ok: true; nativeBinding: string | undefined } | { ok: false; message: string };

export const BINDING_FILE: string;
export const STAMP_FILE: string;
export const PACKAGED_BINDING_DIR: string;

/** The folder holding a checkout's Electron build of better-sqlite3 for one platform and arch. */
export function electronSqliteDir(root: string, platform?: string, arch?: string): string;

/**
 * The better-sqlite3 build this process should load: none for plain Node (the default build),
 * the Electron build's path under Electron, or one sentence saying there is none.
 */
export function pickSqliteBinding(options: {
  electron: ElectronRuntime | undefined;
  root: string;
  isPackaged?: boolean;
  resourcesPath?: string;
  platform?: string;
  arch?: string;
  exists?: (path: string) => boolean;
  readText?: (path: string) => string;
}): SqliteBindingChoice;
