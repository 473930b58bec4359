import type { ElectronRuntime } from './sqlite-binding.mjs';

export type ElectronSqliteResult = { ok: true; path: string; via: string } | { ok: false; why: string };

/** Runs a Node script in a child process: did it exit 0, and if not its last line of output. */
export type RunNode = (
  script: string,
  args: string[],
  options: { cwd: string; timeoutMs: number },
) => { ok: boolean; why: string };

/** The checkout's root (the folder holding package.json). */
export const repoRoot: string;

/**
 * Makes (or finds) better-sqlite3's build for Electron beside the Node build: a prebuilt
 * download first, then a source build of a copy (this platform only).
 */
export function ensureElectronSqlite(options: {
  electron: ElectronRuntime;
  root?: string;
  platform?: string;
  arch?: string;
  force?: boolean;
  run?: RunNode;
}): ElectronSqliteResult;

/** One line about a result, for postinstall and the CLI. */
export function describeElectronSqlite(result: ElectronSqliteResult, electron: ElectronRuntime): string;

/** The line of a failed tool's output that says why: a network error if any, else its last words. */
export function whyFromOutput(text: string): string;
