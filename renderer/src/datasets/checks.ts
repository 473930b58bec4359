/**
 * The page's checks of the Datasets forms: each bad field gets a sentence naming it (absolute
 * paths, whole numbers in range, seed lists), and only a clean form becomes the request for main.
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
import type { BenchmarkForm, EvaluateForm, GlyphsForm, ImagesForm, MelodiesForm, SeedField } from './form';
import { IMAGE_PARAMS, imageParams, MIDI_PARAMS, midiParams, paramProblems, parseList } from './params';

export type Problems = Record<string, string>;
export type Checked<T> = { ok: true; request: T } | { ok: false; problems: Problems };

function pathProblem(label: string, p: string): string | null {
  const t = p.trim();
  if (t === '') return `${label} is missing: type its full path.`;
  if (t.length > DATASET_PATH_MAX) return `${label} must be at most ${DATASET_PATH_MAX} characters.`;
  if (!isAbsolutePath(t))
    return `${label} must be an absolute path (starting with "/", or a drive such as "C:\\"), not ${JSON.stringify(t)}.`;
  return null;
}

function intProblem(label: string, text: string, min: number, max: number): string | null {
  const n = text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(n)) return `${label} must be a number.`;
  if (!Number.isInteger(n)) return `${label} must be a whole number.`;
  return n < min || n > max ? `${label} must be from ${min} to ${max}.` : null;
}

function numProblem(label: string, text: string, min: number, max: number): string | null {
  const n = text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(n)) return `${label} must be a number.`;
  return n < min || n > max ? `${label} must be from ${min} to ${max}.` : null;
}

function listProblem(label: string, text: string, min: number, max: number, most: number): string | null {
  const list = parseList(text);
  if (!list || list.length === 0) return `${label} must be a list of whole numbers separated by commas.`;
  if (list.length > most) return `${label} must list at most ${most} values.`;
  if (list.some((n) => !Number.isInteger(n) || n < min || n > max))
    return `${label} must be whole numbers from ${min} to ${max}.`;
  return null;
}

function collect(entries: Record<string, string | null>): Problems {
  return Object.fromEntries(Object.entries(entries).filter((e): e is [string, string] => e[1] !== null));
}

const seedProblem = (f: SeedField): string | null => intProblem('Seed', f.seed, 0, MAX_SEED);
const kProblem = (text: string): string | null => intProblem('k', text, 1, DATASET_MAX_K);

export function checkImages(f: ImagesForm): Checked<DatasetsAugmentInput> {
  const params = paramProblems(IMAGE_PARAMS[f.method], f.params[f.method]);
  const problems = {
    ...collect({
      input: pathProblem('The input folder', f.input),
      out: pathProblem('The output folder', f.out),
      k: kProblem(f.k),
      seed: seedProblem(f),
      nearDuplicate: numProblem('Near-duplicate threshold', f.nearDuplicate, 0, 1),
    }),
    ...Object.fromEntries(Object.entries(params).map(([k, v]) => [`params.${k}`, v])),
  };
  if (Object.keys(problems).length) return { ok: false, problems };
  return {
    ok: true,
    request: {
      input: f.input.trim(),
      out: f.out.trim(),
      method: f.method,
      params: imageParams(f.method, f.params[f.method]),
      k: Number(f.k),
      seed: Number(f.seed),
      layout: f.layout,
      nearDuplicate: Number(f.nearDuplicate),
    },
  };
}

export function checkGlyphs(f: GlyphsForm): Checked<DatasetsGlyphSheetInput> {
  const problems = collect({
    font: pathProblem('The font file', f.font),
    out: pathProblem('The output folder', f.out),
    k: kProblem(f.k),
    seed: seedProblem(f),
    spread: numProblem('Spread', f.spread, 0, 3),
  });
  if (Object.keys(problems).length) return { ok: false, problems };
  return {
    ok: true,
    request: {
      font: f.font.trim(),
      out: f.out.trim(),
      k: Number(f.k),
      seed: Number(f.seed),
      spread: Number(f.spread),
    },
  };
}

export function checkMelodies(f: MelodiesForm): Checked<DatasetsAugmentMidiInput> {
  const specs = f.methods.flatMap((m) => MIDI_PARAMS[m]);
  const params = paramProblems(specs, f.params);
  const problems = {
    ...collect({
      input: pathProblem('The input folder', f.input),
      out: pathProblem('The output folder', f.out),
      methods: f.methods.length ? null : 'Choose at least one method.',
      k: kProblem(f.k),
      seed: seedProblem(f),
      nearDuplicate: numProblem('Near-duplicate threshold', f.nearDuplicate, 0, 1),
    }),
    ...Object.fromEntries(Object.entries(params).map(([k, v]) => [`params.${k}`, v])),
  };
  if (Object.keys(problems).length) return { ok: false, problems };
  return {
    ok: true,
    request: {
      input: f.input.trim(),
      out: f.out.trim(),
      methods: MIDI_AUGMENT_METHODS.filter((m) => f.methods.includes(m)),
      params: midiParams(f.methods, f.params),
      k: Number(f.k),
      seed: Number(f.seed),
      nearDuplicate: Number(f.nearDuplicate),
    },
  };
}

export function checkEvaluate(f: EvaluateForm): Checked<DatasetsEvaluateInput> {
  const problems = collect({
    input: pathProblem('The input folder', f.input),
    augmented: pathProblem('The augmented folder', f.augmented),
    seeds: listProblem('Seeds', f.seeds, 0, MAX_SEED, EVALUATE_MAX_SEEDS),
    steps: intProblem('Steps', f.steps, 1, EVALUATE_MAX_STEPS),
  });
  if (Object.keys(problems).length) return { ok: false, problems };
  return {
    ok: true,
    request: {
      input: f.input.trim(),
      augmented: f.augmented.trim(),
      seeds: parseList(f.seeds)!,
      steps: Number(f.steps),
      side: f.side === '32' ? 32 : 16,
    },
  };
}

export function checkBenchmark(f: BenchmarkForm): Checked<DatasetsBenchmarkInput> {
  const problems = collect({
    ks: listProblem('k values', f.ks, 1, 8, 8),
    augmentK: intProblem('Synthetic per image', f.augmentK, 1, 16),
    seeds: listProblem('Seeds', f.seeds, 0, MAX_SEED, EVALUATE_MAX_SEEDS),
    steps: intProblem('Steps', f.steps, 1, EVALUATE_MAX_STEPS),
  });
  if (Object.keys(problems).length) return { ok: false, problems };
  return {
    ok: true,
    request: {
      ks: parseList(f.ks)!,
      augmentK: Number(f.augmentK),
      seeds: parseList(f.seeds)!,
      steps: Number(f.steps),
    },
  };
}
