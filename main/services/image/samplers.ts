/**
 * Diffusion samplers in TypeScript: DDIM (deterministic, eta 0) and Euler (Karras et al.'s
 * first-order sampler in sigma space), over any noise-prediction model and any discrete
 * schedule (the manifest's alphas_cumprod, or betas to build it). The model is a function; the
 * image service calls the UNet in the inference process, tests call a closed-form denoiser.
 *
 * Written here rather than taken from a library: no maintained JavaScript package implements
 * diffusion schedulers, and the arithmetic is a few lines per step (diffusers' DDIMScheduler
 * and k-diffusion's sample_euler are the references).
 */
import { AtelierError } from '../../../preload/contract';
import type { ImageSampler } from '../../../preload/image';

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

/**
 * The timesteps a run visits, from noisy to clean: `steps` evenly spaced over 0..T-1 (the
 * last is 0). img2img keeps the last ⌈steps × strength⌉ of them.
 */
export function timesteps(T: number, steps: number, strength = 1): number[] {
  const all: number[] = [];
  for (let i = 0; i < steps; i++)
    all.push(steps === 1 ? T - 1 : Math.round(((steps - 1 - i) * (T - 1)) / (steps - 1)));
  const keep = Math.max(1, Math.min(steps, Math.ceil(steps * strength)));
  return all.slice(steps - keep);
}

/** Predicted noise for the whole batch at one timestep. */
export type EpsModel = (x: Float32Array, t: number, step: number) => Promise<Float32Array>;

export interface SampleOptions {
  sampler: ImageSampler;
  alphas: Float64Array;
  steps: number;
  /** img2img: 0..1 (1 = start from pure noise). */
  strength?: number;
  /** Standard normal noise, one value per element of the batch. */
  noise: Float32Array;
  /** img2img: the clean starting point (model space). */
  init?: Float32Array | undefined;
  /** Clip the estimate of the clean image to this range (pixel models). */
  clip?: [number, number] | undefined;
  eps: EpsModel;
  /** After each step: its index (1-based), the count, the current estimate of the clean image. */
  onStep?: (step: number, steps: number, estimate: Float32Array) => void | Promise<void>;
  signal?: AbortSignal | undefined;
}

const cancelled = (): AtelierError =>
  new AtelierError({ code: 'cancelled', message: 'Cancelled; nothing was saved.' });

/** Runs the sampler; returns the clean image (model space). */
export async function sample(o: SampleOptions): Promise<Float32Array> {
  const T = o.alphas.length;
  const ts = timesteps(T, o.steps, o.init ? (o.strength ?? 1) : 1);
  const n = o.noise.length;
  const a = (t: number): number => o.alphas[t]!;
  const sigma = (t: number): number => Math.sqrt((1 - a(t)) / a(t));
  const t0 = ts[0]!;
  const x = new Float32Array(n);
  // The starting point: noise at the first timestep (img2img: the init image noised to it).
  if (o.sampler === 'ddim') {
    const sa = Math.sqrt(a(t0));
    const sn = Math.sqrt(1 - a(t0));
    for (let i = 0; i < n; i++) x[i] = (o.init ? sa * o.init[i]! : 0) + sn * o.noise[i]!;
  } else {
    // Euler works on x / sqrt(ᾱ): pure noise has standard deviation sigma.
    const s = sigma(t0);
    for (let i = 0; i < n; i++) x[i] = (o.init ? o.init[i]! : 0) + s * o.noise[i]!;
  }
  const est = new Float32Array(n);
  for (let k = 0; k < ts.length; k++) {
    if (o.signal?.aborted) throw cancelled();
    const t = ts[k]!;
    const next = ts[k + 1];
    if (o.sampler === 'ddim') {
      const eps = await o.eps(x, t, k);
      const sa = Math.sqrt(a(t));
      const sn = Math.sqrt(1 - a(t));
      const ap = next === undefined ? 1 : a(next);
      for (let i = 0; i < n; i++) {
        let x0 = (x[i]! - sn * eps[i]!) / sa;
        let e = eps[i]!;
        if (o.clip) {
          const c = Math.min(o.clip[1], Math.max(o.clip[0], x0));
          if (c !== x0) {
            x0 = c;
            e = (x[i]! - sa * x0) / sn;
          }
        }
        est[i] = x0;
        x[i] = Math.sqrt(ap) * x0 + Math.sqrt(1 - ap) * e;
      }
    } else {
      const s = sigma(t);
      const sNext = next === undefined ? 0 : sigma(next);
      const scale = 1 / Math.sqrt(s * s + 1);
      const scaled = new Float32Array(n);
      for (let i = 0; i < n; i++) scaled[i] = x[i]! * scale;
      const eps = await o.eps(scaled, t, k);
      for (let i = 0; i < n; i++) {
        let x0 = x[i]! - s * eps[i]!;
        if (o.clip) x0 = Math.min(o.clip[1], Math.max(o.clip[0], x0));
        est[i] = x0;
        const d = (x[i]! - x0) / s;
        x[i] = x[i]! + d * (sNext - s);
      }
    }
    if (o.signal?.aborted) throw cancelled();
    await o.onStep?.(k + 1, ts.length, est);
  }
  return o.sampler === 'ddim' ? est.slice() : x;
}

/** Classifier-free guidance: uncond + g × (cond − uncond), batch halves [uncond…, cond…]. */
export function guide(out: Float32Array, guidance: number): Float32Array {
  const half = out.length / 2;
  const r = new Float32Array(half);
  for (let i = 0; i < half; i++) r[i] = out[i]! + guidance * (out[half + i]! - out[i]!);
  return r;
}

/** epsilon from a v-prediction: ε = √ᾱ·v + √(1−ᾱ)·x_t. */
export function epsFromV(v: Float32Array, x: Float32Array, alpha: number): Float32Array {
  const sa = Math.sqrt(alpha);
  const sn = Math.sqrt(1 - alpha);
  const r = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) r[i] = sa * v[i]! + sn * x[i]!;
  return r;
}
