/**
 * A latent model's flow prior (`task: "latent-prior"`, see ./prior-section.ts): a normalizing flow
 * fitted to where the model's training data's codes lie. Its two graphs give
 *   density   (u, logdet) = forward(z);  log q(z) = Σ log N(u_i; 0, 1) + logdet, and the
 *             percentile of log q among the training codes' (the manifest's quantiles);
 *   sample    u ~ N(0, T² I), seeded → inverse → z;
 *   typical   "nearest typical style": u = forward(z) shrunk towards 0 along a grid of factors,
 *             every candidate mapped back (one inverse run) and scored (one forward run); the
 *             largest factor (the candidate closest to z along that path) whose percentile reaches
 *             the target wins, else the most likely candidate. Exact and cheap: two batched runs.
 */
import { join } from 'node:path';
import { AtelierError, invalid, LATENT_PRIOR_MAX_COORD } from '../../../preload/contract';
import type { ModelRef, ScheduleOptions, RunRequest, RunResult } from '../../inference/client';
import type { Manifest } from '../models/manifest';
import type { ModelRegistry, RegisteredModel } from '../models/registry';
import { priorGraphFile, type PriorSection } from './prior-section';

export type PriorModel = RegisteredModel & { manifest: Manifest & { prior: PriorSection } };

type Run = (req: RunRequest, opts?: ScheduleOptions) => Promise<RunResult>;

const LOG_2PI = Math.log(2 * Math.PI);

/** Shrink factors "Nearest typical style" tries, from 1 (the point itself) down to 0 (the flow's mode image). */
export const TYPICAL_STEPS = 40;
export const typicalFactors = (): number[] =>
  Array.from({ length: TYPICAL_STEPS + 1 }, (_, k) => 1 - k / TYPICAL_STEPS);

/** The usable flow prior for a latent model (the first by id when there are several), or null. */
export function findPrior(registry: ModelRegistry, latentId: string, dim: number): PriorModel | null {
  const found = registry
    .all()
    .filter(
      (m): m is PriorModel =>
        m.error === null &&
        m.manifest?.task === 'latent-prior' &&
        m.manifest.prior?.for === latentId &&
        m.manifest.prior.dim === dim,
    )
    .sort((a, b) => a.id.localeCompare(b.id));
  return found[0] ?? null;
}

/** log N(z; 0, I). */
export function normalLogDensity(z: readonly number[]): number {
  let q = 0;
  for (const v of z) q += v * v;
  return -0.5 * q - 0.5 * z.length * LOG_2PI;
}

/**
 * The percentile (0…100) of a log-density among the training codes', from their 101 quantiles:
 * linear between neighbouring quantiles, 0 below the lowest, 100 above the highest.
 */
export function percentileOf(logDensity: number, quantiles: readonly number[]): number {
  const n = quantiles.length;
  if (n < 2 || Number.isNaN(logDensity)) return 0;
  if (logDensity <= quantiles[0]!) return 0;
  if (logDensity >= quantiles[n - 1]!) return 100;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (quantiles[mid]! <= logDensity) lo = mid;
    else hi = mid;
  }
  const a = quantiles[lo]!;
  const b = quantiles[hi]!;
  const t = b > a ? (logDensity - a) / (b - a) : 0;
  return ((lo + t) / (n - 1)) * 100;
}

/** Which of the scored candidates "Nearest typical style" takes (index into the factors). */
export function pickTypical(
  percentiles: readonly number[],
  logDensity: readonly number[],
  target: number,
): number {
  const reached = percentiles.findIndex((p) => p >= target);
  if (reached >= 0) return reached;
  let best = 0;
  for (let i = 1; i < logDensity.length; i++) if (logDensity[i]! > logDensity[best]!) best = i;
  return best;
}

export interface Scored {
  logDensity: number[];
  percentile: number[];
  /** The base-space points u = forward(z). */
  base: Float32Array;
}

/** The density and sampling maths of one flow prior over `run`. */
export function latentPrior(m: PriorModel) {
  const s = m.manifest.prior;
  const dim = s.dim;
  const graph = (which: 'forward' | 'inverse'): ModelRef => {
    const f = priorGraphFile(m.manifest.files, s[which])!;
    return { id: `${m.id}:${which}`, path: join(m.dir, f.path) };
  };
  const forwardRef = graph('forward');
  const inverseRef = graph('inverse');
  const zName = s.io?.forward.inputs[0]?.name ?? 'z';
  const uName = s.io?.inverse.inputs[0]?.name ?? 'u';
  const [uOut, logdetOut] = [
    s.io?.forward.outputs[0]?.name ?? 'u',
    s.io?.forward.outputs[1]?.name ?? 'logdet',
  ];
  const zOut = s.io?.inverse.outputs[0]?.name ?? 'z';

  /** Exact log q of latent points (n × dim, flat), one forward run. */
  const score = async (run: Run, z: Float32Array, opts?: ScheduleOptions): Promise<Scored> => {
    const n = z.length / dim;
    const r = await run(
      {
        model: forwardRef,
        feeds: { [zName]: { dtype: 'float32', dims: [n, dim], data: z.buffer as ArrayBuffer } },
        outputs: [uOut, logdetOut],
      },
      opts,
    );
    const u = new Float32Array(r.outputs[uOut]!.data);
    const logdet = new Float32Array(r.outputs[logdetOut]!.data);
    const logDensity = Array.from({ length: n }, (_, i) => {
      let q = 0;
      for (let d = 0; d < dim; d++) q += u[i * dim + d]! ** 2;
      return -0.5 * q - 0.5 * dim * LOG_2PI + logdet[i]!;
    });
    if (logDensity.some((v) => !Number.isFinite(v)))
      throw new AtelierError({
        code: 'inference-failed',
        message: `The flow prior "${m.id}" gave no finite density for that point.`,
      });
    return {
      logDensity,
      percentile: logDensity.map((lp) => percentileOf(lp, s.logDensityQuantiles)),
      base: u,
    };
  };

  /** Latent points of base-space points `u` (n × dim, flat), one inverse run. */
  const fromBase = async (run: Run, u: Float32Array, opts?: ScheduleOptions): Promise<Float32Array> => {
    const n = u.length / dim;
    const r = await run(
      {
        model: inverseRef,
        feeds: { [uName]: { dtype: 'float32', dims: [n, dim], data: u.buffer as ArrayBuffer } },
        outputs: [zOut],
      },
      opts,
    );
    return new Float32Array(r.outputs[zOut]!.data);
  };

  /** Nearest typical point to `z` along u → t·u (t from 1 down to 0), at `target` percentile. */
  const typical = async (run: Run, z: readonly number[], target: number, opts?: ScheduleOptions) => {
    const from = await score(run, Float32Array.from(z), opts);
    const start = { logDensity: from.logDensity[0]!, percentile: from.percentile[0]! };
    if (start.percentile >= target) return { point: [...z], ...start, from: start, shrink: 1 };
    const factors = typicalFactors().slice(1);
    const u = new Float32Array(factors.length * dim);
    factors.forEach((t, k) => {
      for (let d = 0; d < dim; d++) u[k * dim + d] = t * from.base[d]!;
    });
    const zs = await fromBase(run, u, opts);
    const scored = await score(run, zs.slice(), opts);
    const k = pickTypical(scored.percentile, scored.logDensity, target);
    if (scored.logDensity[k]! <= start.logDensity) return { point: [...z], ...start, from: start, shrink: 1 };
    return {
      point: Array.from(zs.subarray(k * dim, (k + 1) * dim)),
      logDensity: scored.logDensity[k]!,
      percentile: scored.percentile[k]!,
      from: start,
      shrink: factors[k]!,
    };
  };

  return { section: s, dim, score, fromBase, typical };
}

/** Refuses points too far out for the flow's float32 graphs (the pad spans a few SDs). */
export function checkPriorPoint(point: readonly number[], field: string): void {
  const i = point.findIndex((v) => Math.abs(v) > LATENT_PRIOR_MAX_COORD);
  if (i >= 0)
    throw invalid(
      `${field}.${i} is ${point[i]}; the flow prior takes coordinates within ±${LATENT_PRIOR_MAX_COORD}.`,
      `${field}.${i}`,
    );
}
