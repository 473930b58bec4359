/**
 * `atelier augment benchmark`: the table a paper would print (best of each row in bold), the
 * flags parsed, and bad command lines refused with one line on stderr and exit 2. (The benchmark
 * run itself is tested through the services in datasets/glyphs/benchmark-job.integration.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import type { DatasetsBenchmark } from '../../preload/contract';
// ./testing loads ../cli (and so ./augment) first: ./augment-benchmark and ./augment import each
// other, and ./augment must be the one loaded first.
import { captureOutput, refusesEach } from './testing';
import { formatBenchmark, parseKs } from './augment-benchmark';

const printed = captureOutput();

const arm = (values: number[], mean: number, sd: number) => ({ mean, sd, perSeed: values });
const result: DatasetsBenchmark = {
  characters: 62,
  fonts: { found: 37, families: 6, test: 12 },
  seeds: [1, 2],
  steps: 500,
  augmentK: 4,
  rows: [
    {
      k: 1,
      counts: { train: 62, synthetic: 248, test: 744 },
      arms: {
        none: arm([0.5, 0.52], 0.51, 0.0141),
        classic: arm([0.5, 0.5], 0.5, 0),
        'vae-posterior': arm([0.6, 0.62], 0.61, 0.0141),
      },
    },
    {
      k: 3,
      counts: { train: 186, synthetic: 744, test: 744 },
      arms: {
        none: arm([0.8, 0.8], 0.8, 0),
        classic: arm([0.8, 0.8], 0.8, 0),
        'vae-posterior': arm([0.7, 0.7], 0.7, 0),
      },
    },
  ],
  protocol: 'The split.',
};

describe('formatBenchmark', () => {
  it('prints a row per k with mean ± sd in %, the best of each row in bold (ties too), and the protocol', () => {
    const lines = formatBenchmark(result).split('\n');
    expect(lines[0]).toBe(
      '| k (fonts per character) | train / synthetic / test images | none (real only) | classic transforms | VAE posterior |',
    );
    expect(lines[2]).toBe('| 1 | 62 / 248 / 744 | 51.0 ± 1.4 | 50.0 ± 0.0 | **61.0 ± 1.4** |');
    expect(lines[3]).toBe('| 3 | 186 / 744 / 744 | **80.0 ± 0.0** | **80.0 ± 0.0** | 70.0 ± 0.0 |');
    expect(lines.at(-1)).toMatch(/seeds 1, 2; 62 classes, 500 training steps .* The split\.$/);
  });
});

describe('atelier augment benchmark flags', () => {
  it('reads --ks lists', () => {
    expect(parseKs('1, 3,5')).toEqual([1, 3, 5]);
    expect(() => parseKs('0')).toThrow(/--ks must be a whole number from 1 to 8/);
    expect(() => parseKs('1,2,3,4,5,6,7,8,1')).toThrow(/at most 8/);
  });

  const bad: [string[], RegExp][] = [
    [['--ks', '1,x'], /--ks must be a/],
    [['--augment-k', '17'], /--augment-k must be a whole number from 1 to 16/],
    [['--steps', '0'], /--steps must be a whole number from 1/],
    [['--seeds', '1,-2'], /--seeds must be a whole number/],
    [['--fonts', 'all'], /Unknown option '--fonts'/],
  ];
  refusesEach(bad, printed, { prefix: ['augment', 'benchmark'] });
});
