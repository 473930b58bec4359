/**
 * The sampling panel's form: the text typed in each field, checked against the contract's limits
 * before a call (so the panel can say what is wrong), turned into `TextSampling`, and kept in
 * localStorage. Stop sequences are written one per line, with "\n" and "\t" for line breaks and tabs.
 */
import type { TextSampling } from '../../../preload/contract';
import {
  TEXT_DEFAULTS,
  TEXT_MAX_NEW_TOKENS,
  TEXT_MAX_STOP_CHARS,
  TEXT_MAX_STOP_SEQUENCES,
  TEXT_MAX_TOP_K,
  TEXT_PRESET_IDS,
  TEXT_PRESETS,
  type TextPresetId,
  type TextSettings,
} from '../../../preload/text';
import { readJson, writeJson, type Store } from '../shell/storage';

export const SETTINGS_KEY = 'atelier.writer.settings.v1';

export interface SamplingForm {
  /** The preset the settings came from ('' = none). */
  preset: TextPresetId | '';
  temperature: string;
  topK: string;
  topP: string;
  repetitionPenalty: string;
  maxTokens: string;
  /** One stop sequence per line, escaped (see `escapeStop`). */
  stop: string;
  seed: string;
  seedLocked: boolean;
}

export type SamplingField =
  'temperature' | 'topK' | 'topP' | 'repetitionPenalty' | 'maxTokens' | 'stop' | 'seed';

export const FIELD_LABELS: Record<SamplingField, string> = {
  temperature: 'Temperature',
  topK: 'Top-k',
  topP: 'Top-p',
  repetitionPenalty: 'Repetition penalty',
  maxTokens: 'Max tokens',
  stop: 'Stop sequences',
  seed: 'Seed',
};

/** A stop sequence as written in the field: newline → \n, tab → \t, backslash → \\. */
export function escapeStop(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
}

/** One written line back to the sequence: \n, \r, \t and \\ are read; any other backslash stays. */
export function unescapeStop(s: string): string {
  return s.replace(/\\([nrt\\])/g, (_, c: string) =>
    c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : '\\',
  );
}

/** The field's lines as stop sequences (empty lines left out). */
export function parseStopLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line !== '')
    .map(unescapeStop);
}

export function formatStopLines(stop: readonly string[]): string {
  return stop.map(escapeStop).join('\n');
}

export function formFromSettings(
  s: TextSettings,
  preset: TextPresetId | '',
  seed: number,
  seedLocked: boolean,
): SamplingForm {
  return {
    preset,
    temperature: String(s.temperature),
    topK: String(s.topK),
    topP: String(s.topP),
    repetitionPenalty: String(s.repetitionPenalty),
    maxTokens: String(s.maxTokens),
    stop: formatStopLines(s.stop),
    seed: String(seed),
    seedLocked,
  };
}

export function initialForm(seed: number): SamplingForm {
  return formFromSettings(TEXT_DEFAULTS, '', seed, false);
}

/** A preset's settings in the form (the seed and its lock stay). */
export function applyPreset(form: SamplingForm, id: TextPresetId): SamplingForm {
  return { ...formFromSettings(TEXT_PRESETS[id].settings, id, 0, form.seedLocked), seed: form.seed };
}

interface Rule {
  min: number;
  max: number;
  integer: boolean;
  /** The minimum itself is not allowed (top-p must be above 0). */
  exclusiveMin?: boolean;
  note?: string;
}

export const RULES = {
  temperature: { min: 0, max: 2, integer: false },
  topK: { min: 0, max: TEXT_MAX_TOP_K, integer: true, note: '0 = off' },
  topP: { min: 0, max: 1, integer: false, exclusiveMin: true, note: '1 = off' },
  repetitionPenalty: { min: 1, max: 2, integer: false, note: '1 = off' },
  maxTokens: { min: 1, max: TEXT_MAX_NEW_TOKENS, integer: true },
  seed: { min: 0, max: 0xffffffff, integer: true },
} as const satisfies Record<string, Rule>;

type NumberField = keyof typeof RULES;

/** A typed number against its rule: the value, or a sentence ("must be a whole number from 1 to 4096"). */
export function checkNumber(
  raw: string,
  rule: Rule,
): { ok: true; value: number } | { ok: false; message: string } {
  const t = raw.trim();
  const lower = rule.exclusiveMin
    ? `above ${rule.min} and at most ${rule.max}`
    : `from ${rule.min} to ${rule.max}`;
  const message = `must be ${rule.integer ? 'a whole number' : 'a number'} ${lower}`;
  if (t === '') return { ok: false, message };
  const v = Number(t);
  if (!Number.isFinite(v) || (rule.integer && !Number.isInteger(v))) return { ok: false, message };
  if (v > rule.max || v < rule.min || (rule.exclusiveMin && v === rule.min)) return { ok: false, message };
  return { ok: true, value: v };
}

export function checkStop(text: string): { ok: true; value: string[] } | { ok: false; message: string } {
  const stop = parseStopLines(text);
  if (stop.length > TEXT_MAX_STOP_SEQUENCES)
    return { ok: false, message: `must be at most ${TEXT_MAX_STOP_SEQUENCES} stop sequences` };
  const long = stop.find((s) => s.length > TEXT_MAX_STOP_CHARS);
  if (long !== undefined)
    return { ok: false, message: `must each be at most ${TEXT_MAX_STOP_CHARS} characters` };
  return { ok: true, value: stop };
}

export type FieldErrors = Partial<Record<SamplingField, string>>;

export type Checked = { ok: true; sampling: TextSampling } | { ok: false; errors: FieldErrors };

/** Every field checked; the sampling the contract takes, or each field's problem. */
export function validateForm(form: SamplingForm): Checked {
  const errors: FieldErrors = {};
  const values: Partial<Record<NumberField, number>> = {};
  for (const field of Object.keys(RULES) as NumberField[]) {
    const r = checkNumber(form[field], RULES[field]);
    if (r.ok) values[field] = r.value;
    else errors[field] = r.message;
  }
  const stop = checkStop(form.stop);
  if (!stop.ok) errors.stop = stop.message;
  if (Object.keys(errors).length > 0 || !stop.ok) return { ok: false, errors };
  return {
    ok: true,
    sampling: {
      seed: values.seed!,
      temperature: values.temperature!,
      topK: values.topK!,
      topP: values.topP!,
      repetitionPenalty: values.repetitionPenalty!,
      maxTokens: values.maxTokens!,
      stop: stop.value,
    },
  };
}

/** The first problem as one sentence ("Temperature must be at most 2"), or null. */
export function firstProblem(errors: FieldErrors): string | null {
  const field = (Object.keys(FIELD_LABELS) as SamplingField[]).find((f) => errors[f]);
  return field ? `${FIELD_LABELS[field]} ${errors[field]}.` : null;
}

/** The preset the settings still match (sent with the call), or undefined once any field differs. */
export function effectivePreset(form: SamplingForm): TextPresetId | undefined {
  if (form.preset === '') return undefined;
  const s = TEXT_PRESETS[form.preset].settings;
  const same =
    Number(form.temperature) === s.temperature &&
    Number(form.topK) === s.topK &&
    Number(form.topP) === s.topP &&
    Number(form.repetitionPenalty) === s.repetitionPenalty &&
    Number(form.maxTokens) === s.maxTokens &&
    JSON.stringify(parseStopLines(form.stop)) === JSON.stringify(s.stop);
  return same ? form.preset : undefined;
}

/** The form from a saved record's sampling (a library record being reopened). */
export function formFromSampling(sampling: unknown, preset: unknown, fallback: SamplingForm): SamplingForm {
  if (typeof sampling !== 'object' || sampling === null) return fallback;
  const s = sampling as Record<string, unknown>;
  const num = (k: string, d: string): string => (typeof s[k] === 'number' ? String(s[k]) : d);
  return {
    preset: isPresetId(preset) ? preset : '',
    temperature: num('temperature', fallback.temperature),
    topK: num('topK', fallback.topK),
    topP: num('topP', fallback.topP),
    repetitionPenalty: num('repetitionPenalty', fallback.repetitionPenalty),
    maxTokens: num('maxTokens', fallback.maxTokens),
    stop: Array.isArray(s.stop)
      ? formatStopLines(s.stop.filter((x): x is string => typeof x === 'string'))
      : fallback.stop,
    seed: num('seed', fallback.seed),
    seedLocked: fallback.seedLocked,
  };
}

export function isPresetId(v: unknown): v is TextPresetId {
  return typeof v === 'string' && (TEXT_PRESET_IDS as readonly string[]).includes(v);
}

export function writeSettings(store: Store, form: SamplingForm): boolean {
  return writeJson(store, SETTINGS_KEY, form);
}

/** The stored form (each field's text kept as typed), or `fallback` for missing fields. */
export function readSettings(store: Store, fallback: SamplingForm): SamplingForm {
  const d = readJson(store, SETTINGS_KEY);
  if (typeof d !== 'object' || d === null) return fallback;
  const r = d as Record<string, unknown>;
  const str = (k: Exclude<keyof SamplingForm, 'preset' | 'seedLocked'>): string =>
    typeof r[k] === 'string' ? r[k] : fallback[k];
  return {
    preset: isPresetId(r.preset) ? r.preset : '',
    temperature: str('temperature'),
    topK: str('topK'),
    topP: str('topP'),
    repetitionPenalty: str('repetitionPenalty'),
    maxTokens: str('maxTokens'),
    stop: str('stop'),
    seed: str('seed'),
    seedLocked: typeof r.seedLocked === 'boolean' ? r.seedLocked : fallback.seedLocked,
  };
}

export type RunMode = 'continue' | 'regenerate' | 'another-seed';

export type RunSettings =
  | { ok: true; sampling: TextSampling; preset: TextPresetId | undefined; form: SamplingForm }
  | { ok: false; errors: FieldErrors; message: string; field: SamplingField };

/**
 * The sampling for a run and the form after it: a locked seed is reused (Continue, Regenerate);
 * an unlocked one, or "Try another seed", draws a fresh seed, which the form then shows.
 */
export function settingsForRun(form: SamplingForm, mode: RunMode, fresh: () => number): RunSettings {
  const reseed = mode === 'another-seed' || !form.seedLocked;
  const next = reseed ? { ...form, seed: String(fresh()) } : form;
  const r = validateForm(next);
  if (!r.ok) {
    const field = (Object.keys(FIELD_LABELS) as SamplingField[]).find((f) => r.errors[f])!;
    return { ok: false, errors: r.errors, message: firstProblem(r.errors)!, field };
  }
  return { ok: true, sampling: r.sampling, preset: effectivePreset(next), form: next };
}
