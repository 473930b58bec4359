/**
 * `atelier latent sample --prior flow`: sheets drawn from the glyph model's flow prior through the
 * real services and the bundled models; a bad --prior refused before anything runs; a model
 * without a flow prior refused with the reason.
 */
import { existsSync, readFileSync } from 'node:fs';
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
