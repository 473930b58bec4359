/**
 * `atelier augment midi` through the real services and melody models: a run writes the dataset
 * and prints its result as JSON (progress on stderr), the card holds the command, and bad
 * command lines are one line on stderr with exit 2.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli';
import { tinyMidiFolder } from '../services/datasets/midi/testing';
import { parseMethods, parseMidiSet, usage } from './augment-midi';
import { captureOutput, cliTempDir, refusesEach } from './testing';

const dir = cliTempDir('atelier-cli-augment-midi-');
const { data } = dir;
const input = tinyMidiFolder(dir.path);
const out = join(dir.path, 'out');

const printed = captureOutput();
const { stdout, stderr } = printed;

describe('atelier augment midi', () => {
  it('augments a folder of melodies, prints the result as JSON and progress on stderr', async () => {
    const argv = ['augment', 'midi', '--in', input, '--out', out, '--methods', 'transpositions,variations'];
    argv.push('--k', '1', '--seed', '2', '--set', 'semitones=-5,7', '--set', 'spread=1', ...data);
    expect(await runCli(argv)).toBe(0);
    const r = JSON.parse(stdout.join('\n')) as {
      written: number;
      corrupt: { path: string }[];
      manifestPath: string;
      cardPath: string;
    };
    // 4 readable melodies: each copied, one transposition and one variation.
    expect(r.written).toBe(12);
    expect(r.corrupt.map((c) => c.path)).toEqual(['train/reel/broken.mid']);
    expect(existsSync(r.manifestPath)).toBe(true);
    const card = readFileSync(r.cardPath, 'utf8');
    expect(card).toContain(
      "atelier augment midi --in INPUT --out OUTPUT --methods variations,transpositions --k 1 --seed 2 --set 'semitones=[-5,7]' --set 'spread=1'",
    );
    expect(stderr.join('')).toMatch(/\d+\/15 items/);
  });

  const bad: [string[], RegExp][] = [
    [['augment', 'midi', '--out', out], /--in DIR is required/],
    [['augment', 'midi', '--in', input], /--out DIR is required/],
    [
      ['augment', 'midi', '--in', input, '--out', out, '--methods', 'remix'],
      /--methods takes variations, continuations, transpositions; got "remix"/,
    ],
    [
      ['augment', 'midi', '--in', input, '--out', out, '--k', '0'],
      /--k must be a whole number from 1 to 64, got "0"/,
    ],
    [
      ['augment', 'midi', '--in', input, '--out', out, '--set', 'bars=40'],
      /Parameter "bars" must be from 1 to 16/,
    ],
    [
      ['augment', 'midi', '--in', input, '--out', join(input, 'x')],
      /output folder must be outside the input folder/,
    ],
    [
      ['augment', 'midi', '--in', input, '--out', out, '--near-duplicate', 'far'],
      /--near-duplicate must be a number/,
    ],
    [['augment', 'midi', '--in', input, '--out', out, '--tempo', '90'], /Unknown option '--tempo'/],
  ];
  refusesEach(bad, printed, {
    suffix: data,
    name: (argv) => argv.slice(2).join(' ').replaceAll(dir.path, '…'),
  });
});

describe('parsing', () => {
  it('reads semitone lists and method lists', () => {
    expect(parseMidiSet('semitones=-5,2, 7')).toEqual(['semitones', [-5, 2, 7]]);
    expect(parseMidiSet('semitones=[3]')).toEqual(['semitones', [3]]);
    expect(parseMidiSet('keyLock=false')).toEqual(['keyLock', false]);
    expect(parseMethods('variations, transpositions')).toEqual(['variations', 'transpositions']);
    expect(() => parseMethods(',')).toThrow(/at least one method/);
  });

  it('shows its usage under augment', () => {
    expect(usage[0]).toMatch(/^augment midi --in DIR --out DIR/);
  });
});
