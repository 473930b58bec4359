/**
 * `atelier palette`: the argument parsing (colours, the lock string, the output line), then the
 * commands through the real services and the bundled palette model, and `palette apply` on a
 * texture the CLI generated (its --out checked before anything runs).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../cli';
import { decode, tempDir } from '../testing/atelier';
import { formatPalette, parseColors, parseLock } from './palette';
import { withAtelier } from './session';

describe('parsing', () => {
  it('reads five colours, in any case, with or without "#"', () => {
    expect(parseColors('#AABBCC, 112233,#445566,#778899,#abc')).toEqual([
      '#aabbcc',
      '#112233',
      '#445566',
      '#778899',
      '#aabbcc',
    ]);
  });

  it('refuses the wrong number of colours and names a bad one', () => {
    expect(() => parseColors('#aabbcc,#112233')).toThrow(
      /needs exactly 5 colours separated by commas, got 2/,
    );
    expect(() => parseColors('#aabbcc,,#112233,#445566,#778899')).toThrow(/got 4/);
    expect(() => parseColors('#aabbcc,#112233,#44556,#778899,#ddeeff')).toThrow(
      /colour 3 "#44556" is not a colour as #rrggbb/,
    );
  });

  it('reads a lock string: kept colours in their slots, empty and missing slots drawn', () => {
    expect(parseLock('#aabbcc,,#112233,,')).toEqual(['#aabbcc', null, '#112233', null, null]);
    expect(parseLock('#aabbcc,#112233')).toEqual(['#aabbcc', '#112233', null, null, null]);
    expect(parseLock(',,,,#ffffff')).toEqual([null, null, null, null, '#ffffff']);
    expect(parseLock('')).toEqual([null, null, null, null, null]);
  });

  it('refuses a lock string with too many slots, a bad colour, or nothing left to draw', () => {
    expect(() => parseLock('#aabbcc,,,,,')).toThrow(/--lock has 6 slots; a palette has 5/);
    expect(() => parseLock(',#zzzzzz')).toThrow(/--lock: colour 2 "#zzzzzz" is not a colour/);
    expect(() => parseLock('#aabbcc,#aabbcc,#aabbcc,#aabbcc,#aabbcc')).toThrow(
      /leave at least one slot empty/,
    );
  });

  it('writes one line: colours, log-likelihood with 2 decimals, and the percentile for score', () => {
    const p = {
      colors: ['#aabbcc', '#112233', '#445566', '#778899', '#ddeeff'],
      logLik: 12.345,
      percentile: 86.6,
    };
    expect(formatPalette(p)).toBe('#aabbcc,#112233,#445566,#778899,#ddeeff 12.35');
    expect(formatPalette(p, true)).toBe('#aabbcc,#112233,#445566,#778899,#ddeeff 12.35 87%');
    expect(formatPalette({ ...p, logLik: -3 })).toMatch(/ -3\.00$/);
  });
});

const dir = tempDir('atelier-cli-palette-');
afterAll(() => dir.remove());
const data = ['--data-dir', join(dir.path, 'data')];

let out: string[] = [];
let err: string[] = [];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
});
afterEach(() => vi.restoreAllMocks());

const LINE = /^#[0-9a-f]{6}(,#[0-9a-f]{6}){4} -?\d+\.\d\d$/;

describe('atelier palette', () => {
  it('sample prints one line per palette and replays with the same seed', async () => {
    expect(await runCli(['palette', 'sample', '--seed', '7', '--count', '4', ...data])).toBe(0);
    expect(err).toEqual([]);
    expect(out).toHaveLength(4);
    for (const l of out) expect(l).toMatch(LINE);
    const first = [...out];
    out = [];
    expect(
      await runCli(['palette', 'sample', '--seed', '7', '--count', '4', '--temperature', '1', ...data]),
    ).toBe(0);
    expect(out).toEqual(first);
  });

  it('score prints the log-likelihood and the percentile', async () => {
    expect(await runCli(['palette', 'score', '#ecd078,#d95b43,#c02942,#542437,#53777a', ...data])).toBe(0);
    expect(err).toEqual([]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^#ecd078,#d95b43,#c02942,#542437,#53777a -?\d+\.\d\d \d{1,3}%$/);
  });

  it('complete keeps the locked colours in their places', async () => {
    expect(
      await runCli([
        'palette',
        'complete',
        '--lock',
        '#aabbcc,,#112233,,',
        '--seed',
        '3',
        '--count',
        '3',
        ...data,
      ]),
    ).toBe(0);
    expect(err).toEqual([]);
    expect(out).toHaveLength(3);
    for (const l of out) {
      expect(l).toMatch(LINE);
      const colors = l.split(' ')[0]!.split(',');
      expect(colors[0]).toBe('#aabbcc');
      expect(colors[2]).toBe('#112233');
    }
  });

  const bad: [string, string[], RegExp][] = [
    [
      'a bad colour',
      ['score', '#ecd078,#d95b43,#c0294,#542437,#53777a'],
      /colour 3 "#c0294" is not a colour/,
    ],
    ['four colours', ['score', '#ecd078,#d95b43,#c02942,#542437'], /needs exactly 5 colours/],
    ['no colours', ['score'], /takes one argument/],
    ['count 0', ['sample', '--count', '0'], /--count must be a whole number from 1 to 32, got "0"/],
    [
      'count 33',
      ['complete', '--lock', '#aabbcc', '--count', '33'],
      /--count must be a whole number from 1 to 32/,
    ],
    [
      'a temperature that is not a number',
      ['sample', '--temperature', 'hot'],
      /--temperature must be a number/,
    ],
    [
      'a temperature out of range',
      ['sample', '--temperature', '5'],
      /^atelier: Temperature must be from 0 to 2\.$/,
    ],
    ['a missing --lock', ['complete', '--seed', '1'], /--lock "#aabbcc,,#112233,," is required/],
    ['a bad lock', ['complete', '--lock', '#aabbcc,#nothex'], /--lock: colour 2 "#nothex"/],
    [
      'an unknown subcommand',
      ['mix'],
      /palette needs a subcommand: sample, score, complete or apply \(got "mix"\)/,
    ],
  ];
  for (const [name, args, message] of bad)
    it(`refuses ${name} with one line and exit 2`, async () => {
      expect(await runCli(['palette', ...args, ...data])).toBe(2);
      expect(out).toEqual([]);
      expect(err).toHaveLength(1);
      expect(err[0]).toMatch(message);
    });
});

describe('atelier palette apply', () => {
  const PALETTE = '#264653,#2a9d8f,#e9c46a,#f4a261,#e76f51';
  const file = (name: string): string => join(dir.path, name);
  let textureId = '';

  it('recolours a texture from the library into FILE.png and a new library record', async () => {
    expect(await runCli(['texture', '--seed', '5', '--size', '256', '--out', file('tex.png'), ...data])).toBe(
      0,
    );
    textureId = /library id ([0-9a-f-]+)\)/.exec(out.join('\n'))![1]!;
    out = [];
    expect(
      await runCli([
        'palette',
        'apply',
        '--id',
        textureId,
        '--colors',
        PALETTE,
        '--strength',
        '0.9',
        '--out',
        file('recoloured.png'),
        ...data,
      ]),
    ).toBe(0);
    expect(err).toEqual([]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(
      /^Wrote .*recoloured\.png \(256×256, .+ · recoloured; \d+ ms; library id [0-9a-f-]+\)$/,
    );
    const png = decode(readFileSync(file('recoloured.png')));
    expect([png.width, png.height]).toEqual([256, 256]);
    expect(Buffer.compare(png.data, decode(readFileSync(file('tex.png'))).data)).not.toBe(0);
    out = [];
    expect(await runCli(['library', ...data])).toBe(0);
    expect(out.join('\n')).toMatch(/recoloured/);
  });

  const bad: [string, string[], RegExp, number][] = [
    ['a missing --id', ['--colors', PALETTE, '--out', 'x.png'], /--id GENERATION_ID is required/, 2],
    ['missing --colors', ['--id', 'abcdef12', '--out', 'x.png'], /--colors "#aabbcc,.*" is required/, 2],
    ['a missing --out', ['--id', 'abcdef12', '--colors', PALETTE], /--out FILE\.png is required/, 2],
    [
      'four colours',
      ['--id', 'abcdef12', '--colors', '#264653,#2a9d8f,#e9c46a,#f4a261', '--out', 'x.png'],
      /--colors needs exactly 5 colours separated by commas, got 4/,
      2,
    ],
    [
      'a .jpg --out',
      ['--id', 'abcdef12', '--colors', PALETTE, '--out', 'x.jpg'],
      /--out x\.jpg: this command writes PNG images, so the name must end in \.png \(not \.jpg\)/,
      2,
    ],
    [
      'an --out in a folder that is not there',
      ['--id', 'abcdef12', '--colors', PALETTE, '--out', '/nowhere/at/all/x.png'],
      /the folder \/nowhere\/at\/all does not exist/,
      2,
    ],
    [
      'a strength out of range',
      [
        '--id',
        '0123abcd-0000-4000-8000-000000000000',
        '--colors',
        PALETTE,
        '--strength',
        '2',
        '--out',
        'OUT',
      ],
      /^atelier: Strength must be from 0 to 1\.$/,
      2,
    ],
    [
      'an id that is not in the library',
      ['--id', '0123abcd-0000-4000-8000-000000000000', '--colors', PALETTE, '--out', 'OUT'],
      /No generation 0123abcd-0000-4000-8000-000000000000 in the library/,
      1,
    ],
  ];
  for (const [name, args, message, code] of bad)
    it(`refuses ${name} with one line and exit ${code}`, async () => {
      const argv = args.map((a) => (a === 'OUT' ? file('never.png') : a));
      expect(await runCli(['palette', 'apply', ...argv, ...data])).toBe(code);
      expect(out).toEqual([]);
      expect(err).toHaveLength(1);
      expect(err[0]).toMatch(message);
      expect(existsSync(file('never.png'))).toBe(false);
    });

  it('refuses a palette record with a sentence naming it, and writes nothing', async () => {
    mkdirSync(file('sub'), { recursive: true });
    const saved = await withAtelier(join(dir.path, 'data'), ({ call }) =>
      call('palette.save', { colors: PALETTE.split(',') }),
    );
    out = [];
    expect(
      await runCli([
        'palette',
        'apply',
        '--id',
        saved.id,
        '--colors',
        PALETTE,
        '--out',
        file('sub/p.png'),
        ...data,
      ]),
    ).toBe(2);
    expect(err).toEqual([
      `atelier: Generation ${saved.id} is a palette record and has no picture to recolour; a palette applies to a texture, an image or a latent glyph sheet or tile.`,
    ]);
    expect(existsSync(file('sub/p.png'))).toBe(false);
  });
});
