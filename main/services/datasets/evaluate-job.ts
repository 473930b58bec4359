/**
 * `datasets.evaluate` as a job: the folders checked, their images read (./evaluate-folder.ts),
 * then the classifiers trained on real vs real + synthetic and tested on the held-out split, in
 * the evaluation worker thread (./evaluate-thread.ts, whose `runEvaluation` the glyph benchmark
 * calls too).
 */
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { DatasetsEvaluateInput, DatasetsEvaluation } from '../../../preload/contract';
import type { ServiceDeps } from '../section';
import { loadEvaluationSets } from './evaluate-folder';
import { runEvaluation } from './evaluate-thread';
import { checkEvaluateFolders } from './folders';

export async function evaluateJob(
  deps: ServiceDeps,
  input: Omit<DatasetsEvaluateInput, 'side'> & { side: 16 | 32 },
): Promise<DatasetsEvaluation> {
  const folders = await checkEvaluateFolders(input.input, input.augmented, deps.dataDir);
  return deps.jobs.run(
    input.jobId ?? randomUUID(),
    async (ctx): Promise<DatasetsEvaluation> => {
      ctx.progress('preparing', 0, 'Reading images');
      const sets = await loadEvaluationSets(folders.input, folders.augmented, input.side, ctx.signal);
      let shown = -1;
      const r = await runEvaluation({
        train: sets.train,
        synthetic: sets.synthetic,
        test: sets.test,
        classes: sets.classes.length,
        side: input.side,
        ...(input.seeds ? { seeds: input.seeds } : {}),
        ...(input.steps ? { training: { steps: input.steps } } : {}),
        signal: ctx.signal,
        onProgress: (f) => {
          const pct = Math.floor(f * 100);
          if (pct === shown) return;
          shown = pct;
          ctx.progress('inference', 0.05 + 0.95 * f, `Training classifiers · ${pct}%`);
        },
      });
      return {
        ...r,
        classes: sets.classes,
        testSplit: sets.testSplit,
        counts: { ...r.counts, skipped: sets.skipped },
      };
    },
    {
      kind: 'datasets',
      label: `Evaluate · ${basename(folders.input)}`,
      seed: input.seeds?.[0] ?? null,
      count: 0,
    },
  );
}

export { runEvaluation } from './evaluate-thread';
