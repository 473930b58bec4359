/**
 * The Datasets studio's forms as typed (one per tab), their defaults, and restoring them from
 * localStorage (anything unreadable falls back to its default). The page's checks are ./checks.ts.
 */
import {
  DATASET_METHODS,
  MIDI_AUGMENT_METHODS,
  type DatasetMethod,
  type MidiAugmentMethod,
} from '../../../preload/contract';
import { defaults, IMAGE_PARAMS, MIDI_PARAMS, type ParamValues } from './params';

export const TABS = ['images', 'glyphs', 'melodies', 'evaluate', 'benchmark'] as const;
export type Tab = (typeof TABS)[number];

export interface SeedField {
  seed: string;
  locked: boolean;
}

export interface ImagesForm extends SeedField {
  input: string;
  out: string;
  method: DatasetMethod;
  k: string;
  layout: 'beside' | 'apart';
  nearDuplicate: string;
  /** Per method, so switching methods keeps what was typed. */
  params: Record<DatasetMethod, ParamValues>;
  /** Make the items on batch workers (only sent where the host has a queue). */
  workers: boolean;
}
export interface GlyphsForm extends SeedField {
  font: string;
  out: string;
  k: string;
  spread: string;
}
export interface MelodiesForm extends SeedField {
  input: string;
  out: string;
  methods: MidiAugmentMethod[];
  k: string;
  nearDuplicate: string;
  params: ParamValues;
}
export interface EvaluateForm {
  input: string;
  augmented: string;
  seeds: string;
  steps: string;
  side: '16' | '32';
}
export interface BenchmarkForm {
  ks: string;
  augmentK: string;
  seeds: string;
  steps: string;
}
export interface DatasetsForms {
  tab: Tab;
  images: ImagesForm;
  glyphs: GlyphsForm;
  melodies: MelodiesForm;
  evaluate: EvaluateForm;
  benchmark: BenchmarkForm;
}

export const DEFAULT_FORMS: DatasetsForms = {
  tab: 'images',
  images: {
    input: '',
    out: '',
    method: 'classic',
    k: '4',
    seed: '1',
    locked: true,
    layout: 'beside',
    nearDuplicate: '0',
    workers: false,
    params: Object.fromEntries(DATASET_METHODS.map((m) => [m, defaults(IMAGE_PARAMS[m])])) as Record<
      DatasetMethod,
      ParamValues
    >,
  },
  glyphs: { font: '', out: '', k: '4', seed: '1', locked: true, spread: '0.7' },
  melodies: {
    input: '',
    out: '',
    methods: ['variations', 'transpositions'],
    k: '2',
    seed: '1',
    locked: true,
    nearDuplicate: '0',
    params: Object.fromEntries(MIDI_AUGMENT_METHODS.flatMap((m) => Object.entries(defaults(MIDI_PARAMS[m])))),
  },
  evaluate: { input: '', augmented: '', seeds: '1, 2, 3', steps: '300', side: '16' },
  benchmark: { ks: '1, 3, 5', augmentK: '4', seeds: '1, 2, 3', steps: '300' },
};

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `saved` laid over `base`, field by field, keeping only values of the same type. */
function overlay<T>(base: T, saved: unknown): T {
  if (!isObj(base) || !isObj(saved)) return base;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(base)) {
    const s = saved[k];
    if (s === undefined) continue;
    if (Array.isArray(v)) out[k] = Array.isArray(s) && s.every((x) => typeof x === 'string') ? s : v;
    else if (isObj(v)) out[k] = isObj(s) ? overlay(v, s) : v;
    else if (typeof s === typeof v) out[k] = s;
  }
  return out as T;
}
/** The forms kept in storage, over the defaults; values of an unknown choice fall back. */
export function restoreForms(saved: unknown): DatasetsForms {
  const f = overlay(DEFAULT_FORMS, saved);
  if (!TABS.includes(f.tab)) f.tab = DEFAULT_FORMS.tab;
  if (!DATASET_METHODS.includes(f.images.method)) f.images.method = 'classic';
  if (f.images.layout !== 'beside' && f.images.layout !== 'apart') f.images.layout = 'beside';
  f.melodies.methods = f.melodies.methods.filter((m) => MIDI_AUGMENT_METHODS.includes(m));
  if (f.evaluate.side !== '16' && f.evaluate.side !== '32') f.evaluate.side = '16';
  return f;
}
