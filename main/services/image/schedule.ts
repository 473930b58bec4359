/**
 * Noise schedules and timestep tables for the samplers of ./samplers.ts: ᾱ from betas, the
 * timesteps a run visits — the legacy even spread over 0..T−1 (bundled models, and Stable
 * Diffusion folders imported before schedulers were read), diffusers' `linspace`, `leading` and
 * `trailing` spacings (`set_timesteps` of the Euler and DDIM schedulers: SD-Turbo samples with
 * `trailing`), and the LCM scheduler's table (`original_inference_steps` evenly skipped) — and
 * the guidance-scale embedding an LCM UNet takes as `timestep_cond`.
 *
 * Written here: no maintained JavaScript package implements these tables; each is a line of
 * arithmetic checked against diffusers' own values in ./schedule.test.ts.
 */

export interface ScheduleSpec {
  timesteps: number;
  betaSchedule: string;
  betaStart?: number | undefined;
  betaEnd?: number | undefined;
  alphasCumprod?: number[] | undefined;
}

/** ᾱ_t for t = 0..T-1, from the manifest's array or from its betas. */
export function alphasCumprod(s: ScheduleSpec): Float64Array {
  if (s.alphasCumprod) return Float64Array.from(s.alphasCumprod);
  const T = s.timesteps;
  const b0 = s.betaStart ?? 0.0001;
  const b1 = s.betaEnd ?? 0.02;
  const betas = new Float64Array(T);
  for (let i = 0; i < T; i++) {
    const f = T === 1 ? 0 : i / (T - 1);
    if (s.betaSchedule === 'scaled_linear')
      betas[i] = (Math.sqrt(b0) + f * (Math.sqrt(b1) - Math.sqrt(b0))) ** 2;
    else if (s.betaSchedule === 'linear') betas[i] = b0 + f * (b1 - b0);
    else throw new Error(`unknown beta schedule "${s.betaSchedule}"`);
  }
  const out = new Float64Array(T);
  let prod = 1;
  for (let i = 0; i < T; i++) out[i] = prod *= 1 - betas[i]!;
  return out;
}

export const SPACINGS = ['linspace', 'leading', 'trailing'] as const;
export type Spacing = (typeof SPACINGS)[number];

/** How a model's scheduler spreads its steps (from its scheduler_config.json). */
export interface Spread {
  spacing: Spacing;
  /** `steps_offset`, added to `leading` timesteps. */
  stepsOffset: number;
  /** LCM: the distillation schedule's step count (`original_inference_steps`). */
  originalSteps?: number | undefined;
}

/**
 * The legacy spread: `steps` evenly spaced over 0..T-1 (the last is 0). img2img keeps the last
 * ⌈steps × strength⌉ of them.
 */
export function timesteps(T: number, steps: number, strength = 1): number[] {
  const all: number[] = [];
  for (let i = 0; i < steps; i++)
    all.push(steps === 1 ? T - 1 : Math.round(((steps - 1 - i) * (T - 1)) / (steps - 1)));
  return keepLast(all, strength);
}

/** img2img: the last ⌈n × strength⌉ timesteps (at least one). */
export function keepLast(all: number[], strength: number): number[] {
  const keep = Math.max(1, Math.min(all.length, Math.ceil(all.length * strength)));
  return all.slice(all.length - keep);
}

/**
 * diffusers' `set_timesteps` for a spacing, from noisy to clean: `linspace` (fractional, as the
 * Euler schedulers keep them), `leading` (⌊T/n⌋ apart from 0, plus the offset), `trailing` (T/n
 * apart, ending T−1).
 */
export function spacedTimesteps(T: number, steps: number, s: Spread): number[] {
  const out: number[] = [];
  if (s.spacing === 'linspace') {
    for (let i = steps - 1; i >= 0; i--) out.push(steps === 1 ? 0 : (i * (T - 1)) / (steps - 1));
  } else if (s.spacing === 'leading') {
    const ratio = Math.floor(T / steps);
    for (let i = steps - 1; i >= 0; i--) out.push(i * ratio + s.stepsOffset);
  } else {
    const ratio = T / steps;
    // numpy's arange(T, 0, -ratio) then round (half to even), minus one.
    for (let v = T, i = 0; i < steps && v > 0; i++, v = T - i * ratio) out.push(roundHalfEven(v) - 1);
  }
  return out;
}

/** LCMScheduler.set_timesteps: `steps` of the `original` evenly skipped ones (k = T / original). */
export function lcmTimesteps(T: number, steps: number, original: number): number[] {
  const k = Math.floor(T / original);
  const origin: number[] = [];
  for (let i = original; i >= 1; i--) origin.push(i * k - 1);
  const out: number[] = [];
  for (let i = 0; i < steps; i++) out.push(origin[Math.floor((i * origin.length) / steps)]!);
  return out;
}

/** The timesteps a sampler visits for a model's spread (legacy when the model states none). */
export function planTimesteps(
  T: number,
  steps: number,
  strength: number,
  spread: Spread | undefined,
  lcm: boolean,
): number[] {
  if (!spread) return timesteps(T, steps, strength);
  const all = lcm ? lcmTimesteps(T, steps, spread.originalSteps ?? 50) : spacedTimesteps(T, steps, spread);
  return keepLast(all, strength);
}

function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return Math.abs(v % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** σ(t) = √((1−ᾱ)/ᾱ), linearly interpolated between integer timesteps (numpy's interp). */
export function sigmaAt(alphas: Float64Array, t: number): number {
  const s = (i: number): number => Math.sqrt((1 - alphas[i]!) / alphas[i]!);
  const lo = Math.max(0, Math.min(alphas.length - 1, Math.floor(t)));
  const hi = Math.min(alphas.length - 1, lo + 1);
  const f = t - lo;
  return f <= 0 || hi === lo ? s(lo) : s(lo) * (1 - f) + s(hi) * f;
}

/** ᾱ at a (possibly fractional) timestep, consistent with σ: 1 / (1 + σ²). */
export function alphaAt(alphas: Float64Array, t: number): number {
  if (Number.isInteger(t)) return alphas[t]!;
  const s = sigmaAt(alphas, t);
  return 1 / (1 + s * s);
}

/**
 * LatentConsistencyModelPipeline's guidance-scale embedding of w = guidance − 1 (`timestep_cond`),
 * `dim` values: sin then cos of 1000·w over log-spaced frequencies (a zero pads an odd dim).
 */
export function guidanceEmbedding(guidance: number, dim: number): Float32Array {
  const w = (guidance - 1) * 1000;
  const half = Math.floor(dim / 2);
  // float32 arithmetic at every step, as torch computes it (the phases reach 1000·w radians, so
  // a double-precision frequency would drift from the model's by more than the values' precision)
  const step = Math.fround(Math.fround(Math.log(10000)) / (half - 1));
  const out = new Float32Array(dim);
  for (let i = 0; i < half; i++) {
    const f = Math.fround(Math.exp(Math.fround(-step * i)));
    const a = Math.fround(w * f);
    out[i] = Math.sin(a);
    out[half + i] = Math.cos(a);
  }
  return out;
}
