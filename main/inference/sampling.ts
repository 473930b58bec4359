/**
 * Drawing the next token of a text model from its logits, with the settings text tools share
 * (the Hugging Face `generate` semantics): repetition penalty over the context, temperature,
 * top-k, top-p (nucleus), then a seeded draw. Temperature 0 is greedy decoding.
 */
import type { Rng } from '../../preload/rng';

export interface TokenSampling {
  /** 0 = greedy (the most likely token after the penalty). */
  temperature: number;
  /** 0 = off. */
  topK: number;
  /** 1 = off. */
  topP: number;
  /** 1 = off. A token already in the context has its logit divided by this (multiplied if negative). */
  repetitionPenalty: number;
}

/** Probabilities smaller than this share of the top one are dropped before top-p (their total is negligible). */
const NEGLIGIBLE = 1e-12;

/**
 * Applies the repetition penalty in place to the logits of every token in `context` (each
 * token once, as in Hugging Face's RepetitionPenaltyLogitsProcessor).
 */
export function penalize(logits: Float32Array, context: Iterable<number>, penalty: number): void {
  if (penalty === 1) return;
  const seen = new Set<number>();
  for (const t of context) {
    if (seen.has(t) || t < 0 || t >= logits.length) continue;
    seen.add(t);
    const l = logits[t]!;
    logits[t] = l < 0 ? l * penalty : l / penalty;
  }
}

/** Index of the largest finite logit. */
export function argmax(logits: ArrayLike<number>): number {
  let best = -1;
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) {
    const l = logits[i]!;
    if (l > max) {
      max = l;
      best = i;
    }
  }
  if (best < 0) throw new Error('the model returned no finite logits');
  return best;
}

/**
 * The candidate tokens and their probabilities after temperature, top-k and top-p, sorted by
 * probability (descending), renormalised. Exposed for tests.
 */
export function candidates(
  logits: ArrayLike<number>,
  s: Pick<TokenSampling, 'temperature' | 'topK' | 'topP'>,
): { tokens: number[]; probs: number[] } {
  const t = s.temperature;
  const top = argmax(logits);
  const max = logits[top]!;
  // Tokens whose probability is not negligible against the top one: exp((l - max) / t) ≥ NEGLIGIBLE.
  const floor = max + t * Math.log(NEGLIGIBLE);
  let idx: number[] = [];
  for (let i = 0; i < logits.length; i++) if (logits[i]! >= floor) idx.push(i);
  idx.sort((a, b) => logits[b]! - logits[a]! || a - b);
  if (s.topK > 0 && idx.length > s.topK) idx = idx.slice(0, s.topK);
  let w = idx.map((i) => Math.exp((logits[i]! - max) / t));
  let total = w.reduce((a, b) => a + b, 0);
  if (s.topP < 1) {
    // The smallest prefix whose mass reaches topP (at least one token).
    let acc = 0;
    let keep = idx.length;
    for (let k = 0; k < idx.length; k++) {
      acc += w[k]! / total;
      if (acc >= s.topP) {
        keep = k + 1;
        break;
      }
    }
    idx = idx.slice(0, keep);
    w = w.slice(0, keep);
    total = w.reduce((a, b) => a + b, 0);
  }
  return { tokens: idx, probs: w.map((x) => x / total) };
}

/**
 * The next token. `logits` is modified (penalty applied). `context` is every token the model
 * has seen (prompt and drawn so far).
 */
export function sampleToken(
  logits: Float32Array,
  context: Iterable<number>,
  s: TokenSampling,
  rng: Rng,
): number {
  penalize(logits, context, s.repetitionPenalty);
  if (s.temperature <= 0) return argmax(logits);
  const { tokens, probs } = candidates(logits, s);
  let u = rng.nextFloat();
  for (let k = 0; k < tokens.length; k++) {
    u -= probs[k]!;
    if (u <= 0) return tokens[k]!;
  }
  return tokens[tokens.length - 1]!;
}
