/**
 * Markov chain Monte Carlo on a log-density known up to a constant: a random-walk Metropolis
 * sampler and Hamiltonian Monte Carlo (leapfrog with exact gradients). Both run several chains
 * from the given starts, tune their step during burn-in towards a target acceptance rate (then
 * freeze it, so the kept draws are a proper Markov chain), and take all randomness from `rng`.
 */
import type { Rng } from '../rng';

export interface Target {
  dim: number;
  logDensity(z: Float64Array): number;
  /** Fills `grad` with ∇ log density at z and answers the log density (HMC needs it). */
  gradient?(z: Float64Array, grad: Float64Array): number;
}

export type McmcMethod = 'metropolis' | 'hmc';

export interface McmcOptions {
  /** Draws to keep, over all chains. */
  samples: number;
  /** One start per chain. */
  starts: Float64Array[];
  rng: Rng;
  /** Proposal scale (Metropolis) or leapfrog step (HMC) to start tuning from. */
  step: number;
  /** Tuning iterations per chain before keeping draws. */
  burnIn?: number;
  /** Keep every `thin`-th state (Metropolis). */
  thin?: number;
  /** Leapfrog steps per HMC proposal (jittered ±50 % so trajectories do not resonate). */
  leapfrog?: number;
}

export interface McmcResult {
  method: McmcMethod;
  /** count × dim, chain after chain. */
  samples: Float32Array;
  count: number;
  /** Share of proposals accepted while keeping draws. */
  acceptance: number;
  /** The tuned step (mean over chains). */
  step: number;
}

/** Acceptance rates the tuning aims at (the usual optima for low dimensions). */
const TARGET_ACCEPT = { metropolis: 0.4, hmc: 0.75 } as const;

function normalInto(rng: Rng, out: Float64Array): void {
  const tmp = rng.fillNormal(new Float32Array(out.length));
  for (let i = 0; i < out.length; i++) out[i] = tmp[i]!;
}

/** Robbins–Monro on log step: larger when accepting more than the target, smaller when less. */
function tune(logStep: number, accepted: boolean, target: number, t: number): number {
  return logStep + ((accepted ? 1 : 0) - target) / Math.pow(t + 5, 0.6);
}

/** Every chain's share of the draws, the draws' array, and a tally of what the chains accept. */
function begin(target: Target, o: McmcOptions) {
  const chains = o.starts.length;
  const perChain = Math.ceil(o.samples / chains);
  const d = target.dim;
  return { chains, perChain, d, out: new Float32Array(perChain * chains * d), tally: new Tally() };
}

/** Kept proposals accepted, over all chains, and the steps the chains tuned. */
class Tally {
  private accepted = 0;
  private proposed = 0;
  private stepSum = 0;

  kept(ok: boolean): void {
    this.proposed++;
    if (ok) this.accepted++;
  }

  chainTuned(logStep: number): void {
    this.stepSum += Math.exp(logStep);
  }

  result(method: McmcMethod, samples: Float32Array, count: number, chains: number): McmcResult {
    return { method, samples, count, acceptance: this.accepted / this.proposed, step: this.stepSum / chains };
  }
}

/**
 * Random-walk Metropolis with an adapted proposal: the first two thirds of burn-in tune an
 * isotropic step while the middle third's states give the chain's covariance; the last third
 * proposes along that covariance's shape (a long thin posterior is then crossed in a few steps,
 * not hundreds) and tunes its scale. Kept draws use the frozen proposal.
 */
export function metropolis(target: Target, o: McmcOptions): McmcResult {
  const { chains, perChain, d, out, tally } = begin(target, o);
  const burnIn = o.burnIn ?? 300;
  const thin = o.thin ?? 2;
  const eps = new Float64Array(d);
  const shaped = new Float64Array(d);
  const [collectFrom, shapeAt] = [Math.floor(burnIn / 3), Math.floor((2 * burnIn) / 3)];
  for (let c = 0; c < chains; c++) {
    const z = Float64Array.from(o.starts[c]!);
    let lp = target.logDensity(z);
    const prop = new Float64Array(d);
    let logStep = Math.log(o.step);
    let chol: Float64Array | null = null;
    const moments = new Moments(d);
    const total = burnIn + perChain * thin;
    for (let t = 0; t < total; t++) {
      if (t === shapeAt && burnIn > 0) {
        chol = moments.cholesky();
        if (chol) logStep = Math.log(2.38 / Math.sqrt(d));
      }
      normalInto(o.rng, eps);
      if (chol) lowerTimes(chol, eps, shaped, d);
      else shaped.set(eps);
      const s = Math.exp(logStep);
      for (let i = 0; i < d; i++) prop[i] = z[i]! + s * shaped[i]!;
      const lpProp = target.logDensity(prop);
      const ok = Math.log(o.rng.nextFloat()) < lpProp - lp;
      if (ok) {
        z.set(prop);
        lp = lpProp;
      }
      if (t < burnIn) {
        logStep = tune(logStep, ok, TARGET_ACCEPT.metropolis, t < shapeAt ? t : t - shapeAt);
        if (t >= collectFrom && t < shapeAt) moments.add(z);
      } else {
        tally.kept(ok);
        const k = t - burnIn;
        if ((k + 1) % thin === 0) out.set(z, (c * perChain + (k + 1) / thin - 1) * d);
      }
    }
    tally.chainTuned(logStep);
  }
  return tally.result('metropolis', out, perChain * chains, chains);
}

/** Running mean and covariance of a chain's states. */
class Moments {
  private n = 0;
  private readonly mean: Float64Array;
  private readonly m2: Float64Array;

  constructor(private readonly d: number) {
    this.mean = new Float64Array(d);
    this.m2 = new Float64Array(d * d);
  }

  add(z: Float64Array): void {
    this.n++;
    const delta = Float64Array.from(z, (v, i) => v - this.mean[i]!);
    for (let i = 0; i < this.d; i++) this.mean[i]! += delta[i]! / this.n;
    for (let i = 0; i < this.d; i++)
      for (let j = 0; j < this.d; j++) this.m2[i * this.d + j]! += delta[i]! * (z[j]! - this.mean[j]!);
  }

  /** The lower Cholesky factor of the covariance (slightly regularised), or null with too few states. */
  cholesky(): Float64Array | null {
    const d = this.d;
    if (this.n < 4 * d) return null;
    const cov = Float64Array.from(this.m2, (v) => v / (this.n - 1));
    let trace = 0;
    for (let i = 0; i < d; i++) trace += cov[i * d + i]!;
    if (!(trace > 0)) return null;
    for (let i = 0; i < d; i++) cov[i * d + i]! += 1e-4 * (trace / d) + 1e-12;
    const l = new Float64Array(d * d);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j <= i; j++) {
        let s = cov[i * d + j]!;
        for (let k = 0; k < j; k++) s -= l[i * d + k]! * l[j * d + k]!;
        if (i === j) {
          if (!(s > 0)) return null;
          l[i * d + i] = Math.sqrt(s);
        } else l[i * d + j] = s / l[j * d + j]!;
      }
    }
    return l;
  }
}

function lowerTimes(l: Float64Array, v: Float64Array, out: Float64Array, d: number): void {
  for (let i = 0; i < d; i++) {
    let s = 0;
    for (let k = 0; k <= i; k++) s += l[i * d + k]! * v[k]!;
    out[i] = s;
  }
}

export function hmc(target: Target, o: McmcOptions): McmcResult {
  const grad = target.gradient;
  if (!grad) throw new Error('HMC needs the gradient of the log density.');
  const { chains, perChain, d, out, tally } = begin(target, o);
  const burnIn = o.burnIn ?? 100;
  const leapfrog = o.leapfrog ?? 8;
  const p = new Float64Array(d);
  const g = new Float64Array(d);
  const zNew = new Float64Array(d);
  const gNew = new Float64Array(d);
  for (let c = 0; c < chains; c++) {
    const z = Float64Array.from(o.starts[c]!);
    let lp = grad(z, g);
    let logStep = Math.log(o.step);
    for (let t = 0; t < burnIn + perChain; t++) {
      normalInto(o.rng, p);
      const h0 = -lp + 0.5 * dot(p, p);
      const e = Math.exp(logStep);
      const steps = Math.max(1, Math.round(leapfrog * (0.5 + o.rng.nextFloat())));
      zNew.set(z);
      gNew.set(g);
      let lpNew = lp;
      for (let s = 0; s < steps; s++) {
        for (let i = 0; i < d; i++) p[i]! += 0.5 * e * gNew[i]!;
        for (let i = 0; i < d; i++) zNew[i]! += e * p[i]!;
        lpNew = grad(zNew, gNew);
        for (let i = 0; i < d; i++) p[i]! += 0.5 * e * gNew[i]!;
      }
      const h1 = -lpNew + 0.5 * dot(p, p);
      const ok = Number.isFinite(h1) && Math.log(o.rng.nextFloat()) < h0 - h1;
      if (ok) {
        z.set(zNew);
        g.set(gNew);
        lp = lpNew;
      }
      if (t < burnIn) logStep = tune(logStep, ok, TARGET_ACCEPT.hmc, t);
      else {
        tally.kept(ok);
        out.set(z, (c * perChain + t - burnIn) * d);
      }
    }
    tally.chainTuned(logStep);
  }
  return tally.result('hmc', out, perChain * chains, chains);
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** Mean and variance per dimension of count × dim draws. */
export function sampleMoments(samples: Float32Array, dim: number): { mean: number[]; variance: number[] } {
  const n = samples.length / dim;
  const mean = new Array<number>(dim).fill(0);
  const variance = new Array<number>(dim).fill(0);
  for (let i = 0; i < n; i++) for (let d = 0; d < dim; d++) mean[d]! += samples[i * dim + d]! / n;
  for (let i = 0; i < n; i++) {
    for (let d = 0; d < dim; d++) {
      const r = samples[i * dim + d]! - mean[d]!;
      variance[d]! += (r * r) / n;
    }
  }
  return { mean, variance };
}
