/** The diffusion picture's request: its defaults and the changes the controls make (pure, tested). */
import type { DiffusionRequest, SamplerName } from '../../../../preload/labs/diffusion-view';

export const DIFFUSION_INITIAL_REQUEST: DiffusionRequest = {
  t: 0,
  arrows: true,
  sampler: 'ddim',
  steps: 20,
  particles: 32,
  samples: 300,
};

/** Particles whose trajectories are drawn when the toggle is on. */
export const TRAJECTORY_PARTICLES = 32;

/** A new step count for DDIM: a whole number from 1 to T (anything else leaves the request as it is). */
export function withSteps(request: DiffusionRequest, text: string, T: number): DiffusionRequest {
  const n = Math.round(Number(text));
  if (!Number.isFinite(n) || text.trim() === '') return request;
  return { ...request, steps: Math.min(T, Math.max(1, n)) };
}

export function withSampler(request: DiffusionRequest, sampler: string): DiffusionRequest {
  return { ...request, sampler: (sampler === 'ddpm' ? 'ddpm' : 'ddim') satisfies SamplerName };
}
