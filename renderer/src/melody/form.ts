/**
 * The Melody Sketcher's form: what each tab asks for, checked before a call so the button can say
 * what is wrong, and turned into the contract's inputs. Number fields keep the text typed.
 */
import type { LatentPathMode, MelodyMeter, MelodyPhraseForm, Note } from '../../../preload/contract';
import {
  KEYS,
  modelMeterOf,
  SCALE_NAMES,
  type Key,
  type Meter,
  type ScaleName,
} from '../../../preload/melody';
import type { Lock } from './lock';
import { meterProblem, RNN_ID } from './models';

export type MelodyTab = 'generate' | 'continue' | 'variations' | 'interpolate' | 'latent';
export const TABS: readonly { id: MelodyTab; label: string }[] = [
  { id: 'generate', label: 'Generate' },
  { id: 'continue', label: 'Continue' },
  { id: 'variations', label: 'Variations' },
  { id: 'interpolate', label: 'Interpolate' },
  { id: 'latent', label: 'Latent' },
];

export interface NumberRule {
  min: number;
  max: number;
  integer: boolean;
}

export const RULES = {
  bars: { min: 1, max: 64, integer: true },
  count: { min: 1, max: 8, integer: true },
  continueBars: { min: 1, max: 32, integer: true },
  continueCount: { min: 1, max: 4, integer: true },
  steps: { min: 2, max: 16, integer: true },
  bpm: { min: 20, max: 300, integer: false },
  seed: { min: 0, max: 0xffffffff, integer: true },
  temperature: { min: 0, max: 2, integer: false },
  amount: { min: 0, max: 3, integer: false },
  coherence: { min: 0, max: 1, integer: false },
} as const satisfies Record<string, NumberRule>;

export const BAR_PRESETS = [2, 4, 8, 16] as const;

export type Parsed = { ok: true; value: number } | { ok: false; message: string };

/** A typed number checked against its rule: "must be a whole number from 1 to 64". */
export function parseNumber(raw: string, rule: NumberRule): Parsed {
  const t = raw.trim();
  const range = `${rule.integer ? 'a whole number' : 'a number'} from ${rule.min} to ${rule.max}`;
  if (t === '') return { ok: false, message: `must be ${range}` };
  const v = Number(t);
  if (!Number.isFinite(v) || (rule.integer && !Number.isInteger(v)) || v < rule.min || v > rule.max)
    return { ok: false, message: `must be ${range}` };
  return { ok: true, value: v };
}

/** The first problem of a set of fields, or null: `{ field, message }` with a readable sentence. */
export interface FieldProblem {
  field: string;
  message: string;
}

export interface MelodyForm {
  /** `model`: the model Generate runs (the melody LSTM unless a melody VAE is picked). */
  generate: {
    model: string;
    bars: string;
    count: string;
    temperature: number;
    coherence: number;
    /** The melody LSTM's form (the VAE has its coherence instead). */
    form: MelodyPhraseForm;
  };
  continue: { bars: string; count: string; temperature: number };
  variations: { count: string; amount: number; temperature: number };
  interpolate: { a: string; b: string; steps: string; mode: LatentPathMode; temperature: number };
  latent: { temperature: number; autoAudition: boolean };
  seed: string;
  seedLocked: boolean;
}

/**
 * The form with the clip's key and scale lock and its meter: what a run is built from (the lock and
 * the meter are the clip's, not the form's).
 */
export type RunForm = MelodyForm & Lock & { meter: Meter };

/** The parts of the form that belong to one tab. */
export type FormSection = 'generate' | 'continue' | 'variations' | 'interpolate' | 'latent';

/** The form with some fields of one tab's part changed. */
export function patchSection<K extends FormSection>(
  form: MelodyForm,
  section: K,
  patch: Partial<MelodyForm[K]>,
): MelodyForm {
  return { ...form, [section]: { ...form[section], ...patch } };
}

/** Interpolation end meaning "the notes in the roll now". */
export const CURRENT_ROLL = 'current';

export function initialForm(seed: number): MelodyForm {
  return {
    generate: { model: RNN_ID, bars: '4', count: '4', temperature: 1, coherence: 0.6, form: 'repeat' },
    continue: { bars: '4', count: '2', temperature: 1 },
    variations: { count: '4', amount: 0.5, temperature: 1 },
    interpolate: { a: CURRENT_ROLL, b: '', steps: '5', mode: 'slerp', temperature: 0 },
    // Sampled with a fixed seed: the same slider position always decodes to the same notes.
    latent: { temperature: 1, autoAudition: true },
    seed: String(seed),
    seedLocked: false,
  };
}

export const isKey = (v: string): v is Key => (KEYS as readonly string[]).includes(v);
export const isScale = (v: string): v is ScaleName => (SCALE_NAMES as readonly string[]).includes(v);

/** The seed a run uses: the typed one when locked, else a fresh one (the field then shows it). */
export function seedForRun(form: Pick<MelodyForm, 'seed' | 'seedLocked'>, fresh: () => number): Parsed {
  if (!form.seedLocked) return { ok: true, value: fresh() };
  const p = parseNumber(form.seed, RULES.seed);
  return p.ok ? p : { ok: false, message: `Seed ${p.message}.` };
}

export type Built<T> = { ok: true; input: T } | ({ ok: false } & FieldProblem);

const bad = (field: string, label: string, p: Parsed & { ok: false }): { ok: false } & FieldProblem => ({
  ok: false,
  field,
  message: `${label} ${p.message}.`,
});

interface SamplingOut {
  seed: number;
  temperature: number;
  key: Key;
  scale: ScaleName;
}
const sampling = (form: RunForm, seed: number, temperature: number): SamplingOut => ({
  seed,
  temperature,
  key: form.key,
  scale: form.scale,
});

/** The clip's meter as the models name it, or the sentence saying they do not know it. */
function modelMeter(form: RunForm): Built<MelodyMeter> {
  const meter = modelMeterOf(form.meter);
  return meter
    ? { ok: true, input: meter }
    : { ok: false, field: 'meter', message: meterProblem(form.meter)! };
}

/**
 * Generate's input: `bars` bars of the clip's meter (the model writes bars × the meter's beats).
 * Coherence (how alike successive phrases are) is the melody VAE's alone: sent when `vae` is set;
 * the LSTM gets the form instead.
 */
export function generateInput(
  form: RunForm,
  seed: number,
  vae = false,
): Built<
  SamplingOut & {
    meter: MelodyMeter;
    bars: number;
    count: number;
    coherence?: number;
    form?: MelodyPhraseForm;
  }
> {
  const meter = modelMeter(form);
  if (!meter.ok) return meter;
  const bars = parseNumber(form.generate.bars, RULES.bars);
  if (!bars.ok) return bad('bars', 'Bars', bars);
  const count = parseNumber(form.generate.count, RULES.count);
  if (!count.ok) return bad('count', 'Count', count);
  return {
    ok: true,
    input: {
      meter: meter.input,
      bars: bars.value,
      count: count.value,
      ...(vae ? { coherence: form.generate.coherence } : { form: form.generate.form }),
      ...sampling(form, seed, form.generate.temperature),
    },
  };
}

export function continueInput(
  form: RunForm,
  seed: number,
  notes: readonly Note[],
): Built<SamplingOut & { meter: MelodyMeter; bars: number; count: number; notes: Note[] }> {
  if (notes.length === 0)
    return { ok: false, field: 'notes', message: 'Draw or select some notes to continue first.' };
  const meter = modelMeter(form);
  if (!meter.ok) return meter;
  const bars = parseNumber(form.continue.bars, RULES.continueBars);
  if (!bars.ok) return bad('bars', 'Bars', bars);
  const count = parseNumber(form.continue.count, RULES.continueCount);
  if (!count.ok) return bad('count', 'Count', count);
  return {
    ok: true,
    input: {
      notes: [...notes],
      meter: meter.input,
      bars: bars.value,
      count: count.value,
      ...sampling(form, seed, form.continue.temperature),
    },
  };
}

export function variationsInput(
  form: RunForm,
  seed: number,
  notes: readonly Note[],
): Built<SamplingOut & { count: number; amount: number; notes: Note[] }> {
  if (notes.length === 0)
    return { ok: false, field: 'notes', message: 'The roll is empty: there is nothing to vary.' };
  const count = parseNumber(form.variations.count, RULES.count);
  if (!count.ok) return bad('count', 'Count', count);
  return {
    ok: true,
    input: {
      notes: [...notes],
      count: count.value,
      amount: form.variations.amount,
      ...sampling(form, seed, form.variations.temperature),
    },
  };
}

export function interpolateInput(
  form: RunForm,
  seed: number,
  resolve: (end: string) => readonly Note[] | null,
): Built<SamplingOut & { from: Note[]; to: Note[]; steps: number; mode: LatentPathMode }> {
  const { a, b } = form.interpolate;
  const from = a ? resolve(a) : null;
  if (!from || from.length === 0)
    return { ok: false, field: 'a', message: 'Choose clip A (a saved clip, or the roll with notes in it).' };
  const to = b ? resolve(b) : null;
  if (!to || to.length === 0)
    return { ok: false, field: 'b', message: 'Choose clip B (a saved clip, or the roll with notes in it).' };
  const steps = parseNumber(form.interpolate.steps, RULES.steps);
  if (!steps.ok) return bad('steps', 'Steps', steps);
  return {
    ok: true,
    input: {
      from: [...from],
      to: [...to],
      steps: steps.value,
      mode: form.interpolate.mode,
      ...sampling(form, seed, form.interpolate.temperature),
    },
  };
}
