/**
 * `datasets.benchmark` as a job (kind `datasets`, progress with an ETA, `jobs.cancel`): the
 * built-in few-shot glyph recognition benchmark of ./benchmark-run.ts over the fonts this
 * machine has, no augmentation vs classic transforms vs VAE-posterior sampling with the bundled
 * glyph VAE. Nothing is written to disk.
 */
import { randomUUID } from 'node:crypto';
import type { DatasetsBenchmark, DatasetsBenchmarkInput } from '../../../../preload/contract';
import { CLASSIFIER_DEFAULTS } from '../../../../preload/labs/classifier';
import type { ServiceDeps } from '../../section';
import { classicMethod, type Method } from '../method';
import { vaePosteriorMethod } from '../method-vae';
import { DEFAULT_VAE_MODEL } from '../methods';
import { BENCHMARK_SEEDS, runBenchmark } from './benchmark-run';

type Input = Omit<DatasetsBenchmarkInput, 'ks' | 'augmentK'> & { ks: number[]; augmentK: number };

export async function benchmarkJob(
  deps: ServiceDeps,
  input: Input,
  dirs?: readonly string[],
): Promise<DatasetsBenchmark> {
  const vae = (await vaePosteriorMethod(deps, DEFAULT_VAE_MODEL)) as Method;
  const seeds = input.seeds ?? [...BENCHMARK_SEEDS];
  return deps.jobs.run(
    input.jobId ?? randomUUID(),
    (ctx) =>
      runBenchmark({
        ks: input.ks,
        augmentK: input.augmentK,
        seeds,
        steps: input.steps ?? CLASSIFIER_DEFAULTS.steps,
        classic: classicMethod as Method,
        vae,
        ...(dirs ? { dirs } : {}),
        signal: ctx.signal,
        onProgress: (f, message) => ctx.progress('inference', f, message),
      }),
    { kind: 'datasets', label: 'Few-shot glyph benchmark', seed: seeds[0] ?? null, count: 0 },
  );
}
