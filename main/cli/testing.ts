/**
 * Test helpers for the CLI commands: what `runCli` prints, captured fresh for every test of a
 * file, a temp folder for a test file with the `--data-dir` flags of a data folder in it, and
 * one test per bad command line.
 */
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, expect, it, vi } from 'vitest';
import { runCli } from '../cli';
import { tempDir } from '../testing/atelier';

export interface Printed {
  /** Lines given to console.log. */
  stdout: string[];
  /** Lines given to console.error, and whatever was written to process.stderr (progress). */
  stderr: string[];
}

/**
 * Captures what every test of the file prints; the arrays are emptied before each test. With
 * `progress: false`, writes to process.stderr (progress lines) are silenced but not recorded.
 */
export function captureOutput(o: { progress?: boolean } = {}): Printed {
  const printed: Printed = { stdout: [], stderr: [] };
  beforeEach(() => {
    printed.stdout.length = 0;
    printed.stderr.length = 0;
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void printed.stdout.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void printed.stderr.push(a.join(' ')));
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
      if (o.progress !== false) printed.stderr.push(String(s));
      return true;
    });
  });
  afterEach(() => vi.restoreAllMocks());
  return printed;
}

/** A temp folder removed after the file's tests, and `--data-dir <folder>/data` for `runCli`. */
export function cliTempDir(prefix: string): { path: string; data: string[] } {
  const dir = tempDir(prefix);
  afterAll(() => dir.remove());
  return { path: dir.path, data: ['--data-dir', join(dir.path, 'data')] };
}

export interface RefusalOptions {
  /** Put before each command line (`['augment', 'glyphs']`). */
  prefix?: string[];
  /** Put after each command line (`--data-dir …`). */
  suffix?: string[];
  /** The command line as the test's title shows it; joined with spaces by default. */
  name?: (argv: string[]) => string;
  /** More checks after each refusal (that nothing was written). */
  after?: () => void;
}

/**
 * One test per bad command line: `runCli` exits 2 with one line on stderr that matches its
 * message, and prints nothing on stdout.
 */
export function refusesEach(
  bad: readonly [string[], RegExp][],
  printed: Printed,
  o: RefusalOptions = {},
): void {
  for (const [argv, message] of bad)
    it(`refuses ${(o.name ?? ((a) => a.join(' ')))(argv)} with one line and exit 2`, async () => {
      expect(await runCli([...(o.prefix ?? []), ...argv, ...(o.suffix ?? [])])).toBe(2);
      expect(printed.stderr).toHaveLength(1);
      expect(printed.stderr[0]).toMatch(message);
      expect(printed.stdout).toEqual([]);
      o.after?.();
    });
}
