/**
 * Timestep tables against diffusers' own: the arrays below are what `set_timesteps` of
 * EulerDiscreteScheduler / EulerAncestralDiscreteScheduler (timestep_spacing linspace, leading,
 * trailing) and LCMScheduler (original_inference_steps 50) give for T = 1000; the fixtures'
 * reference.json holds the same tables computed by numpy (make_tiny_sd_variants.py), and the
 * LCM guidance embedding as torch computes it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../preload/rng';
import { sample, sampleTimesteps } from './samplers';
import { alphasCumprod, guidanceEmbedding, lcmTimesteps, sigmaAt, spacedTimesteps } from './schedule';

const sd = alphasCumprod({
  timesteps: 1000,
  betaSchedule: 'scaled_linear',
  betaStart: 0.00085,
  betaEnd: 0.012,
});
const trailing = { spacing: 'trailing' as const, stepsOffset: 1 };
const fixture = (name: string) =>
  JSON.parse(readFileSync(resolve('models/training/images', name, 'reference.json'), 'utf8')) as {
    timesteps: Record<string, number[]>;
    unet: { guidance?: number; timestepCondFirst8?: number[] };
  };

describe('timestep spacing (diffusers set_timesteps, T = 1000)', () => {
  it('trailing: SD-Turbo’s 1, 2, 3 and 4 steps end at T − 1', () => {
    expect(spacedTimesteps(1000, 1, trailing)).toEqual([999]);
    expect(spacedTimesteps(1000, 2, trailing)).toEqual([999, 499]);
    expect(spacedTimesteps(1000, 3, trailing)).toEqual([999, 666, 332]);
    expect(spacedTimesteps(1000, 4, trailing)).toEqual([999, 749, 499, 249]);
    expect(spacedTimesteps(1000, 8, trailing)).toEqual([999, 874, 749, 624, 499, 374, 249, 124]);
    for (const [n, want] of Object.entries(fixture('tiny-sd-turbo').timesteps))
      expect(spacedTimesteps(1000, Number(n), trailing)).toEqual(want);
  });

  it('leading: ⌊T/n⌋ apart plus steps_offset (SD 1.x’s PNDM and DDIM)', () => {
    const leading = { spacing: 'leading' as const, stepsOffset: 1 };
    expect(spacedTimesteps(1000, 4, leading)).toEqual([751, 501, 251, 1]);
    expect(spacedTimesteps(1000, 1, leading)).toEqual([1]);
    const t25 = spacedTimesteps(1000, 25, leading);
    expect([t25[0], t25[1], t25.at(-1)]).toEqual([961, 921, 1]);
  });

  it('linspace: fractional timesteps from T − 1 to 0', () => {
    const linspace = { spacing: 'linspace' as const, stepsOffset: 0 };
    expect(spacedTimesteps(1000, 4, linspace)).toEqual([999, 666, 333, 0]);
    expect(spacedTimesteps(1000, 3, linspace)).toEqual([999, 499.5, 0]);
  });

  it('LCM: 1, 2, 4 and 8 of the 50 distillation steps', () => {
    expect(lcmTimesteps(1000, 1, 50)).toEqual([999]);
    expect(lcmTimesteps(1000, 2, 50)).toEqual([999, 499]);
    expect(lcmTimesteps(1000, 4, 50)).toEqual([999, 759, 499, 259]);
    expect(lcmTimesteps(1000, 8, 50)).toEqual([999, 879, 759, 639, 499, 379, 259, 139]);
    for (const [n, want] of Object.entries(fixture('tiny-lcm').timesteps))
      expect(lcmTimesteps(1000, Number(n), 50)).toEqual(want);
  });

  it('σ at Stable Diffusion’s last timestep is diffusers’ σ_max, interpolated between timesteps', () => {
    expect(sigmaAt(sd, 999)).toBeCloseTo(14.6146, 3);
    expect(sigmaAt(sd, 499.5)).toBeCloseTo((sigmaAt(sd, 499) + sigmaAt(sd, 500)) / 2, 10);
  });

  it('img2img keeps the last share of a few-step table', () => {
    const o = {
      sampler: 'euler-ancestral' as const,
      alphas: sd,
      steps: 4,
      spread: trailing,
      init: new Float32Array(1),
    };
    expect(sampleTimesteps({ ...o, strength: 0.5 })).toEqual([499, 249]);
    expect(sampleTimesteps({ ...o, strength: 0.1 })).toEqual([249]);
  });
});

describe('LCM guidance embedding (timestep_cond)', () => {
  it('is torch’s get_guidance_scale_embedding of guidance − 1', () => {
    const ref = fixture('tiny-lcm').unet;
    const e = guidanceEmbedding(ref.guidance!, 32);
    expect(e).toHaveLength(32);
    // Phases of up to 7500 rad: one float32 ulp of a frequency moves a value by ~1e-3.
    ref.timestepCondFirst8!.forEach((v, i) => expect(Math.abs(e[i]! - v)).toBeLessThan(2e-3));
    // w = 0 (guidance 1): sin 0 = 0, cos 0 = 1.
    expect(Array.from(guidanceEmbedding(1, 4))).toEqual([0, 0, 1, 1]);
  });
});

describe('few-step sampling', () => {
  const n = 8;
  const constantEps =
    (calls: number[], value = 0.5) =>
    (_x: Float32Array, t: number) => {
      calls.push(t);
      return Promise.resolve(new Float32Array(n).fill(value));
    };

  it('Euler ancestral, 1 step (trailing): one UNet call at 999 and the clean estimate x − σ·ε', async () => {
    const calls: number[] = [];
    let drawn = 0;
    const noise = new Rng(1).fillNormal(new Float32Array(n));
    const x = await sample({
      sampler: 'euler-ancestral',
      alphas: sd,
      steps: 1,
      spread: trailing,
      noise,
      fresh: () => (drawn++, new Float32Array(n)),
      eps: constantEps(calls),
    });
    expect(calls).toEqual([999]);
    expect(drawn).toBe(0); // σ_up is 0 on the last step
    const s = sigmaAt(sd, 999);
    x.forEach((v, i) => expect(v).toBeCloseTo(s * noise[i]! - s * 0.5, 4));
  });

  it('Euler ancestral, 4 steps: calls at diffusers’ timesteps, fresh noise on all but the last', async () => {
    const calls: number[] = [];
    let drawn = 0;
    await sample({
      sampler: 'euler-ancestral',
      alphas: sd,
      steps: 4,
      spread: trailing,
      noise: new Float32Array(n),
      fresh: () => (drawn++, new Rng(drawn).fillNormal(new Float32Array(n))),
      eps: constantEps(calls, 0),
    });
    expect(calls).toEqual([999, 749, 499, 249]);
    expect(drawn).toBe(3);
  });

  it('LCM, 2 steps: the boundary-scaled estimate, noised again to 499, then the final estimate', async () => {
    const calls: number[] = [];
    let drawn = 0;
    const x = await sample({
      sampler: 'lcm',
      alphas: sd,
      steps: 2,
      spread: { spacing: 'leading', stepsOffset: 1, originalSteps: 50 },
      noise: new Float32Array(n).fill(1),
      fresh: () => (drawn++, new Float32Array(n)),
      eps: (xt, t) => {
        calls.push(t);
        return Promise.resolve(new Float32Array(xt).fill(0));
      },
    });
    expect(calls).toEqual([999, 499]);
    expect(drawn).toBe(1);
    // ε = 0: x0 = x / √ᾱ; at t = 499 with fresh noise 0 the input is √ᾱ_499 · denoised_999.
    const scale = (t: number) => {
      const s = t * 10;
      return { skip: 0.25 / (s * s + 0.25), out: s / Math.sqrt(s * s + 0.25) };
    };
    const x999 = 1; // LCM starts from the noise itself
    const d999 = scale(999).out * (x999 / Math.sqrt(sd[999]!)) + scale(999).skip * x999;
    const x499 = Math.sqrt(sd[499]!) * d999;
    const d499 = scale(499).out * (x499 / Math.sqrt(sd[499]!)) + scale(499).skip * x499;
    x.forEach((v) => expect(v).toBeCloseTo(d499, 4));
  });
});
