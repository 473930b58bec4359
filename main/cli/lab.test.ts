/**
 * `atelier lab` through the CLI entry: short real training runs with the studio's engines (the
 * same command twice prints the same metrics; the file written opens as a lab and `lab info`
 * reads it), a CSV of points, and every bad command line refused in one line with exit 2 before
 * anything trains or is written.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LabSession } from '../../preload/labs/session';
import { LabStateSchema } from '../../preload/labs/state';
import { runCli } from '../cli';
import { tempDir } from '../testing/atelier';

const dir = tempDir('atelier-cli-lab-');
afterAll(() => dir.remove());
const at = (name: string): string => join(dir.path, name);

let out: string[] = [];
let err: string[] = [];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
});
afterEach(() => vi.restoreAllMocks());

/** Runs the CLI; answers its exit code, stdout and stderr lines. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string[]; stderr: string[] }> {
  out = [];
  err = [];
  const code = await runCli(args);
  return { code, stdout: [...out], stderr: [...err] };
}

describe('atelier lab train', () => {
  it('trains the GAN headless, prints its metrics as JSON, and replays them exactly', async () => {
    const args = ['lab', 'train', 'gan', '--data', 'ring8', '--steps', '40', '--seed', '3'];
    const first = await cli(...args, '--out', at('gan.json'));
    expect(first.code).toBe(0);
    expect(first.stdout).toHaveLength(1);
    const metrics = JSON.parse(first.stdout[0]!) as Record<string, number>;
    for (const k of ['loss_d', 'loss_g', 'swd', 'swdGaussian', 'modesCovered'])
      expect(Number.isFinite(metrics[k]), k).toBe(true);
    // Progress and the timing line go to stderr.
    expect(first.stderr.some((l) => l.startsWith('lab gan: 40/40'))).toBe(true);
    const again = await cli(...args);
    expect(again.code).toBe(0);
    expect(again.stdout).toEqual(first.stdout);

    // The file is a lab state with those metrics that opens (and continues) as a lab.
    const state = LabStateSchema.parse(JSON.parse(readFileSync(at('gan.json'), 'utf8')));
    expect(state.lab).toBe('gan');
    expect(state.iteration).toBe(40);
    expect(state.metrics).toEqual(metrics);
    expect(state.data.source).toEqual({ kind: 'preset', name: 'ring8', n: 1000, seed: 3 });
    const session = await LabSession.fromState(state);
    expect(session.iteration).toBe(40);
    session.train(2);
    expect(session.iteration).toBe(42);
    session.dispose();

    const info = await cli('lab', 'info', at('gan.json'));
    expect(info.code).toBe(0);
    expect(JSON.parse(info.stdout[0]!)).toMatchObject({ lab: 'gan', iteration: 40, seed: 3, metrics });
  });

  it('takes a CSV of points and the common settings as flags', async () => {
    const csv = at('points.csv');
    const rows = Array.from(
      { length: 200 },
      (_, i) => `${Math.cos(i / 7) * 10 + 50};${Math.sin(i / 7) * 10}`,
    );
    writeFileSync(csv, ['x;y', ...rows].join('\n'));
    const r = await cli(
      'lab',
      'train',
      'flow',
      '--data',
      csv,
      '--steps',
      '20',
      '--lr',
      '0.002',
      '--width',
      '16',
      '--depth',
      '1',
      '--batch',
      '32',
      '--out',
      at('flow.json'),
    );
    expect(r.code, r.stderr.join('\n')).toBe(0);
    const metrics = JSON.parse(r.stdout[0]!) as Record<string, number>;
    for (const k of ['swd', 'swdGaussian', 'densityIntegral', 'inverseError'])
      expect(Number.isFinite(metrics[k]), k).toBe(true);
    const state = LabStateSchema.parse(JSON.parse(readFileSync(at('flow.json'), 'utf8')));
    expect(state.settings).toMatchObject({ learningRate: 0.002, width: 16, depth: 1, batchSize: 32 });
    expect(state.data.source).toEqual({ kind: 'csv', name: 'points.csv' });
  });

  it('refuses bad command lines in one line with exit 2, before training or writing', async () => {
    writeFileSync(at('broken.csv'), '1,2\n3,4\nfive,6\n');
    mkdirSync(at('folder.json'), { recursive: true });
    const cases: [string[], RegExp][] = [
      [['lab', 'train', 'painting'], /lab train needs a lab: gan, vae, flow, diffusion \(got "painting"\)/],
      [['lab', 'train'], /lab train needs a lab/],
      [['lab', 'train', 'gan', '--data', 'moons'], /unknown --data "moons" \(a preset: ring8, two-moons/],
      [
        ['lab', 'train', 'gan', '--data', at('missing.csv')],
        /cannot read --data .*missing\.csv: no such file/,
      ],
      [['lab', 'train', 'gan', '--data', at('broken.csv')], /Line 3 of broken\.csv is not two numbers/],
      [['lab', 'train', 'gan', '--steps', '0'], /--steps must be a whole number from 1 to 1000000, got "0"/],
      [['lab', 'train', 'gan', '--steps', '99999999'], /--steps must be a whole number from 1 to 1000000/],
      [['lab', 'train', 'gan', '--steps', 'ten'], /--steps must be a number/],
      [['lab', 'train', 'gan', '--optimizer', 'lbfgs'], /--optimizer must be adam, sgd, rmsprop/],
      [['lab', 'train', 'gan', '--lr', '5'], /learning rate must be between/],
      [['lab', 'train', 'gan', '--set', 'loss=wasserstein'], /loss must be one of/],
      [['lab', 'train', 'gan', '--set', 'noiseDim'], /--set takes KEY=VALUE/],
      [['lab', 'train', 'gan', '--out', at('gan.png')], /must end in \.json/],
      [['lab', 'train', 'gan', '--out', at('folder.json')], /is a folder/],
      [['lab', 'train', 'gan', '--out', at('nowhere/gan.json')], /does not exist or cannot be written to/],
      [['lab', 'train', 'gan', '--colour', 'red'], /Unknown option '--colour'/],
      [['lab', 'paint'], /lab needs a subcommand: train or info \(got "paint"\)/],
      [['lab', 'info', at('broken.csv')], /is not JSON/],
      [['lab', 'info', at('nothing.json')], /cannot read .*nothing\.json: ENOENT/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout, args.join(' ')).toEqual([]);
      expect(r.stderr, args.join(' ')).toHaveLength(1);
      expect(r.stderr[0], args.join(' ')).toMatch(message);
    }
    expect(existsSync(at('nowhere'))).toBe(false);
  });

  it('lab info names where a file is not a lab state', async () => {
    writeFileSync(at('other.json'), JSON.stringify({ format: 'atelier-lab', version: 1, lab: 'gan' }));
    const r = await cli('lab', 'info', at('other.json'));
    expect(r.code).toBe(2);
    expect(r.stderr).toEqual([expect.stringMatching(/other\.json \(at seed\) /)]);
  });
});
