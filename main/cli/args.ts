/** Flag parsing shared by the subcommands: node's parseArgs, strict, with one-line errors. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors';

type Options = NonNullable<ParseArgsConfig['options']>;
type Strict<O extends Options> = { args: string[]; options: O; strict: true; allowPositionals: false };
export type Flags<O extends Options> = ReturnType<typeof parseArgs<Strict<O>>>['values'];

/** The values of a command line that takes only known flags and no positionals. */
export function flags<const O extends Options>(args: string[], options: O): Flags<O> {
  return parseArgs<Strict<O>>({ args, options, strict: true, allowPositionals: false }).values;
}

// A flag with a default is always a string; the overload keeps that for required fields.
export function num(flag: string, v: string): number;
export function num(flag: string, v: string | undefined): number | undefined;
export function num(flag: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^-?\d+(\.\d+)?$/.test(v.trim())) throw new UsageError(`--${flag} must be a number, got "${v}"`);
  return Number(v);
}

export function intFlag(flag: string, v: string, min: number, max: number): number;
export function intFlag(flag: string, v: string | undefined, min: number, max: number): number | undefined;
export function intFlag(flag: string, v: string | undefined, min: number, max: number): number | undefined {
  const n = num(flag, v);
  if (n !== undefined && (!Number.isInteger(n) || n < min || n > max))
    throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}, got "${v}"`);
  return n;
}

/** "--flag -1" → "--flag=-1": node's parseArgs takes a value starting with "-" for another flag. */
export function joinNegativeValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = argv[i + 1];
    if (/^--[a-z-]+$/.test(a) && next !== undefined && /^-\d/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

/** An input file; a missing or unreadable one is the user's to fix (exit 2). */
export function readInput(path: string, flag?: string): Uint8Array {
  try {
    return readFileSync(resolve(path));
  } catch (e) {
    const what = flag === undefined ? path : `--${flag} ${path}`;
    throw new UsageError(`cannot read ${what}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
