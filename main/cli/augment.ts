/**
 * `atelier augment`: a folder of images in the ImageFolder layout augmented into a training set
 * (real copies, k new images each, `train/metadata.jsonl`, a README.md card), and `augment
 * evaluate`: did the synthetic images help? Progress (done/total, ETA) goes to stderr, the result
 * as JSON to stdout; evaluate prints its table first. Ctrl+C cancels (a rerun goes on from there).
 * With `--redis URL` (or `--workers` and ATELIER_REDIS_URL) the synthetic items are made by
 * batch workers (`atelier worker`, docs/batch.md): the same call with `workers: true`, the same
 * output as a local run.
 */
import { resolve } from 'node:path';
import {
  DATASET_MAX_K,
  EVALUATE_MAX_SEEDS,
  EVALUATE_MAX_STEPS,
  type DatasetsEvaluation,
} from '../../preload/contract';
import { flags, intFlag, joinNegativeValues, num } from './args';
import { UsageError } from './errors';
import * as benchmark from './augment-benchmark';
import * as glyphs from './augment-glyphs';
import * as midi from './augment-midi';
import { asJob } from './job';
import { redisUrl } from './worker';

export const name = 'augment';

export const usage = [
  'augment --in DIR --out DIR [--method M] [--k N] [--seed S] [--layout beside|apart] [--near-duplicate X] [--model ID] [--set key=value …] [--redis URL | --workers] [--lookahead W]',
  '(--redis: the items are made by batch workers, the output as a local run; --workers: the queue of ATELIER_REDIS_URL; W: sources in flight, default 16)',
  `(M: classic | vae-posterior | diffusion-img2img — --model an image model, default emoji; --set strength=0.05–1 steps=1–100 guidance=0–20 prompt='{label} …' | texture-resynthesis — --set patch=8–128 overlap=0.1–0.5 tolerance=0–1; N: 1–${DATASET_MAX_K}, X: 0–1; progress on stderr, JSON on stdout)`,
  'augment evaluate --in DIR --augmented DIR [--seeds 1,2,3] [--steps N] [--side 16|32]',
  '(evaluate: accuracy on the held-out split, real only vs real + synthetic, mean ± sd over seeds)',
  ...midi.usage,
  ...glyphs.usage,
  ...benchmark.usage,
];

/** "key=value" → [key, value]: the value as JSON when it reads as JSON (0.5, null, {…}), else text. */
export function parseSet(text: string): [string, unknown] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new UsageError(`--set takes key=value, got "${text.slice(0, 40)}"`);
  const raw = text.slice(eq + 1);
  try {
    return [text.slice(0, eq), JSON.parse(raw)];
  } catch {
    return [text.slice(0, eq), raw];
  }
}

/** "1,2,3" → [1, 2, 3]. */
export function parseSeeds(text: string): number[] {
  const parts = text.split(',');
  if (parts.length > EVALUATE_MAX_SEEDS)
    throw new UsageError(`--seeds lists ${parts.length} seeds; at most ${EVALUATE_MAX_SEEDS}`);
  return parts.map((p) => intFlag('seeds', p.trim(), 0, 0xffffffff));
}

const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;

/** The evaluation as a table a person reads. */
export function formatEvaluation(r: DatasetsEvaluation): string {
  const row = (what: string, s: { mean: number; sd: number }, sign = ''): string =>
    `${what.padEnd(18)} ${sign}${pct(s.mean)} ± ${pct(s.sd)}`;
  const d = r.difference.mean >= 0 ? '+' : '';
  return [
    `test split: ${r.testSplit} (${r.counts.test} images), train ${r.counts.train} real + ${r.counts.synthetic} synthetic, seeds ${r.seeds.join(',')}`,
    row('real only', r.realOnly.accuracy),
    row('real + synthetic', r.withSynthetic.accuracy),
    row('difference', r.difference, d),
  ].join('\n');
}

export async function run(argv: string[]): Promise<void> {
  const args = joinNegativeValues(argv);
  if (args[0] === 'evaluate') return evaluate(args.slice(1));
  if (args[0] === 'midi') return midi.run(args.slice(1));
  if (args[0] === 'glyphs') return glyphs.run(args.slice(1));
  if (args[0] === 'benchmark') return benchmark.run(args.slice(1));
  const values = flags(args, {
    in: { type: 'string' },
    out: { type: 'string' },
    method: { type: 'string', default: 'classic' },
    k: { type: 'string', default: '4' },
    seed: { type: 'string', default: '0' },
    layout: { type: 'string', default: 'beside' },
    'near-duplicate': { type: 'string' },
    model: { type: 'string' },
    set: { type: 'string', multiple: true },
    'data-dir': { type: 'string' },
    redis: { type: 'string' },
    workers: { type: 'boolean' },
    lookahead: { type: 'string' },
  });
  if (!values.in)
    throw new UsageError('--in DIR is required (a folder of class folders, or train/ and test/)');
  const lookahead = intFlag('lookahead', values.lookahead, 1, 256);
  const onWorkers = values.redis !== undefined || values.workers === true;
  if (lookahead !== undefined && !onWorkers)
    throw new UsageError('--lookahead is for a run on workers: give --redis URL too');
  if (!values.out) throw new UsageError('--out DIR is required (a new or empty folder outside --in)');
  const params = Object.fromEntries((values.set ?? []).map(parseSet));
  const nearDuplicate = num('near-duplicate', values['near-duplicate']);
  const input = {
    input: resolve(values.in),
    out: resolve(values.out),
    method: values.method,
    k: intFlag('k', values.k, 1, DATASET_MAX_K),
    seed: intFlag('seed', values.seed, 0, 0xffffffff),
    layout: values.layout,
    ...(nearDuplicate !== undefined ? { nearDuplicate } : {}),
    ...(values.model ? { model: values.model } : {}),
    ...(values.set ? { params } : {}),
  };
  const r = onWorkers
    ? await asJob(
        values['data-dir'],
        (s, jobId) => s.call('datasets.augment', { ...input, jobId, workers: true }),
        { queue: { url: redisUrl(values.redis), ...(lookahead ? { lookahead } : {}) } },
      )
    : await asJob(values['data-dir'], ({ call }, jobId) => call('datasets.augment', { ...input, jobId }));
  console.log(JSON.stringify(r, null, 2));
}

async function evaluate(args: string[]): Promise<void> {
  const values = flags(args, {
    in: { type: 'string' },
    augmented: { type: 'string' },
    seeds: { type: 'string' },
    steps: { type: 'string' },
    side: { type: 'string', default: '16' },
    'data-dir': { type: 'string' },
  });
  if (!values.in)
    throw new UsageError('--in DIR is required (the original folder, with a test/ or val/ split)');
  if (!values.augmented) throw new UsageError('--augmented DIR is required (the --out folder of augment)');
  const steps = intFlag('steps', values.steps, 1, EVALUATE_MAX_STEPS);
  const input = {
    input: resolve(values.in),
    augmented: resolve(values.augmented),
    side: intFlag('side', values.side, 16, 32),
    ...(values.seeds !== undefined ? { seeds: parseSeeds(values.seeds) } : {}),
    ...(steps !== undefined ? { steps } : {}),
  };
  const r = await asJob(values['data-dir'], ({ call }, jobId) =>
    call('datasets.evaluate', { ...input, jobId }),
  );
  console.log(formatEvaluation(r));
  console.log(JSON.stringify(r));
}
