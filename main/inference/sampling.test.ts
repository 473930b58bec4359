import { describe, expect, it } from 'vitest';
import { Rng } from '../../preload/rng';
import { argmax, candidates, penalize, sampleToken, type TokenSampling } from './sampling';

const f32 = (xs: number[]): Float32Array => Float32Array.from(xs);
const logOf = (ps: number[]): number[] => ps.map((p) => Math.log(p));
const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

const settings = (over: Partial<TokenSampling> = {}): TokenSampling => ({
  temperature: 1,
  topK: 0,
  topP: 1,
  repetitionPenalty: 1,
  ...over,
});

/** Counts `n` draws of sampleToken over a fresh copy of `logits` each time. */
function draw(logits: number[], s: TokenSampling, n: number, seed: number, context: number[] = []): number[] {
  const rng = new Rng(seed);
  const counts = new Array<number>(logits.length).fill(0);
  for (let i = 0; i < n; i++) counts[sampleToken(f32(logits), context, s, rng)]!++;
  return counts;
}

/** Pearson's chi-square statistic of `counts` against the expected probabilities of `tokens`. */
function chiSquare(counts: number[], tokens: number[], probs: number[]): number {
  const n = sum(counts);
  return tokens.reduce((acc, t, k) => {
    const expected = n * probs[k]!;
    return acc + (counts[t]! - expected) ** 2 / expected;
  }, 0);
}

describe('penalize (Hugging Face RepetitionPenaltyLogitsProcessor)', () => {
  it('divides positive logits and multiplies negative ones, only for tokens in the context', () => {
    const logits = f32([4, -2, 3, -1, 0]);
    penalize(logits, [0, 1, 4], 2);
    expect(Array.from(logits)).toEqual([2, -4, 3, -1, 0]);
  });

  it('penalises each token once however often it occurs in the context', () => {
    const logits = f32([6, -3]);
    penalize(logits, [0, 0, 0, 1, 1, 0], 3);
    expect(Array.from(logits)).toEqual([2, -9]);
  });

  it('a penalty of 1 changes nothing', () => {
    const logits = f32([1.5, -2.5, 0.25]);
    penalize(logits, [0, 1, 2], 1);
    expect(Array.from(logits)).toEqual([1.5, -2.5, 0.25]);
  });

  it('ignores ids outside the vocabulary', () => {
    const logits = f32([2, -2, 4]);
    penalize(logits, [-1, 3, 1000, Number.MAX_SAFE_INTEGER, 2], 2);
    expect(Array.from(logits)).toEqual([2, -2, 2]);
  });

  it('takes any iterable context (a Set, a generator)', () => {
    const a = f32([4, 4, 4]);
    penalize(a, new Set([2]), 4);
    expect(Array.from(a)).toEqual([4, 4, 1]);
    const b = f32([4, 4, 4]);
    penalize(
      b,
      (function* () {
        yield 0;
        yield 0;
      })(),
      4,
    );
    expect(Array.from(b)).toEqual([1, 4, 4]);
  });

  it('a penalty below 1 favours tokens already seen (the same rule)', () => {
    const logits = f32([2, -2]);
    penalize(logits, [0, 1], 0.5);
    expect(Array.from(logits)).toEqual([4, -1]);
  });
});

describe('argmax', () => {
  it('finds the largest logit, the lower id on ties', () => {
    expect(argmax([0.1, 3, -2, 2.9])).toBe(1);
    expect(argmax([1, 5, 5, 5])).toBe(1);
    expect(argmax(f32([-7, -3, -5]))).toBe(1);
  });

  it('skips NaN and -Infinity', () => {
    expect(argmax([NaN, -Infinity, -100, NaN])).toBe(2);
  });

  it('throws when no logit is finite', () => {
    expect(() => argmax([-Infinity, -Infinity])).toThrow(/no finite logits/);
    expect(() => argmax([NaN, NaN])).toThrow(/no finite logits/);
    expect(() => argmax([NaN, -Infinity])).toThrow(/no finite logits/);
    expect(() => argmax([])).toThrow(/no finite logits/);
  });
});

describe('candidates', () => {
  const off = { temperature: 1, topK: 0, topP: 1 };

  it('with no filter keeps every token, sorted by probability, as the softmax', () => {
    const probs = [0.1, 0.4, 0.2, 0.3];
    const c = candidates(logOf(probs), off);
    expect(c.tokens).toEqual([1, 3, 2, 0]);
    c.tokens.forEach((t, k) => expect(c.probs[k]).toBeCloseTo(probs[t]!, 12));
  });

  it('top-k keeps exactly k tokens in descending order, renormalised', () => {
    const logits = [1, 5, 3, 4, 2, 0];
    for (const k of [1, 2, 3, 5]) {
      const c = candidates(logits, { ...off, topK: k });
      expect(c.tokens).toEqual([1, 3, 2, 4, 0].slice(0, k));
      expect(c.probs).toHaveLength(k);
      expect(sum(c.probs)).toBeCloseTo(1, 12);
      for (let i = 1; i < k; i++) expect(c.probs[i]!).toBeLessThan(c.probs[i - 1]!);
      // Relative probabilities are those of the softmax.
      if (k > 1) expect(c.probs[0]! / c.probs[1]!).toBeCloseTo(Math.exp(5 - 4), 10);
    }
  });

  it('top-k larger than the vocabulary, or 0, keeps everything', () => {
    expect(candidates([1, 2, 3], { ...off, topK: 10 }).tokens).toEqual([2, 1, 0]);
    expect(candidates([1, 2, 3], { ...off, topK: 0 }).tokens).toEqual([2, 1, 0]);
  });

  it('top-p keeps the smallest prefix whose mass reaches p', () => {
    const logits = logOf([0.15, 0.5, 0.05, 0.3]);
    expect(candidates(logits, { ...off, topP: 0.4 }).tokens).toEqual([1]);
    expect(candidates(logits, { ...off, topP: 0.75 }).tokens).toEqual([1, 3]);
    expect(candidates(logits, { ...off, topP: 0.9 }).tokens).toEqual([1, 3, 0]);
    expect(candidates(logits, { ...off, topP: 0.99 }).tokens).toEqual([1, 3, 0, 2]);
    const c = candidates(logits, { ...off, topP: 0.75 });
    expect(c.probs[0]).toBeCloseTo(0.5 / 0.8, 10);
    expect(c.probs[1]).toBeCloseTo(0.3 / 0.8, 10);
  });

  it('top-p always keeps at least one token', () => {
    const logits = logOf([0.25, 0.25, 0.5]);
    for (const topP of [0, 1e-9, 0.1]) {
      const c = candidates(logits, { ...off, topP });
      expect(c.tokens).toEqual([2]);
      expect(c.probs).toEqual([1]);
    }
  });

  it('top-p applies to the renormalised top-k tokens (top-k first, as Hugging Face orders them)', () => {
    const logits = logOf([0.4, 0.3, 0.2, 0.1]);
    // Alone, 0.4 < 0.5 needs two tokens; after top-2, 0.4 / 0.7 ≥ 0.5 is enough.
    expect(candidates(logits, { ...off, topP: 0.5 }).tokens).toEqual([0, 1]);
    expect(candidates(logits, { ...off, topK: 2, topP: 0.5 }).tokens).toEqual([0]);
  });

  it('probabilities always sum to 1 and are positive', () => {
    const rng = new Rng(5);
    for (let trial = 0; trial < 50; trial++) {
      const logits = Array.from({ length: 40 }, () => (rng.nextFloat() - 0.5) * 20);
      const s = {
        temperature: 0.1 + rng.nextFloat() * 3,
        topK: Math.floor(rng.nextFloat() * 45),
        topP: 0.05 + rng.nextFloat() * 0.95,
      };
      const c = candidates(logits, s);
      expect(c.tokens.length).toBeGreaterThan(0);
      expect(c.tokens).toHaveLength(c.probs.length);
      expect(new Set(c.tokens).size).toBe(c.tokens.length);
      expect(sum(c.probs)).toBeCloseTo(1, 10);
      for (const p of c.probs) expect(p).toBeGreaterThan(0);
      expect(c.tokens[0]).toBe(argmax(logits));
    }
  });

  it('temperature below 1 sharpens and above 1 flattens (ratios exp(Δ / T))', () => {
    const logits = [2, 1, 0];
    const ratio = (temperature: number): number => {
      const c = candidates(logits, { ...off, temperature });
      return c.probs[0]! / c.probs[1]!;
    };
    expect(ratio(1)).toBeCloseTo(Math.E, 10);
    expect(ratio(0.5)).toBeCloseTo(Math.E ** 2, 10);
    expect(ratio(2)).toBeCloseTo(Math.sqrt(Math.E), 10);
    expect(ratio(0.25)).toBeGreaterThan(ratio(0.5));
    expect(ratio(4)).toBeLessThan(ratio(2));
    expect(ratio(4)).toBeGreaterThan(1);
    const c = candidates(logits, { ...off, temperature: 0.5 });
    expect(c.probs[1]! / c.probs[2]!).toBeCloseTo(Math.E ** 2, 10);
  });

  it('breaks ties by the lower id, also at the top-k cut', () => {
    const logits = [2, 3, 3, 1, 3];
    expect(candidates(logits, off).tokens).toEqual([1, 2, 4, 0, 3]);
    expect(candidates(logits, { ...off, topK: 2 }).tokens).toEqual([1, 2]);
    const c = candidates(logits, { ...off, topK: 3 });
    expect(c.probs[0]).toBeCloseTo(1 / 3, 12);
    expect(c.probs[2]).toBeCloseTo(1 / 3, 12);
  });

  it('leaves out -Infinity, NaN and negligible logits', () => {
    const c = candidates([0, -Infinity, NaN, -100, 0.5], off);
    expect(c.tokens).toEqual([4, 0]);
    expect(sum(c.probs)).toBeCloseTo(1, 12);
  });

  it('throws when no logit is finite', () => {
    expect(() => candidates([-Infinity, NaN], off)).toThrow(/no finite logits/);
  });
});

describe('sampleToken', () => {
  it('temperature 0 is the argmax after the repetition penalty, and draws no random number', () => {
    const rng = new Rng(3);
    expect(sampleToken(f32([3, 2.5, 0]), [], settings({ temperature: 0 }), rng)).toBe(0);
    expect(sampleToken(f32([3, 2.5, 0]), [0], settings({ temperature: 0, repetitionPenalty: 2 }), rng)).toBe(
      1,
    );
    // A negative logit is pushed further down by the penalty.
    expect(
      sampleToken(f32([-1, -1.5, -9]), [0], settings({ temperature: 0, repetitionPenalty: 2 }), rng),
    ).toBe(1);
    expect(rng.nextU32()).toBe(new Rng(3).nextU32());
  });

  it('applies the penalty to the logits in place', () => {
    const logits = f32([4, -4, 1]);
    sampleToken(logits, [0, 1], settings({ temperature: 0, repetitionPenalty: 2 }), new Rng(1));
    expect(Array.from(logits)).toEqual([2, -8, 1]);
  });

  it('the same seed gives the same draws; another seed other draws', () => {
    const logits = Array.from({ length: 20 }, (_, i) => Math.sin(i * 1.7));
    const s = settings({ temperature: 1.3, topK: 15, topP: 0.95 });
    const run = (seed: number): number[] => {
      const rng = new Rng(seed);
      return Array.from({ length: 200 }, () => sampleToken(f32(logits), [], s, rng));
    };
    expect(run(42)).toEqual(run(42));
    expect(run(43)).not.toEqual(run(42));
  });

  it('draw frequencies match the softmax (chi-square, fixed seed)', () => {
    const probs = [0.1, 0.4, 0.3, 0.2];
    const n = 20_000;
    const counts = draw(logOf(probs), settings(), n, 11);
    // 3 degrees of freedom: 16.27 is the 0.1 % critical value.
    expect(chiSquare(counts, [0, 1, 2, 3], probs)).toBeLessThan(16.27);
  });

  it('draw frequencies match candidates() with temperature, top-k and the penalty', () => {
    const logits = [1.2, 0.3, -0.4, 2.0, 0.9, -1.5, 0.0];
    const context = [3, 3, 5];
    const s = settings({ temperature: 0.8, topK: 4, repetitionPenalty: 1.5 });
    const penalized = f32(logits);
    penalize(penalized, context, s.repetitionPenalty);
    const c = candidates(penalized, s);
    expect(c.tokens).toHaveLength(4);
    const counts = draw(logits, s, 20_000, 12, context);
    for (let t = 0; t < logits.length; t++) if (!c.tokens.includes(t)) expect(counts[t]).toBe(0);
    // 3 degrees of freedom, 0.1 % critical value.
    expect(chiSquare(counts, c.tokens, c.probs)).toBeLessThan(16.27);
  });

  it('top-k = 1 always gives the argmax, at any temperature', () => {
    const logits = [0.5, 1.9, 2, 2, -3];
    for (const temperature of [0.2, 1, 5, 100]) {
      const counts = draw(logits, settings({ temperature, topK: 1 }), 500, 7);
      expect(counts).toEqual([0, 0, 500, 0, 0]);
    }
  });

  it('never draws a token outside top-p, and draws each one inside it', () => {
    const probs = [0.15, 0.5, 0.05, 0.3];
    const counts = draw(logOf(probs), settings({ topP: 0.75 }), 5000, 21);
    expect(counts[0]).toBe(0);
    expect(counts[2]).toBe(0);
    expect(counts[1]).toBeGreaterThan(0);
    expect(counts[3]).toBeGreaterThan(0);
    expect(chiSquare(counts, [1, 3], [0.5 / 0.8, 0.3 / 0.8])).toBeLessThan(10.83); // 1 d.o.f., 0.1 %
  });

  it('never draws -Infinity (masked) tokens', () => {
    const counts = draw([0, -Infinity, 0, -Infinity], settings({ temperature: 3 }), 2000, 8);
    expect(counts[1]).toBe(0);
    expect(counts[3]).toBe(0);
    expect(counts[0]! + counts[2]!).toBe(2000);
  });
});
