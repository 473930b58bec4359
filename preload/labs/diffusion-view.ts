/**
 * What the diffusion lab's picture asks for and gets (plain data: it crosses postMessage). No
 * tensors here, so the page can import it without the training library.
 */

export const SAMPLERS = ['ddpm', 'ddim'] as const;
/** DDPM: ancestral, all T steps, fresh noise each step. DDIM: deterministic (η = 0), any step count. */
export type SamplerName = (typeof SAMPLERS)[number];

export interface DiffusionRequest {
  /** The forward process's step on show: 0 = the data, T = (almost) pure noise. */
  t?: number;
  /** Draw the learned score −ε̂/σ_t at step t as arrows on a grid. */
  arrows?: boolean;
  sampler?: SamplerName;
  /** DDIM's number of steps (DDPM always takes T). */
  steps?: number;
  /** Particles whose whole reverse path (noise → data) is returned. */
  particles?: number;
  /** Final samples of the chosen sampler to draw. */
  samples?: number;
}

export interface DiffusionView {
  /** T, the number of diffusion steps the model was trained with. */
  T: number;
  /** The step on show (the request's, clamped to 0 … T). */
  t: number;
  /** ᾱ_t: how much of the data's signal is left at t (1 at t = 0). */
  alphaBar: number;
  /** The training points noised to step t: x_t = √ᾱ_t x₀ + √(1 − ᾱ_t) ε, with a fixed ε per point. */
  noised: Float32Array;
  /** Arrow grid: arrowSide² tails (row-major [x, y]) and the score there (an empty grid when off). */
  arrowSide: number;
  arrowAt: Float32Array;
  arrowVec: Float32Array;
  sampler: SamplerName;
  /** Denoising steps the sampler took. */
  steps: number;
  /** particles × (steps + 1) × 2: each particle's position at every step, from noise to data. */
  particles: number;
  trajectories: Float32Array;
  /** Final samples (samples × 2). */
  samples: Float32Array;
}
