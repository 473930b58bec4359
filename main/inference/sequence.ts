/**
 * Autoregressive sampling over a step graph with explicit state (an LSTM's h/c, a decoder's
 * key/value cache): one small onnxruntime call per token, the loop in TypeScript inside the
 * inference process, so a 16-bar melody costs one message from main, not 256.
 *
 * Sampling rules are data (a mask of allowed tokens and tokens that may only follow others), so
 * the loop knows nothing about music; the melody service builds the rules. Each batch row draws
 * from its own seeded stream, so row k gives the same tokens whatever the batch size.
 */
import { Rng } from '../../preload/rng';
import type { WireTensor } from './protocol';

export interface SamplingRules {
  /** 0 = always take the most likely allowed token. */
  temperature: number;
  seed: number;
  /** 1 = the token may be drawn, 0 = never (a scale lock); length = vocabulary. Absent: all allowed. */
  allowed?: number[];
  /** Tokens that may only follow one of `after` (a HOLD only continues a sounding note). */
  onlyAfter?: { token: number; after: number[] }[];
  /** Tokens never drawn at the first drawn step (e.g. a HOLD where the context's last note ended). */
  forbidFirst?: number[];
  /**
   * Tokens that are one kind of event (e.g. "a note starts", whatever its pitch). A draw first
   * picks the kind by its total probability, then the token within it; temperature sharpens both
   * stages. At temperature 1 this is the model's distribution exactly; at low temperature it
   * keeps "some note" competing as one event against "rest", instead of every pitch losing to
   * the single most likely rest. Tokens in no group are kinds of their own.
   */
  groups?: number[][];
}

export interface SequenceSpec {
  /** The loaded step graph. */
  modelId: string;
  batch: number;
  names: {
    token: string;
    position: string;
    logits: string;
    /** Each state input and the output that feeds it at the next step. */
    state: Record<string, string>;
  };
  /** State inputs at step 0: given tensors, or zeros of these dims. */
  initialState: Record<string, WireTensor | { zeros: number[] }>;
  /** Inputs that stay the same at every step (e.g. the latent z). */
  constants: Record<string, WireTensor>;
  /** The previous token before step 0, per row. */
  first: number[];
  /** Tokens forced before sampling starts (teacher forcing a context), per row, equal lengths. */
  prime: number[][];
  /** Tokens to draw after the prime. */
  steps: number;
  /** position(t) = (offset + t) mod modulo (modulo 0: offset + t); t counts prime and drawn steps. */
  position: { offset: number; modulo: number };
  sampling: SamplingRules;
}

export interface SequenceResult {
  /** Drawn tokens per row (the prime is not repeated). */
  tokens: number[][];
  /** Sum of the log-probabilities of the drawn tokens per row, under the rules' distribution. */
  logProb: number[];
  /** onnxruntime time over all steps. */
  inferenceMs: number;
  calls: number;
}

/** Per-row seeds: distinct streams that do not depend on the batch size. */
export function rowSeed(seed: number, row: number): number {
  return (seed + Math.imul(row, 0x9e3779b9)) >>> 0;
}

/**
 * Draws one token from `logits` (one row) under the rules, given the previous token.
 * Returns the token and its log-probability under the masked, tempered distribution.
 */
export function drawToken(
  logits: ArrayLike<number>,
  prev: number,
  rules: SamplingRules,
  rng: Rng,
): { token: number; logProb: number } {
  const v = logits.length;
  const ok = new Uint8Array(v);
  let any = false;
  for (let i = 0; i < v; i++) {
    let allowed = rules.allowed ? rules.allowed[i] === 1 : true;
    if (allowed && rules.onlyAfter)
      for (const r of rules.onlyAfter) if (r.token === i && !r.after.includes(prev)) allowed = false;
    ok[i] = allowed && Number.isFinite(logits[i]) ? 1 : 0;
    if (ok[i]) any = true;
  }
  if (!any) throw new Error('the sampling rules allow no token at this step');
  // Probabilities at temperature 1 over the allowed tokens (the model's own distribution).
  let max = -Infinity;
  for (let i = 0; i < v; i++) if (ok[i]) max = Math.max(max, logits[i]!);
  const p = new Float64Array(v);
  let sum = 0;
  for (let i = 0; i < v; i++) if (ok[i]) sum += p[i] = Math.exp(logits[i]! - max);
  for (let i = 0; i < v; i++) p[i]! /= sum;
  // The kinds of event: each group, then every other allowed token on its own.
  const grouped = new Set<number>();
  const kinds: number[][] = [];
  for (const g of rules.groups ?? []) {
    const members = g.filter((i) => ok[i]);
    members.forEach((i) => grouped.add(i));
    if (members.length) kinds.push(members);
  }
  for (let i = 0; i < v; i++) if (ok[i] && !grouped.has(i)) kinds.push([i]);
  const mass = kinds.map((k) => k.reduce((a, i) => a + p[i]!, 0));
  const t = rules.temperature;
  const kind = pick(mass, t, rng);
  const members = kinds[kind.index]!;
  const inner = pick(
    members.map((i) => p[i]!),
    t,
    rng,
  );
  return { token: members[inner.index]!, logProb: kind.logProb + inner.logProb };
}

/** Index drawn from weights w^(1/t) (t ≤ 0: the largest), with its log-probability. */
function pick(weights: number[], t: number, rng: Rng): { index: number; logProb: number } {
  if (weights.length === 1) return { index: 0, logProb: 0 };
  if (t <= 0) {
    let best = 0;
    for (let i = 1; i < weights.length; i++) if (weights[i]! > weights[best]!) best = i;
    return { index: best, logProb: 0 };
  }
  const logs = weights.map((w) => Math.log(Math.max(w, 1e-300)) / t);
  const max = Math.max(...logs);
  const q = logs.map((l) => Math.exp(l - max));
  const total = q.reduce((a, b) => a + b, 0);
  let u = rng.nextFloat() * total;
  let index = q.length - 1;
  for (let i = 0; i < q.length; i++) {
    u -= q[i]!;
    if (u <= 0) {
      index = i;
      break;
    }
  }
  return { index, logProb: Math.log(q[index]! / total) };
}

/** One step of the graph: feeds in, named outputs back (float32 data). */
export type StepRunner = (
  feeds: Record<string, WireTensor>,
) => Promise<{ outputs: Record<string, { dims: number[]; data: Float32Array }>; ms: number }>;

function forbid(allowed: number[] | undefined, tokens: number[], vocab: number): number[] {
  const out = allowed ? [...allowed] : new Array<number>(vocab).fill(1);
  for (const t of tokens) out[t] = 0;
  return out;
}

const int64 = (values: number[]): WireTensor => ({
  dtype: 'int64',
  dims: [values.length],
  data: BigInt64Array.from(values, (x) => BigInt(x)).buffer,
});

export async function sampleSequence(spec: SequenceSpec, runStep: StepRunner): Promise<SequenceResult> {
  const { batch, names } = spec;
  if (spec.first.length !== batch) throw new Error(`first has ${spec.first.length} rows, batch is ${batch}`);
  if (spec.prime.length !== batch) throw new Error(`prime has ${spec.prime.length} rows, batch is ${batch}`);
  const primeLen = spec.prime[0]?.length ?? 0;
  if (spec.prime.some((p) => p.length !== primeLen)) throw new Error('prime rows differ in length');
  let state: Record<string, WireTensor> = {};
  for (const [name, init] of Object.entries(spec.initialState)) {
    state[name] =
      'zeros' in init
        ? {
            dtype: 'float32',
            dims: init.zeros,
            data: new Float32Array(init.zeros.reduce((a, b) => a * b, 1)).buffer,
          }
        : init;
  }
  const rngs = Array.from({ length: batch }, (_, r) => new Rng(rowSeed(spec.sampling.seed, r)));
  const prev = [...spec.first];
  const tokens: number[][] = Array.from({ length: batch }, () => []);
  const logProb = new Array<number>(batch).fill(0);
  let inferenceMs = 0;
  const total = primeLen + spec.steps;
  for (let t = 0; t < total; t++) {
    const pos =
      spec.position.modulo > 0 ? (spec.position.offset + t) % spec.position.modulo : spec.position.offset + t;
    const { outputs, ms } = await runStep({
      ...spec.constants,
      ...state,
      [names.token]: int64(prev),
      [names.position]: int64(new Array<number>(batch).fill(pos)),
    });
    inferenceMs += ms;
    const logits = outputs[names.logits];
    if (!logits) throw new Error(`the step graph returned no "${names.logits}"`);
    const v = logits.data.length / batch;
    const next: Record<string, WireTensor> = {};
    for (const [input, output] of Object.entries(names.state)) {
      const o = outputs[output];
      if (!o) throw new Error(`the step graph returned no "${output}"`);
      next[input] = { dtype: 'float32', dims: o.dims, data: o.data.slice().buffer };
    }
    state = next;
    for (let r = 0; r < batch; r++) {
      if (t < primeLen) {
        prev[r] = spec.prime[r]![t]!;
        continue;
      }
      const row = logits.data.subarray(r * v, (r + 1) * v);
      const rules =
        t === primeLen && spec.sampling.forbidFirst?.length
          ? { ...spec.sampling, allowed: forbid(spec.sampling.allowed, spec.sampling.forbidFirst, v) }
          : spec.sampling;
      const d = drawToken(row, prev[r]!, rules, rngs[r]!);
      tokens[r]!.push(d.token);
      logProb[r]! += d.logProb;
      prev[r] = d.token;
    }
  }
  return { tokens, logProb, inferenceMs, calls: total };
}
