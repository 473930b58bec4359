/**
 * The lab's settings as the learner types them: the common fields every lab has, the lab's own
 * (its `LabDef.fields`), the typed text ↔ the values sent to the worker, and whether a change
 * rebuilds the model or applies to the running one. Ranges are the engine's to check (its zod
 * schema answers a readable sentence through the worker); here only "is it a number".
 */
import type { FieldDef } from './lab-def';

/** What the form holds: number fields as typed text, selects as their value's text, toggles as booleans. */
export type FormValue = string | boolean;
export type Form = Record<string, FormValue>;

export const COMMON_FIELDS: readonly FieldDef[] = [
  {
    key: 'learningRate',
    label: 'Learning rate',
    kind: 'number',
    min: 0.00001,
    max: 1,
    step: 0.0001,
    help: 'How far each step moves the weights: too small crawls, too large overshoots and oscillates.',
    rebuilds: false,
  },
  {
    key: 'optimizer',
    label: 'Optimizer',
    kind: 'select',
    options: [
      { value: 'adam', label: 'Adam' },
      { value: 'sgd', label: 'SGD' },
      { value: 'rmsprop', label: 'RMSProp' },
    ],
    help: 'How gradients become steps. Adam adapts the step per weight; plain SGD shows the raw dynamics.',
    rebuilds: false,
  },
  {
    key: 'batchSize',
    label: 'Batch size',
    kind: 'number',
    min: 1,
    max: 1024,
    step: 1,
    help: 'Points per step: small batches are noisy and cheap, large ones smooth and slow.',
    rebuilds: false,
  },
  {
    key: 'width',
    label: 'Width',
    kind: 'number',
    min: 1,
    max: 512,
    step: 1,
    help: 'Hidden units per layer. Changing it starts a new model from the seed.',
    rebuilds: true,
  },
  {
    key: 'depth',
    label: 'Depth',
    kind: 'number',
    min: 1,
    max: 6,
    step: 1,
    help: 'Hidden layers. Changing it starts a new model from the seed.',
    rebuilds: true,
  },
];

/** The common fields' test ids (the lab's own are `lab-field-<key>`). */
const COMMON_IDS: Record<string, string> = {
  learningRate: 'lab-lr',
  optimizer: 'lab-optimizer',
  batchSize: 'lab-batch',
  width: 'lab-width',
  depth: 'lab-depth',
};

export function fieldTestId(key: string): string {
  return COMMON_IDS[key] ?? `lab-field-${key}`;
}

/** Every field a lab shows: the common ones, then its own (a lab field with a common key replaces it). */
export function allFields(labFields: readonly FieldDef[]): FieldDef[] {
  const own = new Set(labFields.map((f) => f.key));
  return [...COMMON_FIELDS.filter((f) => !own.has(f.key)), ...labFields];
}

/** The form for settings (what the worker answered, or defaults). */
export function formFrom(settings: Record<string, unknown>, fields: readonly FieldDef[]): Form {
  const form: Form = {};
  for (const f of fields) {
    const v = settings[f.key];
    if (v === undefined) continue;
    form[f.key] = f.kind === 'toggle' ? Boolean(v) : String(v);
  }
  return form;
}

export interface ParsedSettings {
  settings: Record<string, unknown>;
  /** Field key → a sentence, for values that are not even numbers. */
  errors: Record<string, string>;
}

/** The settings the form says, over `base` (keys the form does not show keep their values). */
export function settingsFrom(
  form: Form,
  fields: readonly FieldDef[],
  base: Record<string, unknown>,
): ParsedSettings {
  const settings: Record<string, unknown> = { ...base };
  const errors: Record<string, string> = {};
  for (const f of fields) {
    const raw = form[f.key];
    if (raw === undefined) continue;
    if (f.kind === 'toggle') {
      settings[f.key] = raw === true || raw === 'true';
    } else if (f.kind === 'select') {
      const option = f.options?.find((o) => String(o.value) === String(raw));
      if (option) settings[f.key] = option.value;
      else errors[f.key] = `${f.label} must be one of ${(f.options ?? []).map((o) => o.label).join(', ')}`;
    } else {
      const text = String(raw).trim();
      const n = text === '' ? Number.NaN : Number(text);
      if (Number.isFinite(n)) settings[f.key] = n;
      else errors[f.key] = `${f.label} must be a number`;
    }
  }
  return { settings, errors };
}

/** The keys whose values differ. */
export function changedKeys(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => !Object.is(a[k], b[k]));
}

/** Whether changing `keys` needs a new model from the seed (a key no field describes: to be safe, yes). */
export function needsRebuild(keys: readonly string[], fields: readonly FieldDef[]): boolean {
  return keys.some((k) => fields.find((f) => f.key === k)?.rebuilds ?? true);
}

/** The settings a mode starts from: the lab's defaults, and for images its image settings over them. */
export function modeDefaults(
  defaults: Record<string, unknown>,
  images: boolean,
  imageSettings: Record<string, unknown> | undefined,
): Record<string, unknown> {
  return images && imageSettings ? { ...defaults, ...imageSettings } : { ...defaults };
}
