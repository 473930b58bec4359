/**
 * The page's checks of the Datasets forms: each bad field gets a sentence naming it (absolute
 * paths, whole numbers in range, seed lists), and only a clean form becomes the request for main.
 * Each form's checks are a table, field → rule, in the order the sentences are listed.
 */
import {
  DATASET_MAX_K,
  DATASET_PATH_MAX,
  EVALUATE_MAX_SEEDS,
  EVALUATE_MAX_STEPS,
  isAbsolutePath,
  MIDI_AUGMENT_METHODS,
  type DatasetsAugmentInput,
  type DatasetsAugmentMidiInput,
  type DatasetsBenchmarkInput,
  type DatasetsEvaluateInput,
  type DatasetsGlyphSheetInput,
} from '../../../preload/contract';
import { MAX_SEED } from '../shell/seed';
import type { BenchmarkForm, EvaluateForm, GlyphsForm, ImagesForm, MelodiesForm } from './form';
import { IMAGE_PARAMS, imageParams, MIDI_PARAMS, midiParams, paramProblems, parseList } from './params';

export type Problems = Record<string, string>;
export type Checked<T> = { ok: true; request: T } | { ok: false; problems: Problems };

/** A field's check: its sentence, or null when the value is fine. */
type Rule<V> = (value: V) => string | null;
/** Each field's check, in the order their sentences are listed. */
type Rules<F> = { [K in keyof F]?: Rule<F[K]> };

const path =
  (label: string): Rule<string> =>
  (p) => {
    const t = p.trim();
    if (t === '') return `${label} is missing: type its full path.`;
    if (t.length > DATASET_PATH_MAX) return `${label} must be at most ${DATASET_PATH_MAX} characters.`;
    if (!isAbsolutePath(t))
      return `${label} must be an absolute path (starting with "/", or a drive such as "C:\\"), not ${JSON.stringify(t)}.`;
    return null;
  };

/** A number from `min` to `max`; `whole`, an integer. */
const num =
  (label: string, min: number, max: number, whole = false): Rule<string> =>
  (text) => {
    const n = text.trim() === '' ? Number.NaN : Number(text);
    if (!Number.isFinite(n)) return `${label} must be a number.`;
    if (whole && !Number.isInteger(n)) return `${label} must be a whole number.`;
    return n < min || n > max ? `${label} must be from ${min} to ${max}.` : null;
  };
const int = (label: string, min: number, max: number): Rule<string> => num(label, min, max, true);

/** Whole numbers from `min` to `max` separated by commas, at most `most` of them. */
const list =
  (label: string, min: number, max: number, most: number): Rule<string> =>
  (text) => {
    const l = parseList(text);
    if (!l || l.length === 0) return `${label} must be a list of whole numbers separated by commas.`;
    if (l.length > most) return `${label} must list at most ${most} values.`;
    if (l.some((n) => !Number.isInteger(n) || n < min || n > max))
      return `${label} must be whole numbers from ${min} to ${max}.`;
    return null;
  };

/** The sentences of the fields the rules refuse, then those of the parameters (`params.<key>`). */
function problemsOf<F>(f: F, rules: Rules<F>, params: Problems = {}): Problems {
  const fields = (Object.keys(rules) as (keyof F & string)[]).map((k) => [k, rules[k]?.(f[k]) ?? null]);
  return {
    ...Object.fromEntries(fields.filter((e): e is [string, string] => e[1] !== null)),
    ...Object.fromEntries(Object.entries(params).map(([k, v]) => [`params.${k}`, v])),
  };
}

/** The request, made only from a form with no problems. */
function checked<T>(problems: Problems, request: () => T): Checked<T> {
  return Object.keys(problems).length ? { ok: false, problems } : { ok: true, request: request() };
}

const SEED = int('Seed', 0, MAX_SEED);
const K = int('k', 1, DATASET_MAX_K);
const NEAR_DUPLICATE = num('Near-duplicate threshold', 0, 1);
const SEEDS = list('Seeds', 0, MAX_SEED, EVALUATE_MAX_SEEDS);
const STEPS = int('Steps', 1, EVALUATE_MAX_STEPS);
const INPUT = path('The input folder');
const OUT = path('The output folder');

const IMAGES: Rules<ImagesForm> = { input: INPUT, out: OUT, k: K, seed: SEED, nearDuplicate: NEAR_DUPLICATE };
const GLYPHS: Rules<GlyphsForm> = {
  font: path('The font file'),
  out: OUT,
  k: K,
  seed: SEED,
  spread: num('Spread', 0, 3),
};
const MELODIES: Rules<MelodiesForm> = {
  input: INPUT,
  out: OUT,
  methods: (m) => (m.length ? null : 'Choose at least one method.'),
  k: K,
  seed: SEED,
  nearDuplicate: NEAR_DUPLICATE,
};
const EVALUATE: Rules<EvaluateForm> = {
  input: INPUT,
  augmented: path('The augmented folder'),
  seeds: SEEDS,
  steps: STEPS,
};
const BENCHMARK: Rules<BenchmarkForm> = {
  ks: list('k values', 1, 8, 8),
  augmentK: int('Synthetic per image', 1, 16),
  seeds: SEEDS,
  steps: STEPS,
};

export function checkImages(f: ImagesForm): Checked<DatasetsAugmentInput> {
  const params = paramProblems(IMAGE_PARAMS[f.method], f.params[f.method]);
  return checked(problemsOf(f, IMAGES, params), () => ({
    input: f.input.trim(),
    out: f.out.trim(),
    method: f.method,
    params: imageParams(f.method, f.params[f.method]),
    k: Number(f.k),
    seed: Number(f.seed),
    layout: f.layout,
    nearDuplicate: Number(f.nearDuplicate),
  }));
}

export function checkGlyphs(f: GlyphsForm): Checked<DatasetsGlyphSheetInput> {
  return checked(problemsOf(f, GLYPHS), () => ({
    font: f.font.trim(),
    out: f.out.trim(),
    k: Number(f.k),
    seed: Number(f.seed),
    spread: Number(f.spread),
  }));
}

export function checkMelodies(f: MelodiesForm): Checked<DatasetsAugmentMidiInput> {
  const params = paramProblems(
    f.methods.flatMap((m) => MIDI_PARAMS[m]),
    f.params,
  );
  return checked(problemsOf(f, MELODIES, params), () => ({
    input: f.input.trim(),
    out: f.out.trim(),
    methods: MIDI_AUGMENT_METHODS.filter((m) => f.methods.includes(m)),
    params: midiParams(f.methods, f.params),
    k: Number(f.k),
    seed: Number(f.seed),
    nearDuplicate: Number(f.nearDuplicate),
  }));
}

export function checkEvaluate(f: EvaluateForm): Checked<DatasetsEvaluateInput> {
  return checked(problemsOf(f, EVALUATE), () => ({
    input: f.input.trim(),
    augmented: f.augmented.trim(),
    seeds: parseList(f.seeds)!,
    steps: Number(f.steps),
    side: f.side === '32' ? 32 : 16,
  }));
}

export function checkBenchmark(f: BenchmarkForm): Checked<DatasetsBenchmarkInput> {
  return checked(problemsOf(f, BENCHMARK), () => ({
    ks: parseList(f.ks)!,
    augmentK: Number(f.augmentK),
    seeds: parseList(f.seeds)!,
    steps: Number(f.steps),
  }));
}
