/**
 * `atelier latent sample --prior flow`: sheets drawn from the glyph model's flow prior through the
 * real services and the bundled models; a bad --prior refused before anything runs; a model
 * without a flow prior refused with the reason.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../cli';
import { tempDir } from '../testing/atelier';

const dir = tempDir('atelier-cli-latent-');
afterAll(() => dir.remove());
const data = ['--data-dir', join(dir.path, 'data')];

let err: string[] = [];
beforeEach(() => {
  err = [];
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
});
afterEach(() => vi.restoreAllMocks());

const sample = (out: string, ...more: string[]): Promise<number> =>
  runCli(['latent', 'sample', '--model', 'glyphs', '--seed', '3', '--out', out, ...more, ...data]);

describe('atelier latent sample --prior', () => {
  it('draws from the flow prior: seeded, and another sheet than N(0, I) with the same seed', async () => {
    const [flow, again, normal] = ['flow.png', 'again.png', 'normal.png'].map((f) => join(dir.path, f));
    expect(await sample(flow!, '--prior', 'flow')).toBe(0);
    expect(await sample(again!, '--prior', 'flow')).toBe(0);
    expect(await sample(normal!)).toBe(0);
    expect(err).toEqual([]);
    const a = PNG.sync.read(readFileSync(flow!));
    expect(a.height).toBeGreaterThan(a.width / 20);
    expect(readFileSync(again!).equals(readFileSync(flow!))).toBe(true);
    expect(readFileSync(normal!).equals(readFileSync(flow!))).toBe(false);
  });

  it('refuses an unknown prior before anything runs', async () => {
    const out = join(dir.path, 'x.png');
    const fresh = join(dir.path, 'fresh-data');
    expect(
      await runCli([
        'latent',
        'sample',
        '--model',
        'glyphs',
        '--seed',
        '1',
        '--prior',
        'uniform',
        '--out',
        out,
        '--data-dir',
        fresh,
      ]),
    ).toBe(2);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/--prior must be normal or flow \(got "uniform"\)/);
    expect(existsSync(fresh)).toBe(false);
  });

  it('says so when the model has no flow prior', async () => {
    const out = join(dir.path, 'tex.png');
    const code = await runCli([
      'latent',
      'sample',
      '--model',
      'texture-vae',
      '--seed',
      '1',
      '--prior',
      'flow',
      '--out',
      out,
      ...data,
    ]);
    expect(code).not.toBe(0);
    expect(err.join('\n')).toMatch(/no flow prior/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('atelier latent encode with several glyphs of one font', () => {
  let out: string[] = [];
  beforeEach(() => {
    out = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  });

  /** Glyph files of one style: the same seed's sample, one character each. */
  async function glyphFiles(chars: string): Promise<string[]> {
    const files = [];
    for (const c of chars) {
      const f = join(dir.path, `glyph-${c.charCodeAt(0)}.png`);
      expect(await sample(f, '--text', c)).toBe(0);
      files.push(f);
    }
    return files;
  }

  it('draws the text from the combined posterior and prints it as JSON', async () => {
    const files = await glyphFiles('agH');
    const sheet = join(dir.path, 'sheet.png');
    const pairs = files.flatMap((f, i) => ['--in', f, '--char', 'agH'[i]!]);
    const args = [
      'latent',
      'encode',
      '--model',
      'glyphs',
      ...pairs,
      '--text',
      'Hamburgefonts',
      '--out',
      sheet,
    ];
    expect(await runCli([...args, ...data])).toBe(0);
    const printed = JSON.parse(out.at(-1)!) as { mean: number[]; std: number[]; chars: string };
    expect(printed.chars).toBe('agH');
    expect(printed.mean).toHaveLength(24);
    // Never wider than the prior (dimensions the glyphs say nothing about stay at 1), narrow where they agree.
    expect(printed.std.every((s) => s > 0 && s <= 1)).toBe(true);
    expect(printed.std.filter((s) => s < 0.5).length).toBeGreaterThanOrEqual(4);
    const png = PNG.sync.read(readFileSync(sheet));
    expect(png.width).toBeGreaterThan(5 * png.height);
    // One glyph alone is less sure of the style than the three together.
    const one = ['latent', 'encode', '--model', 'glyphs', '--in', files[0]!, '--char', 'a', '--text', 'Ham'];
    expect(await runCli([...one, '--out', join(dir.path, 'one.png'), ...data])).toBe(0);
    const single = JSON.parse(out.at(-1)!) as { std: number[] };
    const logVolume = (s: number[]) => s.reduce((a, v) => a + Math.log(v), 0);
    expect(logVolume(printed.std)).toBeLessThan(logVolume(single.std));
  });

  it('refuses unpaired flags and names the file that is not a glyph picture', async () => {
    const [a] = await glyphFiles('a');
    const sheet = join(dir.path, 'bad.png');
    const base = ['latent', 'encode', '--model', 'glyphs', '--text', 'Hi', '--out', sheet, ...data];
    expect(await runCli([...base, '--in', a!, '--in', a!, '--char', 'a'])).toBe(2);
    expect(err.at(-1)).toMatch(/give one --char per --in, in the same order \(2 --in, 1 --char\)/);
    const notes = join(dir.path, 'notes.txt');
    writeFileSync(notes, 'not a picture');
    expect(await runCli([...base, '--in', a!, '--char', 'a', '--in', notes, '--char', 'b'])).toBe(2);
    expect(err.at(-1)).toMatch(new RegExp(`--in ${notes}: Glyph 2 \\("b"\\): `));
    expect(existsSync(sheet)).toBe(false);
  });
});
