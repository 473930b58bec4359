/**
 * The Datasets section: `datasets.augment` (an ImageFolder into an augmented training set, with
 * a manifest and a card), `datasets.evaluate` (did the synthetic images help? ./evaluate-job.ts),
 * `datasets.card` (./card-read.ts), `datasets.samples` (./samples.ts), `datasets.augmentMidi` (./midi/), `datasets.glyphSheet` and
 * `datasets.benchmark` (./glyphs/), each long one a job with progress and cancel. Paths come from a page and are checked before anything is read or
 * written (./folders.ts).
 */
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { invalid } from '../../../preload/contract';
import type { Section, ServiceDeps } from '../section';
import { readDatasetCard } from './card-read';
import { evaluateJob } from './evaluate-job';
import { generateItems } from './generate';
import { checkAugmentFolders } from './folders';
import { benchmarkJob } from './glyphs/benchmark-job';
import { glyphSheetJob } from './glyphs/sheet-job';
import { augmentMidiJob } from './midi/job';
import { openWorkersRun } from './method-remote';
import { checkedParams, methodFactory, METHODS, type MethodFactory } from './methods';
import { progressMessage } from './progress';
import { augmentImageFolder } from './run';
import { datasetSamples } from './samples';

export function createDatasetsSection(
  deps: ServiceDeps,
  methods: Record<string, MethodFactory | null> = METHODS,
): Section<'datasets'> {
  return {
    async augment(input) {
      const factory = methodFactory(methods, input.method);
      const { queue } = deps;
      if (input.workers && !queue)
        throw invalid(
          'This Atelier has no batch queue, so it cannot run on workers: start it with --redis URL (or ATELIER_REDIS_URL), or leave workers off.',
          'workers',
        );
      const folders = await checkAugmentFolders(input.input, input.out, deps.dataDir);
      const method = await factory(deps, input.model);
      // The method checks its own params before the job starts, so a bad one is a refusal.
      checkedParams(method, input.method, input.params);
      return deps.jobs.run(
        input.jobId ?? randomUUID(),
        async (ctx) => {
          ctx.progress('preparing', 0, 'Counting images');
          // On workers: the same run with the items made through the queue (./method-remote.ts).
          const remote =
            input.workers && queue
              ? await openWorkersRun(queue, method, {
                  method: input.method,
                  model: input.model,
                  params: input.params,
                  out: folders.out,
                })
              : null;
          try {
            return await augmentImageFolder({
              ...folders,
              method: remote?.method ?? method,
              lookahead: remote?.lookahead ?? 1,
              params: input.params,
              k: input.k,
              seed: input.seed,
              layout: input.layout,
              nearDuplicate: input.nearDuplicate,
              title: `${basename(folders.input)}, augmented`,
              command: augmentCommand(input),
              signal: ctx.signal,
              onProgress: (p) =>
                ctx.progress(
                  'inference',
                  p.total ? p.done / p.total : 1,
                  progressMessage(p) + (remote?.note(p.done) ?? ''),
                ),
            });
          } finally {
            await remote?.close();
          }
        },
        { kind: 'datasets', label: `Augment · ${basename(folders.input)}`, seed: input.seed, count: 0 },
      );
    },

    evaluate: (input) => evaluateJob(deps, input),
    card: (input) => readDatasetCard(input.out, deps.dataDir),
    samples: (input) => datasetSamples(input, deps.dataDir),
    augmentMidi: (input) => augmentMidiJob(deps, input),
    glyphSheet: (input) => glyphSheetJob(deps, input),
    benchmark: (input) => benchmarkJob(deps, input),
    generate: (input) => generateItems(deps, input, methods),
  };
}

/**
 * The command line that makes the same dataset, for its card. The folders are left as INPUT and
 * OUTPUT: a card is shared with the dataset, so it must not show where the user keeps files,
 * and the same run gives the same card wherever its output lies.
 */
function augmentCommand(i: Parameters<Section<'datasets'>['augment']>[0]): string {
  const parts = ['atelier augment --in INPUT --out OUTPUT', '--method', i.method, '--k', String(i.k)];
  parts.push('--seed', String(i.seed), '--layout', i.layout);
  if (i.nearDuplicate) parts.push('--near-duplicate', String(i.nearDuplicate));
  if (i.model) parts.push('--model', i.model);
  for (const [key, v] of Object.entries(i.params ?? {})) parts.push('--set', `'${key}=${JSON.stringify(v)}'`);
  return parts.join(' ');
}
