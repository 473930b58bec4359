/**
 * The Image studio and few-step models (SD-Turbo, LCM): which samplers a model offers, the line
 * that says what kind of model it is, the form's checks of steps and guidance against the range
 * the model was distilled for, and what picking a model does to the form — a few-step model sets
 * its own steps, guidance and sampler (the user's are set aside), an ordinary model keeps the
 * user's (or gets back the ones set aside). Pure.
 */
import {
  IMAGE_SCHEDULER_LABELS,
  IMAGE_SCHEDULERS,
  type ImageScheduler,
  type ModelStatus,
} from '../../../preload/contract';
import { IMAGE_SAMPLERS } from '../../../preload/image';

type Info = NonNullable<ModelStatus['image']>;

export interface OrdinaryValues {
  steps: string;
  guidance: string;
  sampler: ImageScheduler;
}

/** The fields picking a model may change, and the values set aside while a few-step model is on. */
export interface PickFields extends OrdinaryValues {
  ordinary?: OrdinaryValues | undefined;
}

export const isScheduler = (v: unknown): v is ImageScheduler =>
  typeof v === 'string' && (IMAGE_SCHEDULERS as readonly string[]).includes(v);

/** The samplers the select offers for `model` (its default first). */
export function samplerChoices(model: ModelStatus | null): ImageScheduler[] {
  return model?.image?.samplers ?? [...IMAGE_SAMPLERS];
}

/** "few-step: 1–4 steps, no guidance" for a few-step model; null for an ordinary one. */
export function fewStepLine(model: ModelStatus | null): string | null {
  return model?.image?.fewStep?.summary ?? null;
}

/** The line under steps and guidance: "Few-step: 1–4 steps, no guidance. Picking it set its own." */
export function fewStepHint(model: ModelStatus | null): string | null {
  const line = fewStepLine(model);
  return line
    ? `${line[0]!.toUpperCase()}${line.slice(1)}. Picking it set its own steps and guidance.`
    : null;
}

const span = (r: { min: number; max: number }): string =>
  r.min === r.max ? `${r.min}` : `from ${r.min} to ${r.max}`;

/** The form's steps, guidance and sampler against what `model` takes (main refuses the same). */
export function modelValueErrors(
  values: { steps: number | null; guidance: number | null; sampler: ImageScheduler },
  image: Info | undefined,
): Partial<Record<'steps' | 'guidance' | 'sampler', string>> {
  const errors: Partial<Record<'steps' | 'guidance' | 'sampler', string>> = {};
  if (!image) return errors;
  const allowed = image.samplers;
  if (allowed && !allowed.includes(values.sampler))
    errors.sampler = `must be ${allowed.map((s) => IMAGE_SCHEDULER_LABELS[s]).join(' or ')} for this model`;
  const f = image.fewStep;
  if (!f) return errors;
  const kind = f.family === 'lcm' ? 'this LCM model' : 'this few-step model';
  if (values.steps !== null && (values.steps < f.steps.min || values.steps > f.steps.max))
    errors.steps = `must be ${span(f.steps)} for ${kind}`;
  if (values.guidance !== null && (values.guidance < f.guidance.min || values.guidance > f.guidance.max))
    errors.guidance =
      f.guidance.max === 0
        ? `must be 0: ${kind} draws without guidance`
        : `must be ${span(f.guidance)} for ${kind}`;
  return errors;
}

/**
 * The form after the user picks `model`: a few-step model brings its steps, guidance and
 * sampler (the ordinary values are kept aside once); an ordinary model keeps the form's values —
 * or gets back the ones set aside — with its default sampler when it cannot use the form's.
 */
export function withPickedValues<F extends PickFields>(form: F, model: ModelStatus): F {
  const image = model.image;
  if (!image) return form;
  if (image.fewStep) {
    const ordinary = form.ordinary ?? { steps: form.steps, guidance: form.guidance, sampler: form.sampler };
    return {
      ...form,
      steps: String(image.defaults.steps),
      guidance: String(image.defaults.guidance),
      sampler: image.defaults.sampler,
      ordinary,
    };
  }
  const back = form.ordinary ?? form;
  const sampler = samplerChoices(model).includes(back.sampler) ? back.sampler : image.defaults.sampler;
  const { ordinary: _aside, ...rest } = form;
  return { ...rest, steps: back.steps, guidance: back.guidance, sampler } as F;
}

/** The stored set-aside values read back defensively (anything odd: none). */
export function parseOrdinary(raw: unknown): OrdinaryValues | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  return typeof r.steps === 'string' && typeof r.guidance === 'string' && isScheduler(r.sampler)
    ? { steps: r.steps, guidance: r.guidance, sampler: r.sampler }
    : undefined;
}
