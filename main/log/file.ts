/**
 * The log file: `<data dir>/logs/atelier.log`, one JSON object a line (time, level, message,
 * detail, stack), rotated at a size limit to `atelier.1.log` … so it never grows without bound.
 * Appends are synchronous and small: a line must be on disk even if the process dies next.
 * What is logged is Atelier's own (methods, fields, ids, stacks), never a user's prompt or pixels.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger, LogLevel } from './logger';

export interface FileLogOptions {
  /** Rotate when the file passes this many bytes. */
  maxBytes?: number;
  /** Rotated files kept besides the current one. */
  keep?: number;
  /** Also write each line to stderr (the CLI and the browser host in a terminal). */
  echo?: boolean;
}

export interface FileLogger extends Logger {
  readonly path: string;
  /** The newest `n` lines, oldest first (for diagnostics). */
  tail(n: number): string[];
}

export const logPath = (dataDir: string): string => join(dataDir, 'logs', 'atelier.log');

function describe(err: unknown): Record<string, unknown> {
  if (err instanceof Error)
    return { error: err.message, name: err.name, ...(err.stack ? { stack: err.stack } : {}) };
  return err === undefined ? {} : { error: String(err) };
}

export function createFileLogger(dataDir: string, opts: FileLogOptions = {}): FileLogger {
  const maxBytes = opts.maxBytes ?? 2 * 1024 * 1024;
  const keep = opts.keep ?? 3;
  const path = logPath(dataDir);
  const dir = join(dataDir, 'logs');
  let size = -1;

  const rotate = (): void => {
    rmSync(join(dir, `atelier.${keep}.log`), { force: true });
    for (let i = keep - 1; i >= 1; i--) {
      const from = join(dir, `atelier.${i}.log`);
      if (existsSync(from)) renameSync(from, join(dir, `atelier.${i + 1}.log`));
    }
    renameSync(path, join(dir, 'atelier.1.log'));
    size = 0;
  };

  const write = (level: LogLevel, message: string, detail: Record<string, unknown>): void => {
    const line = `${JSON.stringify({ time: new Date().toISOString(), level, message, ...detail })}\n`;
    if (opts.echo) process.stderr.write(`atelier ${level}: ${message}\n`);
    try {
      if (size < 0) {
        mkdirSync(dir, { recursive: true });
        size = existsSync(path) ? statSync(path).size : 0;
      }
      if (size > 0 && size + line.length > maxBytes) rotate();
      appendFileSync(path, line);
      size += Buffer.byteLength(line);
    } catch {
      // A log that cannot be written (read-only or full disk) must never take a call down with it.
    }
  };

  return {
    path,
    info: (message, detail = {}) => write('info', message, detail),
    warn: (message, detail = {}) => write('warn', message, detail),
    error: (message, err, detail = {}) => write('error', message, { ...detail, ...describe(err) }),
    tail(n) {
      try {
        const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
        return lines.slice(-n);
      } catch {
        return [];
      }
    },
  };
}
