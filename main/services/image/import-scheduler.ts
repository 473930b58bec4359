/**
 * A Stable Diffusion folder's `scheduler/scheduler_config.json` read for the import (./import.ts):
 * the noise schedule, the prediction type, diffusers' timestep spacing, the sampler Atelier uses
 * by default for the class it names, and whether the model is a few-step one — SD-Turbo (an
 * Euler scheduler with `trailing` spacing) or a latent consistency model (`LCMScheduler`).
 * Anything Atelier cannot sample is refused with the file and the reason.
 */
import type { ImageScheduler } from '../../../preload/contract';
import { refuseImport as refuse } from '../models/install';
import type { ImageSection } from '../models/manifest';
import { FEW_STEP } from './few-step';
import { SPACINGS, type Spacing } from './schedule';

const FILE = 'scheduler/scheduler_config.json';

/**
 * The schedulers of the DDPM family (ᾱ over discrete timesteps, ε or v prediction): any of them
 * names a model Atelier's samplers can drive; the value is diffusers' default spacing for it.
 */
const KNOWN: Record<string, Spacing> = {
  PNDMScheduler: 'leading',
  DDIMScheduler: 'leading',
  DDPMScheduler: 'leading',
  LMSDiscreteScheduler: 'linspace',
  EulerDiscreteScheduler: 'linspace',
  EulerAncestralDiscreteScheduler: 'linspace',
  HeunDiscreteScheduler: 'linspace',
  KDPM2DiscreteScheduler: 'linspace',
  KDPM2AncestralDiscreteScheduler: 'linspace',
  DPMSolverMultistepScheduler: 'linspace',
  DPMSolverSinglestepScheduler: 'linspace',
  DPMSolverSDEScheduler: 'linspace',
  UniPCMultistepScheduler: 'linspace',
  DEISMultistepScheduler: 'linspace',
  LCMScheduler: 'leading',
};

export type SchedulerFacts = Pick<ImageSection, 'prediction' | 'schedule' | 'scheduler' | 'defaults'> & {
  fewStep?: ImageSection['fewStep'];
  samplers?: ImageScheduler[];
};

const num = (v: unknown, fallback: number): number =>
  typeof v === 'number' && Number.isFinite(v) ? v : fallback;

/** The scheduler facts of a config; `timestepCond`: whether the UNet takes an LCM guidance embedding. */
export function readScheduler(c: Record<string, unknown>, timestepCond: boolean): SchedulerFacts {
  const className = typeof c._class_name === 'string' ? c._class_name : 'PNDMScheduler';
  const defaultSpacing = KNOWN[className];
  if (!defaultSpacing)
    throw refuse(
      `${FILE} names "${className}", a scheduler Atelier cannot sample with (it drives the DDPM family: ${Object.keys(
        KNOWN,
      )
        .map((k) => k.replace(/Scheduler$/, ''))
        .join(', ')}).`,
    );
  const T = Math.round(num(c.num_train_timesteps, 1000));
  if (T < 2 || T > 100_000) throw refuse(`${FILE}'s num_train_timesteps (${T}) is out of range.`);
  const betaSchedule = typeof c.beta_schedule === 'string' ? c.beta_schedule : 'scaled_linear';
  const trained = Array.isArray(c.trained_betas) ? (c.trained_betas as unknown[]) : null;
  if (!trained && !['linear', 'scaled_linear'].includes(betaSchedule))
    throw refuse(`${FILE}'s beta_schedule "${betaSchedule}" is not supported (linear, scaled_linear).`);
  let alphasCumprod: number[] | undefined;
  if (trained) {
    if (trained.length !== T || !trained.every((b) => typeof b === 'number' && b > 0 && b < 1))
      throw refuse(`${FILE}'s trained_betas must be ${T} numbers between 0 and 1.`);
    let prod = 1;
    alphasCumprod = (trained as number[]).map((b) => (prod *= 1 - b));
  }
  if (c.rescale_betas_zero_snr === true)
    throw refuse(
      `${FILE} asks for rescale_betas_zero_snr (a zero-SNR schedule), which Atelier does not sample.`,
    );
  const p = c.prediction_type ?? 'epsilon';
  if (p !== 'epsilon' && p !== 'v_prediction')
    throw refuse(`${FILE}'s prediction_type "${String(p)}" is not supported (epsilon, v_prediction).`);
  const spacing = (c.timestep_spacing ?? defaultSpacing) as Spacing;
  if (!SPACINGS.includes(spacing))
    throw refuse(
      `${FILE}'s timestep_spacing "${String(c.timestep_spacing)}" is not one of ${SPACINGS.join(', ')}.`,
    );
  const lcm = className === 'LCMScheduler';
  const originalSteps = Math.round(num(c.original_inference_steps, 50));
  if (lcm && (originalSteps < 1 || originalSteps > T))
    throw refuse(`${FILE}'s original_inference_steps (${originalSteps}) must be between 1 and ${T}.`);
  const euler = className === 'EulerDiscreteScheduler' || className === 'EulerAncestralDiscreteScheduler';
  const family = lcm
    ? timestepCond
      ? FEW_STEP.lcm
      : FEW_STEP['lcm-lora']
    : euler && spacing === 'trailing'
      ? FEW_STEP.turbo
      : null;
  const sampler: ImageScheduler = lcm
    ? 'lcm'
    : className === 'EulerAncestralDiscreteScheduler'
      ? 'euler-ancestral'
      : className === 'DDIMScheduler'
        ? 'ddim'
        : 'euler';
  return {
    prediction: p,
    schedule: {
      timesteps: T,
      betaSchedule,
      betaStart: num(c.beta_start, 0.00085),
      betaEnd: num(c.beta_end, 0.012),
      ...(alphasCumprod ? { alphasCumprod } : {}),
    },
    scheduler: {
      className,
      spacing,
      stepsOffset: Math.max(0, Math.round(num(c.steps_offset, 0))),
      ...(lcm ? { originalSteps } : {}),
    },
    defaults: family
      ? { steps: family.defaults.steps, guidance: family.defaults.guidance, sampler }
      : { steps: 25, guidance: 7.5, sampler },
    ...(family ? { fewStep: { family: family.family, steps: family.steps, guidance: family.guidance } } : {}),
    ...(lcm ? { samplers: ['lcm'] as ImageScheduler[] } : {}),
  };
}
