/**
 * `atelier augment benchmark`: the built-in few-shot glyph recognition benchmark over the fonts
 * this machine has (no augmentation vs classic transforms vs VAE-posterior sampling, k training
 * fonts per character). Progress on stderr; a Markdown table (mean ± sd test accuracy over the
 * seeds, the best of each row in bold) then the result as JSON on stdout. Ctrl+C cancels.
 */
import {
  BENCHMARK_ARMS,
  BENCHMARK_MAX_K,
  EVALUATE_MAX_STEPS,
  type DatasetsBenchmark,
} from '../../preload/contract';
import { flags, intFlag } from './args';
import { parseSeeds } from './augment';
import { UsageError } from './errors';
import { asJob } from './job';

export const usage = [
  'augment benchmark [--ks 1,3,5] [--augment-k N] [--seeds 1,2,3] [--steps N]',
  `(few-shot glyph recognition on this machine's fonts: none vs classic vs vae-posterior; k: 1–${BENCHMARK_MAX_K}, N: 1–16)`,
];

/** "1,3,5" → [1, 3, 5]. */
export function parseKs(text: string): number[] {
  const parts = text.split(',');
  if (parts.length > BENCHMARK_MAX_K)
    throw new UsageError(`--ks lists ${parts.length} values; at most ${BENCHMARK_MAX_K}`);
  return parts.map((p) => intFlag('ks', p.trim(), 1, BENCHMARK_MAX_K));
}

const NAMES: Record<(typeof BENCHMARK_ARMS)[number], string> = {
  none: 'none (real only)',
  classic: 'classic transforms',
  'vae-posterior': 'VAE posterior',
};

/** The result as a paper's table: a row per k, a column per arm, mean ± sd accuracy in %, best in bold. */
export function formatBenchmark(r: DatasetsBenchmark): string {
  const pct = (v: number): string => (v * 100).toFixed(1);
  const lines = [
    `| k (fonts per character) | train / synthetic / test images | ${BENCHMARK_ARMS.map((a) => NAMES[a]).join(' | ')} |`,
    `| ---: | ---: | ${BENCHMARK_ARMS.map(() => '---:').join(' | ')} |`,
  ];
  for (const row of r.rows) {
    const best = Math.max(...BENCHMARK_ARMS.map((a) => row.arms[a].mean));
    const cells = BENCHMARK_ARMS.map((a) => {
      const s = row.arms[a];
      const text = `${pct(s.mean)} ± ${pct(s.sd)}`;
      return s.mean === best ? `**${text}**` : text;
    });
    lines.push(
      `| ${row.k} | ${row.counts.train} / ${row.counts.synthetic} / ${row.counts.test} | ${cells.join(' | ')} |`,
    );
  }
  lines.push(
    '',
    `Test accuracy (%), mean ± sd over seeds ${r.seeds.join(', ')}; ${r.characters} classes, ${r.steps} training steps per arm, ` +
      `${r.augmentK} synthetic images per real glyph in the augmented arms. ${r.protocol}`,
  );
  return lines.join('\n');
}

export async function run(args: string[]): Promise<void> {
  const values = flags(args, {
    ks: { type: 'string', default: '1,3,5' },
    'augment-k': { type: 'string', default: '4' },
    seeds: { type: 'string' },
    steps: { type: 'string' },
    'data-dir': { type: 'string' },
  });
  const steps = intFlag('steps', values.steps, 1, EVALUATE_MAX_STEPS);
  const input = {
    ks: parseKs(values.ks),
    augmentK: intFlag('augment-k', values['augment-k'], 1, 16),
    ...(values.seeds !== undefined ? { seeds: parseSeeds(values.seeds) } : {}),
    ...(steps !== undefined ? { steps } : {}),
  };
  const r = await asJob(values['data-dir'], ({ call }, jobId) =>
    call('datasets.benchmark', { ...input, jobId }),
  );
  console.log(formatBenchmark(r));
  console.log(JSON.stringify(r));
}
