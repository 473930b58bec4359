/**
 * The Datasets section: `datasets.augment` (an ImageFolder into an augmented training set, with
 * a manifest and a card) and `datasets.evaluate` (did the synthetic images help?), both as jobs
 * with progress and cancel. Paths come from a page and are checked before anything is read or
 * written (./folders.ts).
 */
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { AtelierError, invalid, type DatasetsEvaluation } from '../../../preload/contract';
import { evaluateAugmentation } from '../../../preload/labs/evaluate';
import { ClassifierCancelledError, ClassifierInputError } from '../../../preload/labs/classifier';
import type { Section, ServiceDeps } from '../section';
import { loadEvaluationSets } from './evaluate-folder';
import { checkAugmentFolders, checkEvaluateFolders } from './folders';
import { METHODS, type MethodFactory } from './methods';
import { augmentImageFolder, type AugmentProgress } from './run';

/** "12/40 items · about 8 s left" */
export function progressMessage(p: Pick<AugmentProgress, 'done' | 'total' | 'etaMs'>): string {
  const eta = p.etaMs === null ? '' : ` · about ${formatEta(p.etaMs)} left`;
  return `${p.done}/${p.total} items${eta}`;
}

export function formatEta(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  if (s < 90) return `${s} s`;
  const m = Math.round(s / 60);
  return m < 90 ? `${m} min` : `${Math.round(m / 6) / 10} h`;
}

export function createDatasetsSection(
  deps: ServiceDeps,
  methods: Record<string, MethodFactory | null> = METHODS,
): Section<'datasets'> {
  return {
    async augment(input) {
      const factory = methods[input.method];
      if (!factory)
        throw new AtelierError({
          code: 'unsupported',
          message: `The ${input.method} method is not available in this version of Atelier.`,
          field: 'method',
        });
      const folders = await checkAugmentFolders(input.input, input.out, deps.dataDir);
      const method = await factory(deps, input.model);
      // The method checks its own params before the job starts, so a bad one is a refusal.
      try {
        method.params(input.params);
      } catch (e) {
        if (e instanceof AtelierError) throw e;
        throw invalid(`The ${input.method} parameters are not valid: ${paramsReason(e)}`, 'params');
      }
      return deps.jobs.run(
        input.jobId ?? randomUUID(),
        async (ctx) => {
          ctx.progress('preparing', 0, 'Counting images');
          return augmentImageFolder({
            ...folders,
            method,
            params: input.params,
            k: input.k,
            seed: input.seed,
            layout: input.layout,
            nearDuplicate: input.nearDuplicate,
            title: `${basename(folders.input)}, augmented`,
            command: augmentCommand(input),
            signal: ctx.signal,
            onProgress: (p) => ctx.progress('inference', p.total ? p.done / p.total : 1, progressMessage(p)),
          });
        },
        { kind: 'datasets', label: `Augment · ${basename(folders.input)}`, seed: input.seed, count: 0 },
      );
    },

    async evaluate(input) {
      const folders = await checkEvaluateFolders(input.input, input.augmented, deps.dataDir);
      return deps.jobs.run(
        input.jobId ?? randomUUID(),
        async (ctx): Promise<DatasetsEvaluation> => {
          ctx.progress('preparing', 0, 'Reading images');
          const sets = await loadEvaluationSets(folders.input, folders.augmented, input.side, ctx.signal);
          let shown = -1;
          try {
            const r = await evaluateAugmentation({
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
          } catch (e) {
            if (e instanceof ClassifierCancelledError)
              throw new AtelierError({ code: 'cancelled', message: e.message });
            if (e instanceof ClassifierInputError)
              throw invalid(`The evaluation cannot run on these folders: ${e.message}.`, 'input');
            throw e;
          }
        },
        {
          kind: 'datasets',
          label: `Evaluate · ${basename(folders.input)}`,
          seed: input.seeds?.[0] ?? null,
          count: 0,
        },
      );
    },
  };
}

function paramsReason(e: unknown): string {
  const issues = (e as { issues?: { message: string; path: PropertyKey[] }[] }).issues;
  if (issues?.[0]) {
    const at = issues[0].path.map(String).join('.');
    return `${at ? `${at}: ` : ''}${issues[0].message}.`;
  }
  return `${(e as Error).message}.`;
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
