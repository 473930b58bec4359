/** The usage text is generated from the subcommand table: every command shows, help is not an error. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../cli';
import { commands } from './commands';

let out: string[] = [];
let err: string[] = [];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
});
afterEach(() => vi.restoreAllMocks());

describe('atelier help', () => {
  it('lists every subcommand of the table on stdout and exits 0', async () => {
    expect(await runCli(['--help'])).toBe(0);
    expect(err).toEqual([]);
    const text = out.join('\n');
    for (const c of commands) expect(text).toContain(`  atelier ${c.name}`);
    // Continuation lines sit under the flags of the form above them.
    expect(text).toMatch(/^ {15}\[--repetition-penalty R\]/m);
  });

  it('says models import takes text decoders and Stable Diffusion pipelines', async () => {
    await runCli(['help']);
    expect(out.join('\n')).toMatch(
      /models import FOLDER[^\n]*\n\s+text: a decoder[^\n]*\n\s+images: Stable Diffusion 1\.x/,
    );
  });

  it('prints the usage and exits 2 when no command is given', async () => {
    expect(await runCli([])).toBe(2);
    expect(out.join('\n')).toMatch(/^usage:/);
  });

  it('names the table in the unknown-command line', async () => {
    expect(await runCli(['paint'])).toBe(2);
    expect(err).toEqual([
      `atelier: unknown command "paint" (try: ${commands.map((c) => c.name).join(', ')})`,
    ]);
  });

  it('has one entry per name, each with usage lines that start with it', () => {
    expect(new Set(commands.map((c) => c.name)).size).toBe(commands.length);
    for (const c of commands) expect(c.usage[0]?.startsWith(c.name)).toBe(true);
  });
});
