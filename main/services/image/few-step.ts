/**
 * Few-step models (SD-Turbo, latent consistency models) and the samplers a model may use: the
 * steps and guidance each family was distilled for, the line the Image studio shows about them,
 * how guidance is applied (classifier-free guidance with two UNet rows, or one row), and the
 * check that refuses a generation's steps, guidance or sampler that make no sense for the model,
 * with a sentence that says why.
 */
import { IMAGE_SCHEDULER_LABELS, type ImageScheduler } from '../../../preload/contract';

export type FewStepFamily = 'turbo' | 'lcm';

interface Range {
  min: number;
  max: number;
}

export interface FewStep {
  family: FewStepFamily;
  steps: Range;
  guidance: Range;
}

/** What a family of few-step models draws well with, and its defaults. */
export const FEW_STEP: Record<
  FewStepFamily | 'lcm-lora',
  FewStep & { defaults: { steps: number; guidance: number } }
> = {
  // SD-Turbo (adversarial diffusion distillation): 1 step, at most 4; trained without guidance.
  turbo: {
    family: 'turbo',
    steps: { min: 1, max: 4 },
    guidance: { min: 0, max: 0 },
    defaults: { steps: 1, guidance: 0 },
  },
  // LCM with a guidance embedding (timestep_cond): w = guidance − 1 is an input, one UNet pass.
  lcm: {
    family: 'lcm',
    steps: { min: 2, max: 8 },
    guidance: { min: 1, max: 15 },
    defaults: { steps: 4, guidance: 8.5 },
  },
  // LCM without one (LCM-LoRA merged into a UNet): classifier-free guidance above 1, kept low.
  'lcm-lora': {
    family: 'lcm',
    steps: { min: 2, max: 8 },
    guidance: { min: 0, max: 2 },
    defaults: { steps: 4, guidance: 1 },
  },
};

interface ModelFacts {
  fewStep?: FewStep | undefined;
  defaults: { sampler: ImageScheduler };
  timestepCond?: { dim: number } | undefined;
}

const ORDINARY: ImageScheduler[] = ['ddim', 'euler', 'euler-ancestral'];

/** The samplers model `s` may use, its default first. */
export function modelSamplers(s: ModelFacts & { samplers?: ImageScheduler[] | undefined }): ImageScheduler[] {
  const list = s.samplers ?? (s.defaults.sampler === 'lcm' ? ['lcm'] : ORDINARY);
  return [s.defaults.sampler, ...list.filter((x) => x !== s.defaults.sampler)];
}

const range = (r: Range, unit = ''): string =>
  r.min === r.max ? `${r.min}${unit}` : `${r.min}–${r.max}${unit}`;

/** The Image studio's line about a few-step model. */
export function fewStepSummary(f: FewStep): string {
  const steps = `${range(f.steps)} steps`;
  if (f.guidance.max === 0) return `few-step: ${steps}, no guidance`;
  return `few-step (${f.family === 'lcm' ? 'LCM' : 'Turbo'}): ${steps}, guidance ${range(f.guidance)}`;
}

export function fewStepInfo(f: FewStep) {
  return { family: f.family, steps: f.steps, guidance: f.guidance, summary: fewStepSummary(f) };
}

/**
 * How guidance reaches the UNet: `cfg` — two rows (negative and prompt) mixed by the guidance,
 * one row at 0 or 1 (ordinary models); `above-one` — diffusers' rule for few-step pipelines,
 * two rows only above 1, else the prompt alone; `embedded` — one row, the guidance an input
 * (LCM's timestep_cond).
 */
export type GuidanceMode = 'cfg' | 'above-one' | 'embedded';

export function guidanceMode(s: ModelFacts): GuidanceMode {
  if (s.timestepCond) return 'embedded';
  return s.fewStep ? 'above-one' : 'cfg';
}

export interface ParamProblem {
  field: 'steps' | 'guidance' | 'sampler';
  message: string;
}

/** Why `steps`, `guidance` or `sampler` make no sense for model `s`, or null. */
export function paramProblem(
  s: ModelFacts & { samplers?: ImageScheduler[] | undefined },
  p: { steps: number; guidance: number; sampler: ImageScheduler },
): ParamProblem | null {
  const allowed = modelSamplers(s);
  if (!allowed.includes(p.sampler))
    return {
      field: 'sampler',
      message: `This model samples with ${allowed.map((x) => IMAGE_SCHEDULER_LABELS[x]).join(' or ')}; ${IMAGE_SCHEDULER_LABELS[p.sampler]} cannot drive it.`,
    };
  const f = s.fewStep;
  if (!f) return null;
  const name = f.family === 'lcm' ? 'a latent consistency model (LCM)' : 'a few-step Turbo model';
  if (p.steps < f.steps.min || p.steps > f.steps.max)
    return {
      field: 'steps',
      message: `This is ${name}: it draws in ${range(f.steps)} steps (asked ${p.steps}).`,
    };
  if (p.guidance < f.guidance.min || p.guidance > f.guidance.max)
    return {
      field: 'guidance',
      message:
        f.guidance.max === 0
          ? `This is ${name}, distilled to draw without classifier-free guidance: guidance must be 0 (asked ${p.guidance}).`
          : `This is ${name}: its guidance goes from ${f.guidance.min} to ${f.guidance.max} (asked ${p.guidance}).`,
    };
  return null;
}
