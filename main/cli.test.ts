/** The CLI through the real services: writes the PNG, records it in the library, one-line errors. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PNG } from 'pngjs';
import { runCli } from './cli';
import { Library } from './services/library/library';
import { tempDir } from './testing/atelier';

const dir = tempDir('atelier-cli-');
afterAll(() => dir.remove());

let out: string[] = [];
let err: string[] = [];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
});
afterEach(() => vi.restoreAllMocks());

describe('atelier texture', () => {
  it('writes the PNG, says where, and records the generation in the library', async () => {
    const file = join(dir.path, 'texture.png');
    const code = await runCli([
      'texture',
      '--seed',
      '7',
      '--size',
      '256',
      '--out',
      file,
      '--data-dir',
      join(dir.path, 'data'),
    ]);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out.join('\n')).toContain(`Wrote ${file}`);
    const png = PNG.sync.read(readFileSync(file));
    expect([png.width, png.height]).toEqual([256, 256]);
    const lib = Library.open(join(dir.path, 'data'));
    try {
      const [gen] = lib.list();
      expect(gen).toMatchObject({ kind: 'texture', seed: 7, width: 256 });
      expect(readFileSync(lib.assetPath(gen!.id, 'image')).equals(readFileSync(file))).toBe(true);
    } finally {
      lib.close();
    }
  });

  const bad: Array<[string, string[], RegExp]> = [
    ['a missing --out', ['texture', '--seed', '1'], /--out FILE.png is required/],
    ['a non-numeric seed', ['texture', '--seed', 'abc', '--out', 'x.png'], /--seed must be a number/],
    ['a negative seed', ['texture', '--seed=-1', '--out', 'x.png'], /Invalid params.seed/],
    [
      'an invalid size',
      ['texture', '--seed', '1', '--size', '100', '--out', 'x.png'],
      /params.size: must be at least 256 px/,
    ],
    [
      'an unknown style',
      ['texture', '--seed', '1', '--style', 'nope', '--out', 'x.png'],
      /Unknown style "nope"/,
    ],
    ['an unknown flag', ['texture', '--bogus'], /Unknown option '--bogus'/],
    [
      'a malformed blend',
      ['texture', '--seed', '1', '--blend', 'x', '--out', 'x.png'],
      /--blend must look like/,
    ],
    ['an unknown command', ['paint'], /unknown command "paint"/],
  ];
  for (const [name, args, message] of bad) {
    it(`rejects ${name} with one line and exit code 2`, async () => {
      const code = await runCli([...args, '--data-dir', join(dir.path, 'data-bad')]);
      expect(code).toBe(2);
      expect(err).toHaveLength(1);
      expect(err[0]).toMatch(/^atelier: /);
      expect(err[0]).toMatch(message);
      expect(err[0]).not.toContain('\n');
      expect(existsSync(join(process.cwd(), 'x.png'))).toBe(false);
    });
  }
});

describe('atelier texture without its model', () => {
  it('says the model is missing in one line, exits 1, and records nothing', async () => {
    const empty = tempDir('atelier-no-models-');
    process.env.ATELIER_MODELS_DIR = empty.path;
    try {
      const code = await runCli([
        'texture',
        '--seed',
        '1',
        '--style',
        'any',
        '--out',
        join(dir.path, 'none.png'),
        '--data-dir',
        join(dir.path, 'data-nomodel'),
      ]);
      expect(code).toBe(1);
      expect(err).toEqual(['atelier: There is no model "texture" installed.']);
      expect(existsSync(join(dir.path, 'none.png'))).toBe(false);
    } finally {
      delete process.env.ATELIER_MODELS_DIR;
      empty.remove();
    }
  });
});

describe('atelier models / library', () => {
  it('lists the bundled models and the library', async () => {
    expect(await runCli(['models', '--data-dir', join(dir.path, 'data')])).toBe(0);
    expect(out.join('\n')).toMatch(/^texture\t/m);
    out = [];
    expect(await runCli(['library', '--data-dir', join(dir.path, 'data')])).toBe(0);
    expect(out.join('\n')).toMatch(/texture\t.*seed 7/);
  });
});
