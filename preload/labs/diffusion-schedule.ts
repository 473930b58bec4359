/**
 * DDPM's noise schedule and time embedding (plain numbers, no tensors): how much of the data is
 * left at each step t (ᾱ_t) and how a step number is shown to the denoiser.
 *
 * q(x_t | x_0) = N(√ᾱ_t x_0, (1 − ᾱ_t) I), t = 1 … T, ᾱ_0 = 1.
 */

export const SCHEDULES = ['linear', 'cosine'] as const;
export type ScheduleName = (typeof SCHEDULES)[number];

/** The largest β one step may have (the cosine schedule's last steps would otherwise reach 1). */
const MAX_BETA = 0.999;
/** The linear schedule's β range in continuous time (the classic 1e-4 … 0.02 at T = 1000). */
const BETA_MIN = 0.1;
const BETA_MAX = 20;
/** The cosine schedule's small offset (Nichol & Dhariwal), so β₁ is not vanishingly small. */
const COSINE_OFFSET = 0.008;

export interface Schedule {
  steps: number;
  /** β_t, index t = 0 … T (β_0 = 0 unused). */
  beta: Float64Array;
  /** ᾱ_t = Π_{s ≤ t} (1 − β_s), index 0 … T (ᾱ_0 = 1). */
  alphaBar: Float64Array;
}

/**
 * The schedule for T steps. "linear": β grows linearly in continuous time (β(s) from 0.1 to 20
 * over s ∈ [0, 1]), which gives DDPM's 1e-4 … 0.02 at T = 1000 and the same ᾱ curve for any T.
 * "cosine": ᾱ follows cos² (Improved DDPM), so the data fades more evenly over the steps.
 */
export function makeSchedule(name: ScheduleName, steps: number): Schedule {
  const T = steps;
  const target = (t: number): number => {
    const s = t / T;
    if (name === 'linear') return Math.exp(-(BETA_MIN * s + 0.5 * (BETA_MAX - BETA_MIN) * s * s));
    const f = (u: number): number =>
      Math.cos(((u + COSINE_OFFSET) / (1 + COSINE_OFFSET)) * (Math.PI / 2)) ** 2;
    return f(s) / f(0);
  };
  const beta = new Float64Array(T + 1);
  const alphaBar = new Float64Array(T + 1);
  alphaBar[0] = 1;
  for (let t = 1; t <= T; t++) {
    beta[t] = Math.min(MAX_BETA, Math.max(0, 1 - target(t) / target(t - 1)));
    alphaBar[t] = alphaBar[t - 1]! * (1 - beta[t]!);
  }
  return { steps: T, beta, alphaBar };
}

/** Frequencies of the sinusoidal time embedding (over s = t / T ∈ [0, 1]). */
const FREQUENCIES = [1, 2, 4, 8, 16, 32, 64, 128];
/** Inputs the embedding adds to the denoiser (a sine and a cosine per frequency). */
export const EMBED_DIM = 2 * FREQUENCIES.length;

/** Writes the embedding of step t of T at `out[offset …]`. */
export function embedTime(t: number, T: number, out: Float32Array, offset: number): void {
  const s = t / T;
  FREQUENCIES.forEach((w, k) => {
    out[offset + 2 * k] = Math.sin(w * s);
    out[offset + 2 * k + 1] = Math.cos(w * s);
  });
}

/**
 * The steps DDIM visits with `count` steps out of T, from T down: evenly spaced, ending at the
 * first step above 0, e.g. T = 100, count 4 → [100, 75, 50, 25]. Then it jumps to x₀.
 */
export function ddimSteps(T: number, count: number): number[] {
  const n = Math.max(1, Math.min(T, Math.round(count)));
  const out: number[] = [];
  for (let i = n; i >= 1; i--) out.push(Math.max(1, Math.round((i * T) / n)));
  return out;
}

/** The signal fraction √ᾱ_t below which the data counts as gone (noise ten times the signal). */
export const GONE_SIGNAL = 0.1;
/** The first t whose remaining signal √ᾱ_t is at most {@link GONE_SIGNAL}. */
export function goneStep(s: Schedule): number {
  for (let t = 1; t <= s.steps; t++) if (Math.sqrt(s.alphaBar[t]!) <= GONE_SIGNAL) return t;
  return s.steps;
}
