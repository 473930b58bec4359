/**
 * `atelier augment` through the real services: a run writes the dataset and prints its result as
 * JSON (progress on stderr), `augment evaluate` prints the table and JSON, and bad command lines
 * are one line on stderr with exit 2.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli';
import { tinyImageFolder } from '../services/datasets/testing';
import { parseSeeds, parseSet } from './augment';
import { captureOutput, cliTempDir, refusesEach } from './testing';

const dir = cliTempDir('atelier-cli-augment-');
const { data } = dir;
const input = tinyImageFolder(dir.path);
const out = join(dir.path, 'out');

const printed = captureOutput();
const { stdout, stderr } = printed;

describe('atelier augment', () => {
  it('augments a folder, prints the result as JSON and progress on stderr', async () => {
    const argv = [
      'augment',
      '--in',
      input,
      '--out',
      out,
      '--k',
      '2',
      '--seed',
      '3',
      '--set',
      'flip=1',
      ...data,
    ];
    expect(await runCli(argv)).toBe(0);
    const r = JSON.parse(stdout.join('\n')) as { written: number; manifestPath: string; cardPath: string };
    expect(r.written).toBe(18);
    expect(existsSync(r.manifestPath)).toBe(true);
    expect(readFileSync(r.cardPath, 'utf8')).toContain("--set 'flip=1'");
    expect(stderr.join('')).toMatch(/\d+\/21 items/);
  });

  it('evaluate prints the table and the numbers as JSON', async () => {
    const argv = [
      'augment',
      'evaluate',
      '--in',
      input,
      '--augmented',
      out,
      '--seeds',
      '1,2',
      '--steps',
      '10',
    ];
    expect(await runCli([...argv, ...data])).toBe(0);
    expect(stdout[0]).toMatch(/^real only {10}\d+\.\d% ± \d+\.\d%$/m);
    expect(stdout[0]).toMatch(/^difference {9}[+-]\d+\.\d% ± /m);
    expect(JSON.parse(stdout[1]!)).toMatchObject({ seeds: [1, 2], classes: ['cat', 'dog'] });
  });

  const bad: [string[], RegExp][] = [
    [['augment', '--out', out], /--in DIR is required/],
    [['augment', '--in', input], /--out DIR is required/],
    [
      ['augment', '--in', input, '--out', out, '--k', '0'],
      /--k must be a whole number from 1 to 64, got "0"/,
    ],
    [
      ['augment', '--in', input, '--out', out, '--method', 'paint'],
      /Method must be "classic", "vae-posterior", "diffusion-img2img" or "texture-resynthesis"/,
    ],
    [['augment', '--in', input, '--out', join(input, 'x')], /output folder must be outside the input folder/],
    [['augment', '--in', input, '--out', out, '--set', 'flip'], /--set takes key=value/],
    [['augment', '--in', input, '--out', out, '--colour', 'red'], /Unknown option '--colour'/],
    [['augment', 'evaluate', '--in', input], /--augmented DIR is required/],
    [
      ['augment', 'evaluate', '--in', input, '--augmented', out, '--seeds', '1,x'],
      /--seeds must be a number/,
    ],
  ];
  refusesEach(bad, printed, {
    suffix: data,
    name: (argv) => argv.slice(1).join(' ').replaceAll(dir.path, '…'),
  });
});

describe('parsing', () => {
  it('reads --set values as JSON where they are, else as text, and seed lists', () => {
    expect(parseSet('flip=0.5')).toEqual(['flip', 0.5]);
    expect(parseSet('crop=null')).toEqual(['crop', null]);
    expect(parseSet('name=plain')).toEqual(['name', 'plain']);
    expect(parseSeeds('1, 2,3')).toEqual([1, 2, 3]);
    expect(() => parseSeeds('1,-2')).toThrow(/--seeds must be a whole number/);
  });
});
