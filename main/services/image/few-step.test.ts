/**
 * Few-step models as the import reads their scheduler_config.json (SD-Turbo, LCM, an ordinary
 * SD 1.x / 2.x folder) and the studio's checks of steps, guidance and sampler against them.
 */
import { describe, expect, it } from 'vitest';
import { fewStepSummary, guidanceMode, modelSamplers, paramProblem } from './few-step';
import { readScheduler } from './import-scheduler';

const base = {
  num_train_timesteps: 1000,
  beta_start: 0.00085,
  beta_end: 0.012,
  beta_schedule: 'scaled_linear',
};
const turbo = readScheduler(
  { ...base, _class_name: 'EulerAncestralDiscreteScheduler', timestep_spacing: 'trailing', steps_offset: 1 },
  false,
);
const lcm = readScheduler({ ...base, _class_name: 'LCMScheduler', original_inference_steps: 50 }, true);
const sd15 = readScheduler(
  { ...base, _class_name: 'PNDMScheduler', steps_offset: 1, skip_prk_steps: true },
  false,
);
const sd2v = readScheduler(
  { ...base, _class_name: 'EulerDiscreteScheduler', prediction_type: 'v_prediction' },
  false,
);

describe('scheduler_config.json', () => {
  it('SD-Turbo (an Euler scheduler, trailing spacing): 1 step, no guidance, Euler ancestral', () => {
    expect(turbo.fewStep).toEqual({
      family: 'turbo',
      steps: { min: 1, max: 4 },
      guidance: { min: 0, max: 0 },
    });
    expect(turbo.defaults).toEqual({ steps: 1, guidance: 0, sampler: 'euler-ancestral' });
    expect(turbo.scheduler).toEqual({
      className: 'EulerAncestralDiscreteScheduler',
      spacing: 'trailing',
      stepsOffset: 1,
    });
    const euler = readScheduler(
      { ...base, _class_name: 'EulerDiscreteScheduler', timestep_spacing: 'trailing' },
      false,
    );
    expect(euler.fewStep?.family).toBe('turbo');
    expect(euler.defaults.sampler).toBe('euler');
    expect(fewStepSummary(turbo.fewStep!)).toBe('few-step: 1–4 steps, no guidance');
  });

  it('LCM: 4 steps, guidance 8.5 as an embedding; without timestep_cond (LCM-LoRA) guidance 1', () => {
    expect(lcm.defaults).toEqual({ steps: 4, guidance: 8.5, sampler: 'lcm' });
    expect(lcm.scheduler).toMatchObject({ className: 'LCMScheduler', spacing: 'leading', originalSteps: 50 });
    expect(lcm.samplers).toEqual(['lcm']);
    expect(fewStepSummary(lcm.fewStep!)).toBe('few-step (LCM): 2–8 steps, guidance 1–15');
    const lora = readScheduler({ ...base, _class_name: 'LCMScheduler' }, false);
    expect(lora.defaults).toEqual({ steps: 4, guidance: 1, sampler: 'lcm' });
  });

  it('ordinary folders keep 25 steps and guidance 7.5; v-prediction and spacing are read', () => {
    expect(sd15.fewStep).toBeUndefined();
    expect(sd15.defaults).toEqual({ steps: 25, guidance: 7.5, sampler: 'euler' });
    expect(sd15.scheduler).toEqual({ className: 'PNDMScheduler', spacing: 'leading', stepsOffset: 1 });
    expect(sd2v.prediction).toBe('v_prediction');
    expect(sd2v.scheduler?.spacing).toBe('linspace');
    const betas = Array.from({ length: 1000 }, () => 0.01);
    expect(readScheduler({ ...base, trained_betas: betas }, false).schedule.alphasCumprod?.[1]).toBeCloseTo(
      0.99 ** 2,
      10,
    );
  });

  it('refuses what it cannot sample, naming the file and the reason', () => {
    const refusal = (c: Record<string, unknown>) => {
      try {
        readScheduler({ ...base, ...c }, false);
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(refusal({ _class_name: 'FlowMatchEulerDiscreteScheduler' })).toMatch(
      /scheduler\/scheduler_config\.json names "FlowMatchEulerDiscreteScheduler", a scheduler Atelier cannot sample with/,
    );
    expect(refusal({ prediction_type: 'sample' })).toMatch(/prediction_type "sample" is not supported/);
    expect(refusal({ timestep_spacing: 'karras' })).toMatch(/timestep_spacing "karras" is not one of/);
    expect(refusal({ beta_schedule: 'squaredcos_cap_v2' })).toMatch(/beta_schedule "squaredcos_cap_v2"/);
    expect(refusal({ rescale_betas_zero_snr: true })).toMatch(/rescale_betas_zero_snr/);
    expect(refusal({ trained_betas: [0.1, 0.2] })).toMatch(/trained_betas must be 1000 numbers/);
  });
});

describe('steps, guidance and sampler for a model', () => {
  const asModel = (f: typeof turbo, cond = false) => ({
    ...f,
    ...(cond ? { timestepCond: { dim: 32 } } : {}),
  });

  it('a Turbo model refuses 50 steps, guidance 7.5 and the LCM sampler, with a sentence', () => {
    const m = asModel(turbo);
    expect(paramProblem(m, { steps: 1, guidance: 0, sampler: 'euler-ancestral' })).toBeNull();
    expect(paramProblem(m, { steps: 4, guidance: 0, sampler: 'euler' })).toBeNull();
    expect(paramProblem(m, { steps: 50, guidance: 0, sampler: 'euler-ancestral' })).toEqual({
      field: 'steps',
      message: 'This is a few-step Turbo model: it draws in 1–4 steps (asked 50).',
    });
    expect(paramProblem(m, { steps: 1, guidance: 7.5, sampler: 'euler-ancestral' })?.message).toBe(
      'This is a few-step Turbo model, distilled to draw without classifier-free guidance: guidance must be 0 (asked 7.5).',
    );
    expect(paramProblem(m, { steps: 1, guidance: 0, sampler: 'lcm' })?.field).toBe('sampler');
  });

  it('an LCM samples with LCM only and takes guidance 1–15', () => {
    const m = asModel(lcm, true);
    expect(modelSamplers(m)).toEqual(['lcm']);
    expect(paramProblem(m, { steps: 4, guidance: 8.5, sampler: 'lcm' })).toBeNull();
    expect(paramProblem(m, { steps: 4, guidance: 8.5, sampler: 'ddim' })?.message).toBe(
      'This model samples with LCM (consistency); DDIM (deterministic) cannot drive it.',
    );
    expect(paramProblem(m, { steps: 1, guidance: 8.5, sampler: 'lcm' })?.message).toMatch(
      /2–8 steps \(asked 1\)/,
    );
    expect(paramProblem(m, { steps: 4, guidance: 20, sampler: 'lcm' })?.message).toMatch(
      /from 1 to 15 \(asked 20\)/,
    );
    expect(guidanceMode(m)).toBe('embedded');
  });

  it('ordinary models take any steps and guidance, and every sampler but LCM', () => {
    const m = asModel(sd15);
    expect(modelSamplers(m)).toEqual(['euler', 'ddim', 'euler-ancestral']);
    expect(paramProblem(m, { steps: 150, guidance: 20, sampler: 'ddim' })).toBeNull();
    expect(paramProblem(m, { steps: 20, guidance: 7, sampler: 'lcm' })?.field).toBe('sampler');
    expect(guidanceMode(m)).toBe('cfg');
    expect(guidanceMode(asModel(turbo))).toBe('above-one');
  });
});
