/**
 * "Did the synthetic data help?": train the classifier on the real training set alone and on real
 * + synthetic, over several seeds, and test both on held-out real data.
 *
 * The protocol, so the numbers mean one thing:
 * - both arms train for the same number of steps with the same settings (equal compute: more
 *   data must not win by training longer), and for each seed both start from the same initial
 *   weights (the seed draws them first), so the per-seed differences are paired;
 * - the synthetic items are pooled with the real ones and batches are drawn uniformly from the pool;
 * - sd is the sample standard deviation over seeds (0 for one seed); the difference is
 *   with-synthetic minus real-only, summarised from the paired per-seed differences;
 * - the test set is only predicted, never trained on.
 * Deterministic: the same inputs and seeds give the same numbers bit for bit.
 */
import { trainClassifier, type ClassifierOptions } from './classifier';
import { checkClasses, checkRows, refuse, type LabelledRows } from './classifier-input';

export { fewShotSplit, type FewShotOptions, type FewShotSplit, type GroupKey } from './classifier-split';
export type { LabelledRows } from './classifier-input';

/** Synthetic items with, for each, the index of the real training item it was made from. */
export interface SyntheticRows extends LabelledRows {
  source: Int32Array;
}

export type TrainingSettings = Pick<
  ClassifierOptions,
  'steps' | 'batchSize' | 'learningRate' | 'width' | 'depth' | 'optimizer'
>;

export interface EvaluateOptions {
  train: LabelledRows;
  synthetic: SyntheticRows;
  test: LabelledRows;
  classes: number;
  side?: number;
  /** Default {@link EVALUATION_SEEDS}. */
  seeds?: readonly number[];
  /** The classifier's settings, the same for both arms (defaults: CLASSIFIER_DEFAULTS). */
  training?: TrainingSettings;
  /** The fraction of the whole evaluation done, after every training step. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

export const EVALUATION_SEEDS: readonly number[] = [1, 2, 3, 4, 5];

export interface Summary {
  mean: number;
  sd: number;
}

export interface ArmResult {
  accuracy: Summary;
  /** Test accuracy for each seed, in the order of `seeds`. */
  perSeed: number[];
  /** Each class's test accuracy, mean over seeds; null for a class with no test items. */
  perClass: (number | null)[];
}

export interface Evaluation {
  seeds: number[];
  counts: { train: number; synthetic: number; test: number; testPerClass: number[] };
  realOnly: ArmResult;
  withSynthetic: ArmResult;
  /** withSynthetic − realOnly: mean and sd of the paired per-seed differences. */
  difference: Summary & { perSeed: number[]; perClass: (number | null)[] };
}

export async function evaluateAugmentation(o: EvaluateOptions): Promise<Evaluation> {
  checkClasses(o.classes);
  const dim = checkRows(o.train, o.classes, 'train');
  checkRows(o.synthetic, o.classes, 'synthetic', dim);
  checkRows(o.test, o.classes, 'test', dim);
  checkSources(o.synthetic, o.train);
  const seeds = [...(o.seeds ?? EVALUATION_SEEDS)];
  if (seeds.length === 0) refuse('seeds is empty: give at least one seed', 'seeds');
  seeds.forEach((s, i) => {
    if (!Number.isInteger(s) || s < 0 || s > 0xffffffff)
      refuse(`seeds[${i}] is ${s}; a seed is a whole number from 0 to 4294967295`, 'seeds');
  });

  const pooled: LabelledRows = {
    x: concat(o.train.x, o.synthetic.x),
    y: Int32Array.from([...o.train.y, ...o.synthetic.y]),
  };
  const runs = seeds.length * 2;
  let run = 0;
  const accuracyOf = async (rows: LabelledRows, seed: number): Promise<number[]> => {
    const base = run++;
    const clf = await trainClassifier({
      ...o.training,
      ...rows,
      classes: o.classes,
      side: o.side,
      seed,
      signal: o.signal,
      onProgress: o.onProgress && ((f) => o.onProgress!((base + f) / runs)),
    });
    try {
      return classAccuracy(clf.predict(o.test.x), o.test.y, o.classes);
    } finally {
      clf.dispose();
    }
  };

  const real: number[][] = [];
  const mixed: number[][] = [];
  for (const seed of seeds) {
    real.push(await accuracyOf(o.train, seed));
    mixed.push(await accuracyOf(pooled, seed));
  }
  const realOnly = arm(real, o.classes);
  const withSynthetic = arm(mixed, o.classes);
  const diffs = seeds.map((_, i) => withSynthetic.perSeed[i]! - realOnly.perSeed[i]!);
  return {
    seeds,
    counts: {
      train: o.train.y.length,
      synthetic: o.synthetic.y.length,
      test: o.test.y.length,
      testPerClass: counts(o.test.y, o.classes),
    },
    realOnly,
    withSynthetic,
    difference: {
      ...summary(diffs),
      perSeed: diffs,
      perClass: realOnly.perClass.map((r, c) => (r === null ? null : withSynthetic.perClass[c]! - r)),
    },
  };
}

/** Test accuracy overall and per class of one trained classifier: [overall, class 0, class 1, …] (NaN: no items). */
export function classAccuracy(predicted: Int32Array, truth: Int32Array, classes: number): number[] {
  if (predicted.length !== truth.length)
    refuse(`${predicted.length} predictions for ${truth.length} labels`, 'predicted');
  const right = new Array<number>(classes).fill(0);
  const all = counts(truth, classes);
  let correct = 0;
  for (let i = 0; i < truth.length; i++) {
    if (predicted[i] === truth[i]) {
      correct++;
      right[truth[i]!]!++;
    }
  }
  return [correct / truth.length, ...right.map((r, c) => (all[c]! > 0 ? r / all[c]! : NaN))];
}

/** The rows `indices` of `rows` (e.g. a few-shot split's train or test). */
export function selectRows(rows: LabelledRows, indices: ArrayLike<number>): LabelledRows {
  const dim = rows.y.length > 0 ? rows.x.length / rows.y.length : 0;
  const x = new Float32Array(indices.length * dim);
  const y = new Int32Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const k = indices[i]!;
    if (!(k >= 0 && k < rows.y.length)) refuse(`index ${k} is outside the ${rows.y.length} items`, 'indices');
    x.set(rows.x.subarray(k * dim, (k + 1) * dim), i * dim);
    y[i] = rows.y[k]!;
  }
  return { x, y };
}

export function summary(values: readonly number[]): Summary {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  if (values.length < 2) return { mean, sd: 0 };
  const ss = values.reduce((s, v) => s + (v - mean) * (v - mean), 0);
  return { mean, sd: Math.sqrt(ss / (values.length - 1)) };
}

function arm(perSeed: number[][], classes: number): ArmResult {
  const overall = perSeed.map((a) => a[0]!);
  const perClass = Array.from({ length: classes }, (_, c) => {
    const values = perSeed.map((a) => a[c + 1]!);
    return Number.isNaN(values[0]) ? null : summary(values).mean;
  });
  return { accuracy: summary(overall), perSeed: overall, perClass };
}

function counts(y: Int32Array, classes: number): number[] {
  const out = new Array<number>(classes).fill(0);
  for (const label of y) out[label]!++;
  return out;
}

function concat(a: Float32Array, b: Float32Array): Float32Array {
  const out = new Float32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Every synthetic item names a real training item as its source, with the same label. */
function checkSources(synthetic: SyntheticRows, train: LabelledRows): void {
  if (synthetic.source.length !== synthetic.y.length)
    refuse(
      `synthetic.source has ${synthetic.source.length} entries but synthetic.y has ${synthetic.y.length}: give one source per item`,
      'synthetic.source',
    );
  for (let i = 0; i < synthetic.source.length; i++) {
    const s = synthetic.source[i]!;
    if (s < 0 || s >= train.y.length)
      refuse(
        `synthetic.source[${i}] is ${s}, but sources are indices of the ${train.y.length} training items`,
        'synthetic.source',
      );
    if (train.y[s] !== synthetic.y[i])
      refuse(
        `synthetic.y[${i}] is ${synthetic.y[i]} but its source, training item ${s}, is labelled ${train.y[s]}`,
        'synthetic.y',
      );
  }
}
