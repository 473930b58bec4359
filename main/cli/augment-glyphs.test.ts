/**
 * `atelier augment glyphs` through the real services: --list prints this machine's fonts, a run
 * writes the sheet dataset and prints its result as JSON (progress on stderr), and bad command
 * lines are one line on stderr with exit 2.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli';
import { findFonts } from '../services/datasets/glyphs/fonts';
import { captureOutput, cliTempDir, refusesEach } from './testing';

const fonts = await findFonts();
const dir = cliTempDir('atelier-cli-glyphs-');
const { data } = dir;

const printed = captureOutput();
const { stdout, stderr } = printed;

describe('atelier augment glyphs', () => {
  it('--list prints the fonts this machine has as JSON', async () => {
    expect(await runCli(['augment', 'glyphs', '--list'])).toBe(0);
    expect(JSON.parse(stdout.join('\n'))).toEqual(fonts);
  });

  it.runIf(fonts.length > 0)('makes a glyph sheet dataset and prints the result as JSON', async () => {
    const out = join(dir.path, 'out');
    const argv = ['augment', 'glyphs', '--font', fonts[0]!.path, '--out', out, '--k', '1', '--spread', '1.5'];
    expect(await runCli([...argv, ...data])).toBe(0);
    const r = JSON.parse(stdout.join('\n')) as { written: number; sheets: string[]; cardPath: string };
    expect(r.written).toBe(62 * 2 - 2 * (62 - fonts[0]!.chars));
    expect(r.sheets).toHaveLength(2);
    for (const s of r.sheets) expect(existsSync(join(out, s))).toBe(true);
    expect(stderr.join('')).toMatch(/\d+\/\d+ items/);
  });

  it.runIf(fonts.length === 0)('SKIPPED: this machine has no fonts to make a sheet of', () => {
    expect(fonts).toEqual([]);
  });

  const out = join(dir.path, 'bad');
  const bad: [string[], RegExp][] = [
    [['--out', out], /--font FILE is required/],
    [['--font', '/x.ttf'], /--out DIR is required/],
    [['--font', '/x.ttf', '--out', out, '--k', '0'], /--k must be a whole number from 1 to 64/],
    [['--font', '/x.ttf', '--out', out, '--spread', 'wide'], /--spread must be a number/],
    [['--font', join(dir.path, 'none.ttf'), '--out', out], /font .*none\.ttf does not exist/i],
    [['--font', '/x.ttf', '--out', out, '--colour', 'red'], /Unknown option '--colour'/],
  ];
  refusesEach(bad, printed, {
    prefix: ['augment', 'glyphs'],
    suffix: data,
    name: (argv) => argv.join(' ').replaceAll(dir.path, '…'),
    after: () => expect(existsSync(out)).toBe(false),
  });
});
