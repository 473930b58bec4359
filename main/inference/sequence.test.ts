import { describe, expect, it } from 'vitest';
import { Rng } from '../../preload/rng';
import { drawToken, rowSeed, sampleSequence, type StepRunner } from './sequence';

/**
 * A stand-in step graph (arithmetic, no model) to test the sampling loop itself; the real step
 * graphs run in main/services/melody/melody.integration.test.ts. Its logits favour token
 * (previous + 1) mod V and its state counts the steps.
 */
const V = 6;
function countingGraph(calls: { token: bigint[]; pos: bigint[] }[]): StepRunner {
  return async (feeds) => {
    const token = Array.from(new BigInt64Array(feeds.token!.data));
    const pos = Array.from(new BigInt64Array(feeds.pos!.data));
    calls.push({ token, pos });
    const h = new Float32Array(feeds.h!.data);
    const logits = new Float32Array(token.length * V);
    token.forEach((t, r) => {
      for (let v = 0; v < V; v++) logits[r * V + v] = v === (Number(t) + 1) % V ? 4 : 0;
    });
    return {
      outputs: {
        logits: { dims: [token.length, V], data: logits },
        h_out: { dims: [1, token.length, 1], data: h.map((x) => x + 1) },
      },
      ms: 0,
    };
  };
}

const spec = (
  over: Partial<Parameters<typeof sampleSequence>[0]> = {},
): Parameters<typeof sampleSequence>[0] => ({
  modelId: 'm',
  batch: 2,
  names: { token: 'token', position: 'pos', logits: 'logits', state: { h: 'h_out' } },
  initialState: { h: { zeros: [1, 2, 1] } },
  constants: {},
  first: [0, 0],
  prime: [[], []],
  steps: 5,
  position: { offset: 0, modulo: 4 },
  sampling: { temperature: 0, seed: 1 },
  ...over,
});

describe('sampleSequence', () => {
  it('greedy decoding follows the graph, feeding each token back with its position', async () => {
    const calls: { token: bigint[]; pos: bigint[] }[] = [];
    const r = await sampleSequence(spec({ first: [0, 3] }), countingGraph(calls));
    expect(r.tokens).toEqual([
      [1, 2, 3, 4, 5],
      [4, 5, 0, 1, 2],
    ]);
    expect(calls.map((c) => Number(c.pos[0]))).toEqual([0, 1, 2, 3, 0]);
    expect(r.calls).toBe(5);
  });

  it('teacher-forces the prime, then draws after its last token', async () => {
    const calls: { token: bigint[]; pos: bigint[] }[] = [];
    const r = await sampleSequence(
      spec({
        prime: [
          [2, 2],
          [5, 5],
        ],
        steps: 2,
        position: { offset: 2, modulo: 4 },
      }),
      countingGraph(calls),
    );
    expect(calls[1]!.token.map(Number)).toEqual([2, 5]);
    expect(r.tokens).toEqual([
      [3, 4],
      [0, 1],
    ]);
    expect(calls.map((c) => Number(c.pos[0]))).toEqual([2, 3, 0, 1]);
  });

  it('never draws a masked token, at any temperature', async () => {
    const allowed = [1, 1, 0, 1, 0, 1];
    for (const temperature of [0, 0.5, 1, 2]) {
      const r = await sampleSequence(
        spec({ steps: 40, sampling: { temperature, seed: 9, allowed } }),
        countingGraph([]),
      );
      for (const row of r.tokens) for (const t of row) expect(allowed[t]).toBe(1);
    }
  });

  it('respects "only after" rules and forbidden first tokens', async () => {
    const onlyAfter = [{ token: 1, after: [2, 3, 4, 5] }];
    const r = await sampleSequence(
      spec({ steps: 30, sampling: { temperature: 1.5, seed: 4, onlyAfter, forbidFirst: [1, 2] } }),
      countingGraph([]),
    );
    for (const row of r.tokens) {
      expect([1, 2]).not.toContain(row[0]);
      row.forEach((t, i) => {
        if (t === 1) expect(i > 0 && row[i - 1] !== 0).toBe(true);
      });
    }
  });

  it('the same seed gives the same tokens, and row k does not depend on the batch size', async () => {
    const s = { temperature: 1.2, seed: 77 };
    const a = await sampleSequence(spec({ steps: 20, sampling: s }), countingGraph([]));
    const b = await sampleSequence(spec({ steps: 20, sampling: s }), countingGraph([]));
    expect(a.tokens).toEqual(b.tokens);
    const one = await sampleSequence(
      spec({
        batch: 1,
        first: [0],
        prime: [[]],
        steps: 20,
        initialState: { h: { zeros: [1, 1, 1] } },
        sampling: s,
      }),
      countingGraph([]),
    );
    expect(one.tokens[0]).toEqual(a.tokens[0]);
    const other = await sampleSequence(spec({ steps: 20, sampling: { ...s, seed: 78 } }), countingGraph([]));
    expect(other.tokens).not.toEqual(a.tokens);
  });

  it('passes the state from each step to the next', async () => {
    const seen: number[] = [];
    const graph = countingGraph([]);
    await sampleSequence(spec({ steps: 3 }), async (feeds) => {
      seen.push(new Float32Array(feeds.h!.data)[0]!);
      return graph(feeds);
    });
    expect(seen).toEqual([0, 1, 2]);
  });
});

describe('drawToken', () => {
  it('samples in proportion to softmax(logits / T)', () => {
    const rng = new Rng(rowSeed(5, 0));
    const counts = [0, 0];
    for (let i = 0; i < 4000; i++)
      counts[drawToken([Math.log(3), 0], 0, { temperature: 1, seed: 0 }, rng).token]!++;
    expect(counts[0]! / 4000).toBeGreaterThan(0.7);
    expect(counts[0]! / 4000).toBeLessThan(0.8);
  });

  it('refuses when the rules allow nothing', () => {
    expect(() => drawToken([1, 2], 0, { temperature: 1, seed: 0, allowed: [0, 0] }, new Rng(1))).toThrow(
      /allow no token/,
    );
  });
});

describe('drawToken with event groups', () => {
  // Rest 0.3; five pitches 0.14 each (a note starting: 0.7 in all).
  const logits = [Math.log(0.3), ...new Array<number>(5).fill(Math.log(0.14))];
  const groups = [[1, 2, 3, 4, 5]];

  it('at temperature 0 picks the most likely kind of event, then the most likely token in it', () => {
    const rng = new Rng(1);
    expect(drawToken(logits, 0, { temperature: 0, seed: 0 }, rng).token).toBe(0);
    const d = drawToken(
      [...logits.slice(0, 3), Math.log(0.2), ...logits.slice(4)],
      0,
      { temperature: 0, seed: 0, groups },
      rng,
    );
    expect(d.token).toBe(3);
  });

  it('at temperature 1 keeps the model distribution, and low temperatures favour the likelier event', () => {
    const count = (temperature: number): number => {
      const rng = new Rng(3);
      let rests = 0;
      for (let i = 0; i < 4000; i++)
        if (drawToken(logits, 0, { temperature, seed: 0, groups }, rng).token === 0) rests++;
      return rests / 4000;
    };
    expect(count(1)).toBeGreaterThan(0.27);
    expect(count(1)).toBeLessThan(0.33);
    expect(count(0.3)).toBeLessThan(0.1);
  });

  it('the log-probability at temperature 1 equals the token probability', () => {
    const d = drawToken(logits, 0, { temperature: 1, seed: 0, groups }, new Rng(5));
    expect(Math.exp(d.logProb)).toBeCloseTo(d.token === 0 ? 0.3 : 0.14, 6);
  });
});
