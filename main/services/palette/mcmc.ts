/**
 * Conditional sampling for the Palettes studio's Complete: colours kept in place, the free ones drawn
 * from the model's density given the kept ones, by Metropolis-within-Gibbs over OKLab.
 *
 * Every chain is one palette. A sweep updates each free colour in turn with a Gaussian random-walk
 * proposal in OKLab (3 numbers: L, a, b), accepted with probability min(1, (p'/p)^(1/T)); proposals
 * outside the sRGB gamut are refused (the target is the density restricted to colours a screen can
 * show). All chains move together, so each proposal costs ONE batched density evaluation (one
 * forward run of the flow for every chain). The proposal widths adapt per chain and colour during
 * the first sweeps (towards about 30 % acceptance) and are then frozen, so the later sweeps are an
 * exact Metropolis–Hastings chain for the tempered conditional. The answer is each chain's last
 * state. Temperature 0 keeps only moves that do not lower the density (a seeded hill climb).
 *
 * Seeded: chain c draws from its own stream (`rowSeed(seed, c)`), and the same number of draws
 * every step whatever happens, so the same inputs give the same palettes.
 */
import { Rng } from '../../../preload/rng';
import { rowSeed } from '../../inference/sequence';

export interface ChainSpec {
  /** One start per chain: a 15-vector (or any 3k-vector) with the kept colours in place. */
  init: readonly (readonly number[])[];
  /** The colour slots that move (0-based); the others are never touched. */
  free: readonly number[];
  /** The proposal's starting width per coordinate (same length as a state). */
  step: readonly number[];
  /** The target is density^(1/temperature); 0 accepts only moves that do not lower the density. */
  temperature: number;
  seed: number;
  /** Sweeps in all (each moves every free colour once). */
  sweeps: number;
  /** The first sweeps, during which proposal widths adapt (then frozen). */
  adaptSweeps: number;
  /** log density of each state, in one batched evaluation. */
  logDensity(states: readonly Float64Array[]): Promise<number[]>;
  /** Whether a colour may be proposed (default: any). */
  inside?(lab: readonly [number, number, number]): boolean;
}

export interface ChainResult {
  states: Float64Array[];
  logDensity: number[];
  /** Share of accepted proposals per chain, over the sweeps after adaptation. */
  acceptance: number[];
  /** Density evaluations (batched runs) it took. */
  evaluations: number;
}

/** The acceptance rate the adaptation aims at (a 3-D random walk does best near 0.3). */
const TARGET_ACCEPTANCE = 0.3;

export async function runChains(spec: ChainSpec): Promise<ChainResult> {
  const n = spec.init.length;
  const states: Float64Array[] = spec.init.map((s) => Float64Array.from(s));
  const rngs = Array.from({ length: n }, (_, c) => new Rng(rowSeed(spec.seed, c)));
  // log of each chain's multiplier on the step, per free colour.
  const logScale = Array.from({ length: n }, () => new Float64Array(spec.free.length));
  const accepted = new Float64Array(n);
  let moves = 0;
  let evaluations = 1;
  let lp = await spec.logDensity(states);
  const eps = new Float32Array(4);
  for (let sweep = 0; sweep < spec.sweeps; sweep++) {
    const adapting = sweep < spec.adaptSweeps;
    for (const [k, slot] of spec.free.entries()) {
      const proposals: Float64Array[] = [];
      const ok: boolean[] = [];
      const u: number[] = [];
      for (let c = 0; c < n; c++) {
        const rng = rngs[c]!;
        rng.fillNormal(eps);
        u.push(rng.nextFloat());
        const p = Float64Array.from(states[c]!);
        const scale = Math.exp(logScale[c]![k]!);
        for (let d = 0; d < 3; d++) p[3 * slot + d]! += scale * spec.step[3 * slot + d]! * eps[d]!;
        const lab: [number, number, number] = [p[3 * slot]!, p[3 * slot + 1]!, p[3 * slot + 2]!];
        ok.push(lab.every(Number.isFinite) && (spec.inside?.(lab) ?? true));
        proposals.push(p);
      }
      const asked = proposals.filter((_, c) => ok[c]);
      const lpAsked = asked.length > 0 ? await spec.logDensity(asked) : [];
      if (asked.length > 0) evaluations++;
      let j = 0;
      const next = [...lp];
      for (let c = 0; c < n; c++) {
        let accept = false;
        if (ok[c]) {
          const cand = lpAsked[j++]!;
          const diff = cand - lp[c]!;
          accept =
            Number.isFinite(cand) &&
            (spec.temperature <= 0 ? diff >= 0 : Math.log(u[c]!) < diff / spec.temperature);
          if (accept) {
            states[c] = proposals[c]!;
            next[c] = cand;
          }
        }
        if (adapting) {
          // Robbins–Monro on the log width: wider after an accept, narrower after a refusal.
          const t = sweep + 1;
          logScale[c]![k]! += ((accept ? 1 : 0) - TARGET_ACCEPTANCE) / Math.sqrt(t);
        } else if (accept) accepted[c]!++;
      }
      if (!adapting) moves++;
      lp = next;
    }
  }
  return {
    states,
    logDensity: lp,
    acceptance: Array.from(accepted, (a) => (moves > 0 ? a / moves : 0)),
    evaluations,
  };
}
