/**
 * The Image studio's settings form: the fields as typed (strings, so nothing the user types is
 * lost), checked against the contract's limits (preload/image.ts) before a call, and turned into
 * the `image.generate` params. Pure: the hook keeps it in localStorage.
 */
import {
  IMAGE_SCHEDULERS,
  type ImageParamsInput,
  type ImageScheduler,
  type ModelStatus,
} from '../../../preload/contract';
import {
  IMAGE_DEFAULTS,
  IMAGE_MAX_BATCH,
  IMAGE_MAX_GUIDANCE,
  IMAGE_MAX_PROMPT_CHARS,
  IMAGE_MAX_SIZE,
  IMAGE_MAX_STEPS,
  IMAGE_MIN_SIZE,
  IMAGE_SIZE_STEP,
  imageSizeProblem,
  promptWords,
} from '../../../preload/image';
import { MAX_SEED } from '../shell/seed';
import {
  isScheduler,
  modelValueErrors,
  parseOrdinary,
  withPickedValues,
  type OrdinaryValues,
} from './fewStep';
import { resolveSize } from './sizes';

export { CUSTOM_SIZE, resolveSize, SLOW_SIZE_FACTOR, sizeChoice, sizeWarning, withSizeChoice } from './sizes';

export const MIN_STRENGTH = 0.05;

export interface ImageForm {
  prompt: string;
  negative: string;
  seed: string;
  seedLocked: boolean;
  steps: string;
  guidance: string;
  sampler: ImageScheduler;
  /** The user's steps, guidance and sampler, set aside while a few-step model fills them (./fewStep.ts). */
  ordinary?: OrdinaryValues | undefined;
  /** One of the model's sizes ("48"), "custom" (width × height below), or "" (the model's default). */
  size: string;
  width: string;
  height: string;
  batch: string;
  /** img2img: how much of the init image is replaced. */
  strength: string;
}

export type ImageField = Exclude<keyof ImageForm, 'seedLocked' | 'ordinary'> | 'init' | 'model';
export type FieldErrors = Partial<Record<ImageField, string>>;

export function initialForm(seed: number): ImageForm {
  return {
    prompt: '',
    negative: '',
    seed: String(seed),
    seedLocked: false,
    steps: String(IMAGE_DEFAULTS.steps),
    guidance: String(IMAGE_DEFAULTS.guidance),
    sampler: IMAGE_DEFAULTS.sampler,
    size: '',
    width: '512',
    height: '512',
    batch: '1',
    strength: '0.6',
  };
}

/**
 * The form with a model's own defaults (steps, guidance, sampler, size), kept prompt and seed.
 * The custom width and height start from the model's native size too (not 512 px for a model
 * that draws 48 px: that would take minutes per image).
 */
export function withModelDefaults(form: ImageForm, model: ModelStatus): ImageForm {
  const d = model.image?.defaults;
  if (!d) return form;
  const side = String(model.image!.defaultSize);
  // A few-step model's values never become the ones an ordinary model gets back.
  const aside = model.image!.fewStep
    ? { ordinary: form.ordinary ?? { steps: form.steps, guidance: form.guidance, sampler: form.sampler } }
    : {};
  const { ordinary: _dropped, ...rest } = form;
  return {
    ...rest,
    ...aside,
    steps: String(d.steps),
    guidance: String(d.guidance),
    sampler: d.sampler,
    size: side,
    width: side,
    height: side,
  };
}

/**
 * The form after the user picks `model` in the studio: the model's size; a few-step model's own
 * steps, guidance and sampler; an ordinary model keeps the user's (./fewStep.ts).
 */
export function withModelPicked(form: ImageForm, model: ModelStatus): ImageForm {
  if (!model.image) return form;
  const side = String(model.image.defaultSize);
  return withPickedValues({ ...form, size: side, width: side, height: side }, model);
}

const isSampler = isScheduler;

/** A stored form read back defensively: anything missing or of the wrong type falls back. */
export function parseForm(raw: unknown, fallback: ImageForm): ImageForm {
  if (typeof raw !== 'object' || raw === null) return fallback;
  const r = raw as Record<string, unknown>;
  const str = (k: keyof ImageForm): string =>
    typeof r[k] === 'string' ? (r[k] as string) : (fallback[k] as string);
  return {
    prompt: str('prompt'),
    negative: str('negative'),
    seed: str('seed'),
    seedLocked: typeof r.seedLocked === 'boolean' ? r.seedLocked : fallback.seedLocked,
    steps: str('steps'),
    guidance: str('guidance'),
    sampler: isSampler(r.sampler) ? r.sampler : fallback.sampler,
    size: str('size'),
    width: str('width'),
    height: str('height'),
    batch: str('batch'),
    strength: str('strength'),
    ...(parseOrdinary(r.ordinary) ? { ordinary: parseOrdinary(r.ordinary) } : {}),
  };
}

/**
 * A note when the run would draw without words: an empty prompt, or (word-conditioned models)
 * a prompt with no word the model knows. Not an error: an unconditioned image is a valid ask.
 */
export function promptNote(form: ImageForm, model: ModelStatus | null): string | null {
  if (form.prompt.trim() === '') return 'The prompt is empty: the model will draw without words.';
  const words = model?.image?.words;
  if (words && promptWords(form.prompt, words).used.length === 0)
    return 'The model knows none of these words: it will draw without words.';
  return null;
}

const LABELS: Record<ImageField, string> = {
  prompt: 'The prompt',
  negative: 'The negative prompt',
  seed: 'The seed',
  steps: 'Steps',
  guidance: 'Guidance',
  sampler: 'The sampler',
  size: 'The size',
  width: 'The width',
  height: 'The height',
  batch: 'The batch',
  strength: 'The strength',
  init: 'The init image',
  model: 'The model',
};

/** "Steps must be at least 1." for a field and main's (or our) "must be at least 1". */
export function fieldSentence(field: string | null | undefined, message: string): string {
  const m = message.trim().replace(/\.$/, '');
  const label = field && field in LABELS ? LABELS[field as ImageField] : null;
  if (!label || !/^(must|is|has)\b/.test(m)) return /[.!?]$/.test(message.trim()) ? message.trim() : `${m}.`;
  return `${label} ${m}.`;
}

function wholeInRange(text: string, min: number, max: number): { value: number } | { error: string } {
  const t = text.trim();
  if (t === '') return { error: 'must not be empty' };
  const v = Number(t);
  if (!Number.isFinite(v)) return { error: 'must be a number' };
  if (!Number.isInteger(v)) return { error: 'must be a whole number' };
  if (v < min) return { error: `must be at least ${min}` };
  if (v > max) return { error: `must be at most ${max}` };
  return { value: v };
}

function side(text: string): { value: number } | { error: string } {
  const r = wholeInRange(text, IMAGE_MIN_SIZE, IMAGE_MAX_SIZE);
  if ('error' in r)
    return {
      error:
        r.error === 'must be a whole number'
          ? 'must be a whole number of pixels'
          : `${r.error}${/\d$/.test(r.error) ? ' px' : ''}`,
    };
  if (r.value % IMAGE_SIZE_STEP !== 0) return { error: `must be a multiple of ${IMAGE_SIZE_STEP} px` };
  return r;
}

export interface InitChoice {
  /** A library image, or a file's bytes. */
  source: { generationId: string } | { bytes: Uint8Array<ArrayBuffer> };
}

export interface CheckedForm {
  ok: true;
  params: Omit<ImageParamsInput, 'seed'> & { seed: number | null };
}

export type FormCheck = CheckedForm | { ok: false; errors: FieldErrors };

/**
 * The params the form asks for, or every field's problem. The seed is null when unlocked and
 * unparseable (a fresh one is drawn for the run); `init` is checked against the model.
 */
export function checkForm(form: ImageForm, model: ModelStatus | null, init: InitChoice | null): FormCheck {
  const errors: FieldErrors = {};
  if (!model) errors.model = 'must be chosen (no image model can run)';
  if (form.prompt.length > IMAGE_MAX_PROMPT_CHARS)
    errors.prompt = `must be at most ${IMAGE_MAX_PROMPT_CHARS} characters`;
  if (form.negative.length > IMAGE_MAX_PROMPT_CHARS)
    errors.negative = `must be at most ${IMAGE_MAX_PROMPT_CHARS} characters`;
  let seed: number | null = null;
  const s = wholeInRange(form.seed, 0, MAX_SEED);
  if ('value' in s) seed = s.value;
  else if (form.seedLocked) errors.seed = s.error;
  const steps = wholeInRange(form.steps, 1, IMAGE_MAX_STEPS);
  if ('error' in steps) errors.steps = steps.error;
  let guidance = NaN;
  const g = form.guidance.trim();
  if (g === '') errors.guidance = 'must not be empty';
  else if (!Number.isFinite(Number(g))) errors.guidance = 'must be a number';
  else {
    guidance = Number(g);
    if (guidance < 0) errors.guidance = 'must be at least 0';
    else if (guidance > IMAGE_MAX_GUIDANCE) errors.guidance = `must be at most ${IMAGE_MAX_GUIDANCE}`;
  }
  if (!isSampler(form.sampler)) errors.sampler = `must be one of ${IMAGE_SCHEDULERS.join(', ')}`;
  // What this model takes (a few-step model's range, the samplers it can use).
  const own = modelValueErrors(
    {
      steps: 'value' in steps ? steps.value : null,
      guidance: errors.guidance ? null : guidance,
      sampler: form.sampler,
    },
    model?.image,
  );
  for (const k of ['steps', 'guidance', 'sampler'] as const) if (own[k] && !errors[k]) errors[k] = own[k];
  const size = resolveSize(form, model);
  const w = side(size.width);
  const h = side(size.height);
  if ('error' in w) errors.width = w.error;
  if ('error' in h) errors.height = h.error;
  const batch = wholeInRange(form.batch, 1, IMAGE_MAX_BATCH);
  if ('error' in batch) errors.batch = batch.error;
  // The model's own limits (main refuses beyond them too): say so before anything is sent.
  if (model?.image && 'value' in w && 'value' in h && 'value' in batch) {
    const { maxSize, maxPixelsPerJob, defaultSize } = model.image;
    if (maxSize !== undefined && maxPixelsPerJob !== undefined) {
      const problem = imageSizeProblem(
        { maxSize, maxPixelsPerJob, trainSize: defaultSize },
        w.value,
        h.value,
        batch.value,
      );
      if (problem) errors[problem.field] = problem.message;
    }
  }
  let strength = NaN;
  if (init) {
    const st = Number(form.strength.trim());
    if (form.strength.trim() === '' || !Number.isFinite(st)) errors.strength = 'must be a number';
    else if (st < MIN_STRENGTH) errors.strength = `must be at least ${MIN_STRENGTH}`;
    else if (st > 1) errors.strength = 'must be at most 1';
    else strength = st;
    if (model?.image && !model.image.img2img)
      errors.init = 'cannot be used: this model cannot start from an image';
    else if ('value' in w && 'value' in h && w.value !== h.value)
      errors.init = 'needs a square size (width = height)';
  }
  if (Object.keys(errors).length > 0 || !model) return { ok: false, errors };
  return {
    ok: true,
    params: {
      model: model.id,
      prompt: form.prompt,
      negative: form.negative,
      seed,
      steps: (steps as { value: number }).value,
      guidance,
      sampler: form.sampler,
      width: (w as { value: number }).value,
      height: (h as { value: number }).value,
      batch: (batch as { value: number }).value,
      ...(init ? { init: init.source, strength } : {}),
    },
  };
}

/** The first problem as a sentence for the error line ("Steps must be at least 1."). */
export function firstError(errors: FieldErrors): string | null {
  const order: ImageField[] = [
    'model',
    'prompt',
    'negative',
    'seed',
    'steps',
    'guidance',
    'sampler',
    'size',
    'width',
    'height',
    'batch',
    'init',
    'strength',
  ];
  const f = order.find((k) => errors[k] !== undefined);
  return f ? fieldSentence(f, errors[f]!) : null;
}

/** The form field a failed call's field names ("params.steps" → "steps"; init bytes → "init"). */
export function errorField(field: string | undefined): ImageField | null {
  if (!field) return null;
  const parts = field.split('.');
  const name = parts[0] === 'params' ? parts[1] : parts[0];
  return name && name in LABELS ? (name as ImageField) : null;
}
