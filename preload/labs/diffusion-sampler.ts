/**
 * The trained denoiser ε(x_t, t) evaluated in plain JavaScript from a snapshot of its weights, and
 * the two samplers that run it from noise to data: DDPM (ancestral, every step, fresh noise each
 * step) and DDIM (deterministic, η = 0, any number of steps). Sampling runs the network hundreds
 * of times on small batches, where tfjs's cpu backend would spend most of its time per op; training
 * stays on tfjs (diffusion.ts) and a test holds the two to the same numbers.
 */
import type { Rng } from '../rng';
import { PLANE } from './data';
import { ddimSteps, EMBED_DIM, embedTime, type Schedule } from './diffusion-schedule';
import type { SamplerName } from './diffusion-view';
import type { Mlp } from './nn';

interface Dense {
  w: Float32Array;
  b: Float32Array;
  inputs: number;
  outputs: number;
}

export class Denoiser {
  private readonly embed = new Float32Array(EMBED_DIM);
  /** The first layer's pre-activation from the time embedding and bias (one per call: t is shared). */
  private readonly first: Float64Array;
  private readonly h1: Float64Array;
  private readonly h2: Float64Array;

  private constructor(
    private readonly layers: Dense[],
    readonly T: number,
  ) {
    const widest = Math.max(...layers.map((l) => l.outputs));
    this.first = new Float64Array(layers[0]!.outputs);
    this.h1 = new Float64Array(widest);
    this.h2 = new Float64Array(widest);
  }

  /** A snapshot of the net's weights now (relu hidden layers; input [x, y, embedding]). */
  static of(net: Mlp, T: number): Denoiser {
    return new Denoiser(
      net.layers.map((l) => ({
        w: l.w.dataSync() as Float32Array,
        b: l.b.dataSync() as Float32Array,
        inputs: l.w.shape[0]!,
        outputs: l.w.shape[1]!,
      })),
      T,
    );
  }

  /** ε̂ for every row of x (row-major n × 2) at step t, into `out`. */
  eps(x: Float32Array, t: number, out = new Float32Array(x.length)): Float32Array {
    const L = this.layers;
    const l0 = L[0]!;
    embedTime(t, this.T, this.embed, 0);
    for (let j = 0; j < l0.outputs; j++) {
      let v = l0.b[j]!;
      for (let e = 0; e < EMBED_DIM; e++) v += this.embed[e]! * l0.w[(2 + e) * l0.outputs + j]!;
      this.first[j] = v;
    }
    for (let r = 0; r < x.length / 2; r++) {
      const px = x[2 * r]!;
      const py = x[2 * r + 1]!;
      let src = this.h1;
      let dst = this.h2;
      for (let j = 0; j < l0.outputs; j++) {
        const v = this.first[j]! + px * l0.w[j]! + py * l0.w[l0.outputs + j]!;
        src[j] = L.length > 1 && v < 0 ? 0 : v;
      }
      for (let k = 1; k < L.length; k++) {
        const { w, b, inputs, outputs } = L[k]!;
        const hidden = k + 1 < L.length;
        for (let j = 0; j < outputs; j++) dst[j] = b[j]!;
        for (let i = 0; i < inputs; i++) {
          const a = src[i]!;
          if (a === 0) continue;
          const row = i * outputs;
          for (let j = 0; j < outputs; j++) dst[j]! += a * w[row + j]!;
        }
        if (hidden) for (let j = 0; j < outputs; j++) if (dst[j]! < 0) dst[j] = 0;
        const tmp = src;
        src = dst;
        dst = tmp;
      }
      out[2 * r] = src[0]!;
      out[2 * r + 1] = src[1]!;
    }
    return out;
  }
}

export interface SampleRun {
  /** Final positions, n × 2. */
  samples: Float32Array;
  /** The first `particles` rows at every step: particles × (steps + 1) × 2, from noise to data. */
  trajectories: Float32Array;
  particles: number;
  /** Denoising steps taken. */
  steps: number;
}

/** x̂₀ from x_t and ε̂, kept inside the plane (the data's box): early steps divide by a tiny √ᾱ_t. */
function predictX0(x: number, e: number, ab: number): number {
  const x0 = (x - Math.sqrt(1 - ab) * e) / Math.sqrt(ab);
  return Math.min(PLANE, Math.max(-PLANE, x0));
}

function record(run: SampleRun, x: Float32Array, step: number): void {
  const stride = (run.steps + 1) * 2;
  for (let p = 0; p < run.particles; p++) {
    run.trajectories[p * stride + step * 2] = x[2 * p]!;
    run.trajectories[p * stride + step * 2 + 1] = x[2 * p + 1]!;
  }
}

/**
 * n samples, starting from N(0, I) noise drawn from `rng` and denoised along `timesteps` (from
 * T down): DDPM visits every step and adds the posterior's noise; DDIM jumps between the given
 * steps deterministically.
 */
function run(
  den: Denoiser,
  s: Schedule,
  n: number,
  particles: number,
  rng: Rng,
  sampler: SamplerName,
  timesteps: number[],
): SampleRun {
  const x = rng.fillNormal(new Float32Array(n * 2));
  const eps = new Float32Array(n * 2);
  const noise = new Float32Array(n * 2);
  const out: SampleRun = {
    samples: x,
    trajectories: new Float32Array(Math.min(particles, n) * (timesteps.length + 1) * 2),
    particles: Math.min(particles, n),
    steps: timesteps.length,
  };
  record(out, x, 0);
  timesteps.forEach((t, i) => {
    const prev = i + 1 < timesteps.length ? timesteps[i + 1]! : 0;
    const ab = s.alphaBar[t]!;
    const abPrev = s.alphaBar[prev]!;
    den.eps(x, t, eps);
    if (sampler === 'ddpm') {
      // The Gaussian posterior q(x_{t−1} | x_t, x̂₀): its mean blends x̂₀ and x_t, its variance β̃_t.
      const beta = s.beta[t]!;
      const c0 = (Math.sqrt(abPrev) * beta) / (1 - ab);
      const ct = (Math.sqrt(1 - beta) * (1 - abPrev)) / (1 - ab);
      const sigma = Math.sqrt((beta * (1 - abPrev)) / (1 - ab));
      if (prev > 0) rng.fillNormal(noise);
      for (let k = 0; k < x.length; k++) {
        const mean = c0 * predictX0(x[k]!, eps[k]!, ab) + ct * x[k]!;
        x[k] = prev > 0 ? mean + sigma * noise[k]! : mean;
      }
    } else {
      for (let k = 0; k < x.length; k++) {
        const x0 = predictX0(x[k]!, eps[k]!, ab);
        // ε consistent with the kept x̂₀, so the deterministic step stays on the same path.
        const e = (x[k]! - Math.sqrt(ab) * x0) / Math.sqrt(1 - ab);
        x[k] = Math.sqrt(abPrev) * x0 + Math.sqrt(1 - abPrev) * e;
      }
    }
    record(out, x, i + 1);
  });
  return out;
}

/** DDPM: ancestral sampling through all T steps. */
export function sampleDdpm(den: Denoiser, s: Schedule, n: number, rng: Rng, particles = 0): SampleRun {
  const timesteps = Array.from({ length: s.steps }, (_, i) => s.steps - i);
  return run(den, s, n, particles, rng, 'ddpm', timesteps);
}

/** DDIM (η = 0) in `steps` evenly spaced steps; only the starting noise is random. */
export function sampleDdim(
  den: Denoiser,
  s: Schedule,
  n: number,
  steps: number,
  rng: Rng,
  particles = 0,
): SampleRun {
  return run(den, s, n, particles, rng, 'ddim', ddimSteps(s.steps, steps));
}
