/**
 * Diffusion samplers in TypeScript over any noise-prediction model and any discrete schedule
 * (./schedule.ts): DDIM (deterministic, eta 0), Euler (Karras et al.'s first-order sampler in
 * sigma space), Euler ancestral (k-diffusion's sample_euler_ancestral: an Euler step down to
 * σ_down, then fresh noise of σ_up — SD-Turbo's sampler) and LCM (a latent consistency model's
 * multistep sampling: the boundary-condition-scaled clean estimate, noised again to the next
 * timestep). The model is a function; the image service calls the UNet in the inference
 * process, tests call a closed-form denoiser.
 *
 * Written here rather than taken from a library: no maintained JavaScript package implements
 * diffusion schedulers, and the arithmetic is a few lines per step (diffusers' DDIMScheduler,
 * EulerDiscreteScheduler, EulerAncestralDiscreteScheduler and LCMScheduler are the references).
 */
import { AtelierError, type ImageScheduler } from '../../../preload/contract';
import { alphaAt, planTimesteps, sigmaAt, type Spread } from './schedule';

export { alphasCumprod, timesteps, type ScheduleSpec } from './schedule';

/** Predicted noise for the whole batch at one timestep (ᾱ at that timestep, for v-prediction). */
export type EpsModel = (x: Float32Array, t: number, step: number, alpha: number) => Promise<Float32Array>;

export interface SampleOptions {
  sampler: ImageScheduler;
  alphas: Float64Array;
  steps: number;
  /** The model's scheduler spread (diffusers' timestep spacing); the legacy spread when absent. */
  spread?: Spread | undefined;
  /** img2img: 0..1 (1 = start from pure noise). */
  strength?: number | undefined;
  /** Standard normal noise, one value per element of the batch. */
  noise: Float32Array;
  /** Fresh standard normals for the whole batch (Euler ancestral and LCM draw them every step). */
  fresh?: (() => Float32Array) | undefined;
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

/** The timesteps `o` visits, noisy to clean (for tests and the bench). */
export function sampleTimesteps(
  o: Pick<SampleOptions, 'sampler' | 'alphas' | 'steps' | 'spread' | 'strength' | 'init'>,
) {
  const strength = o.init ? (o.strength ?? 1) : 1;
  return planTimesteps(o.alphas.length, o.steps, strength, o.spread, o.sampler === 'lcm');
}

/** LCM's boundary-condition scalings at timestep t (σ_data 0.5, timestep scaling 10). */
function lcmScalings(t: number): { skip: number; out: number } {
  const s = t * 10;
  return { skip: 0.25 / (s * s + 0.25), out: s / Math.sqrt(s * s + 0.25) };
}

/** Runs the sampler; returns the clean image (model space). */
export async function sample(o: SampleOptions): Promise<Float32Array> {
  const ts = sampleTimesteps(o);
  const n = o.noise.length;
  const a = (t: number): number => alphaAt(o.alphas, t);
  const sigma = (t: number): number => sigmaAt(o.alphas, t);
  const sigmaSpace = o.sampler === 'euler' || o.sampler === 'euler-ancestral';
  const t0 = ts[0]!;
  const x = new Float32Array(n);
  // The starting point: noise at the first timestep (img2img: the init image noised to it).
  if (!sigmaSpace) {
    const sa = Math.sqrt(a(t0));
    const sn = Math.sqrt(1 - a(t0));
    // LCM starts from the noise itself (its init_noise_sigma is 1); DDIM keeps its scaling by
    // √(1−ᾱ_T) (≈ 0.998 at SD's T), so every earlier seed draws the same picture as before.
    const pure = o.sampler === 'lcm' && !o.init;
    for (let i = 0; i < n; i++) x[i] = pure ? o.noise[i]! : (o.init ? sa * o.init[i]! : 0) + sn * o.noise[i]!;
  } else {
    // Euler works on x / sqrt(ᾱ): pure noise has standard deviation sigma (diffusers' `leading`
    // spacing starts from √(σ² + 1), its init_noise_sigma there).
    const s0 = sigma(t0);
    const s = !o.init && o.spread?.spacing === 'leading' ? Math.sqrt(s0 * s0 + 1) : s0;
    for (let i = 0; i < n; i++) x[i] = (o.init ? o.init[i]! : 0) + s * o.noise[i]!;
  }
  const clip = (v: number): number => (o.clip ? Math.min(o.clip[1], Math.max(o.clip[0], v)) : v);
  const est = new Float32Array(n);
  for (let k = 0; k < ts.length; k++) {
    if (o.signal?.aborted) throw cancelled();
    const t = ts[k]!;
    const next = ts[k + 1];
    if (o.sampler === 'ddim') {
      const eps = await o.eps(x, t, k, a(t));
      const sa = Math.sqrt(a(t));
      const sn = Math.sqrt(1 - a(t));
      const ap = next === undefined ? 1 : a(next);
      for (let i = 0; i < n; i++) {
        let x0 = (x[i]! - sn * eps[i]!) / sa;
        let e = eps[i]!;
        if (o.clip) {
          const c = clip(x0);
          if (c !== x0) {
            x0 = c;
            e = (x[i]! - sa * x0) / sn;
          }
        }
        est[i] = x0;
        x[i] = Math.sqrt(ap) * x0 + Math.sqrt(1 - ap) * e;
      }
    } else if (o.sampler === 'lcm') {
      const eps = await o.eps(x, t, k, a(t));
      const sa = Math.sqrt(a(t));
      const sn = Math.sqrt(1 - a(t));
      const { skip, out } = lcmScalings(t);
      const last = next === undefined;
      const z = last ? null : freshNoise(o, n);
      const ap = last ? 1 : a(next);
      for (let i = 0; i < n; i++) {
        const x0 = clip((x[i]! - sn * eps[i]!) / sa);
        const denoised = clip(out * x0 + skip * x[i]!);
        est[i] = denoised;
        x[i] = z ? Math.sqrt(ap) * denoised + Math.sqrt(1 - ap) * z[i]! : denoised;
      }
    } else {
      const s = sigma(t);
      const sNext = next === undefined ? 0 : sigma(next);
      const scale = 1 / Math.sqrt(s * s + 1);
      const scaled = new Float32Array(n);
      for (let i = 0; i < n; i++) scaled[i] = x[i]! * scale;
      const eps = await o.eps(scaled, t, k, a(t));
      // Euler ancestral: the deterministic part goes down to σ_down, fresh noise adds σ_up.
      const up =
        o.sampler === 'euler-ancestral' ? Math.sqrt((sNext * sNext * (s * s - sNext * sNext)) / (s * s)) : 0;
      const down = Math.sqrt(sNext * sNext - up * up);
      const z = up > 0 ? freshNoise(o, n) : null;
      for (let i = 0; i < n; i++) {
        const x0 = clip(x[i]! - s * eps[i]!);
        est[i] = x0;
        const d = (x[i]! - x0) / s;
        x[i] = x[i]! + d * (down - s) + (z ? up * z[i]! : 0);
      }
    }
    if (o.signal?.aborted) throw cancelled();
    await o.onStep?.(k + 1, ts.length, est);
  }
  return o.sampler === 'ddim' || o.sampler === 'lcm' ? est.slice() : x;
}

function freshNoise(o: SampleOptions, n: number): Float32Array {
  if (!o.fresh) throw new Error(`the ${o.sampler} sampler needs fresh noise every step`);
  const z = o.fresh();
  if (z.length !== n) throw new Error(`fresh noise has ${z.length} values, the batch ${n}`);
  return z;
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
