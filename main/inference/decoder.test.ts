import { describe, expect, it } from 'vitest';
import { Decoder, type DecoderLayout, type DecoderSpec, type TensorOps } from './decoder';

/**
 * A stand-in decoder graph (arithmetic, no model, no onnxruntime) to test the decoding loop
 * itself; the real graphs run in the text service's integration tests. Its key/value tensors
 * really carry what the graph has seen: row p of every head holds [token id, position, layer
 * marker], so the logits (a function of every token seen, the last position and how many
 * tokens were seen) come out the same with and without the cache only if the past is fed
 * back correctly.
 */
const V = 16;
const HEAD_DIM = 3;

interface Fake {
  id: number;
  kind: 'int64' | 'float32' | 'bool';
  dims: number[];
  data: number[];
}

interface Call {
  names: string[];
  inputIds: number[];
  mask: number[];
  positionIds: number[] | null;
  pastDims: number[][];
  /** use_cache_branch as fed (null: not fed). */
  branch: boolean | null;
  /** num_logits_to_keep as fed (null: not fed). */
  keep: { dims: number[]; data: number[] } | null;
  /** The positions the graph used for the new tokens. */
  positions: number[];
}

interface StandIn {
  ops: TensorOps<Fake>;
  calls: Call[];
  allocated: Map<number, Fake>;
  disposed: Set<number>;
  live(): number;
}

/** The logits the stand-in graph gives after seeing `tokens`, the last at position `pos`. */
function standInLogits(tokens: number[], pos: number): number[] {
  const total = tokens.reduce((a, b) => a + b, 0);
  const last = tokens[tokens.length - 1]!;
  const c = total * 5 + ((total * total) % 13) + pos * pos * 3 + tokens.length * 11 + last * last;
  return Array.from({ length: V }, (_, v) => ((v * 7 + c) % V) / 4);
}

function standIn(layout: DecoderLayout, opts: { drop?: string[]; extraOutput?: boolean } = {}): StandIn {
  const allocated = new Map<number, Fake>();
  const disposed = new Set<number>();
  const calls: Call[] = [];
  let next = 0;
  const make = (kind: Fake['kind'], dims: number[], data: number[]): Fake => {
    const t = { id: next++, kind, dims, data };
    allocated.set(t.id, t);
    return t;
  };
  const alive = (t: Fake | undefined, name: string): Fake => {
    if (!t) throw new Error(`stand-in: no input "${name}"`);
    if (disposed.has(t.id)) throw new Error(`stand-in: input "${name}" was disposed`);
    return t;
  };
  const marker = (layer: number, kv: string): number => layer * 2 + (kv === 'value' ? 1 : 0);

  const ops: TensorOps<Fake> = {
    int64: (values, dims) => {
      expect(values.length).toBe(dims.reduce((a, b) => a * b, 1));
      return make('int64', dims, [...values]);
    },
    bool: (values, dims) =>
      make(
        'bool',
        dims,
        values.map((v) => (v ? 1 : 0)),
      ),
    emptyPast: (dims) => {
      expect(dims[2]).toBe(0);
      return make('float32', dims, []);
    },
    lastLogits: (t) => {
      if (disposed.has(t.id)) throw new Error('stand-in: logits read after dispose');
      const [, seq, vocab] = t.dims as [number, number, number];
      return Float32Array.from(t.data.slice((seq - 1) * vocab, seq * vocab));
    },
    dispose: (t) => {
      if (!allocated.has(t.id)) throw new Error('stand-in: disposing a tensor it did not make');
      if (disposed.has(t.id)) throw new Error('stand-in: tensor disposed twice');
      disposed.add(t.id);
    },
    run: async (feeds) => {
      const ids = alive(feeds.input_ids, 'input_ids');
      const mask = alive(feeds.attention_mask, 'attention_mask');
      const seq = ids.data.length;
      expect(ids.kind).toBe('int64');
      expect(ids.dims).toEqual([1, seq]);
      let pastLen = -1;
      let seen: { token: number; pos: number }[] = [];
      const pastDims: number[][] = [];
      for (let i = 0; i < layout.layers; i++)
        for (const kv of ['key', 'value']) {
          const name = `past_key_values.${i}.${kv}`;
          const p = alive(feeds[name], name);
          expect(p.kind).toBe('float32');
          expect(p.dims).toHaveLength(4);
          expect([p.dims[0], p.dims[1], p.dims[3]]).toEqual([1, layout.kvHeads, layout.headDim]);
          pastDims.push(p.dims);
          const len = p.dims[2]!;
          if (pastLen === -1) pastLen = len;
          expect(len).toBe(pastLen);
          const rows: { token: number; pos: number }[] = [];
          for (let h = 0; h < layout.kvHeads; h++)
            for (let r = 0; r < len; r++) {
              const at = (h * len + r) * HEAD_DIM;
              if (p.data[at + 2] !== marker(i, kv)) throw new Error(`stand-in: ${name} is another layer's`);
              if (h === 0) rows.push({ token: p.data[at]!, pos: p.data[at + 1]! });
            }
          if (i === 0 && kv === 'key') seen = rows;
          else expect(rows).toEqual(seen);
        }
      let branch: boolean | null = null;
      if (layout.cacheBranch) {
        const b = alive(feeds.use_cache_branch, 'use_cache_branch');
        expect([b.kind, b.dims]).toEqual(['bool', [1]]);
        branch = b.data[0] === 1;
        // A merged decoder's no-past branch reads no past: it must be told exactly when one is fed.
        expect(branch).toBe(pastLen > 0);
      } else expect(feeds.use_cache_branch).toBeUndefined();
      const k = feeds.num_logits_to_keep ? alive(feeds.num_logits_to_keep, 'num_logits_to_keep') : null;
      if (!layout.logitsToKeep) expect(k).toBeNull();
      expect(mask.data).toEqual(new Array<number>(pastLen + seq).fill(1));
      expect(mask.dims).toEqual([1, pastLen + seq]);
      let positionIds: number[] | null = null;
      let positions = Array.from({ length: seq }, (_, i) => pastLen + i);
      if (layout.positionIds) {
        const p = alive(feeds.position_ids, 'position_ids');
        expect(p.dims).toEqual([1, seq]);
        positionIds = [...p.data];
        positions = positionIds;
      }
      calls.push({
        names: Object.keys(feeds).sort(),
        inputIds: [...ids.data],
        mask: [...mask.data],
        positionIds,
        pastDims,
        branch,
        keep: k && { dims: k.dims, data: k.data },
        positions,
      });

      const all = [...seen, ...ids.data.map((token, i) => ({ token, pos: positions[i]! }))];
      const logits: number[] = [];
      for (let s = 0; s < seq; s++) {
        const upTo = all.slice(0, pastLen + s + 1);
        logits.push(
          ...standInLogits(
            upTo.map((r) => r.token),
            upTo[upTo.length - 1]!.pos,
          ),
        );
      }
      const outputs: Record<string, Fake> = {};
      if (!opts.drop?.includes('logits')) outputs.logits = make('float32', [1, seq, V], logits);
      for (let i = 0; i < layout.layers; i++)
        for (const kv of ['key', 'value']) {
          const name = `present.${i}.${kv}`;
          if (opts.drop?.includes(name)) continue;
          const data: number[] = [];
          for (let h = 0; h < layout.kvHeads; h++)
            for (const r of all) data.push(r.token, r.pos, marker(i, kv));
          outputs[name] = make('float32', [1, layout.kvHeads, all.length, layout.headDim], data);
        }
      if (opts.extraOutput) outputs.hidden = make('float32', [1], [0]);
      return outputs;
    },
  };
  return {
    ops,
    calls,
    allocated,
    disposed,
    live: () => allocated.size - disposed.size,
  };
}

const layout = (over: Partial<DecoderLayout> = {}): DecoderLayout => ({
  layers: 2,
  kvHeads: 2,
  headDim: HEAD_DIM,
  positionIds: true,
  contextLength: 64,
  ...over,
});

const spec = (over: Partial<DecoderSpec> = {}): DecoderSpec => ({
  modelId: 'm',
  genId: 'g',
  layout: layout(),
  promptIds: [3, 1, 4],
  sampling: { temperature: 0, topK: 0, topP: 1, repetitionPenalty: 1, seed: 1 },
  eosIds: [],
  maxTokens: 20,
  ...over,
});

/** Steps one token at a time until done; returns every token and the last step. */
async function generate(d: Decoder<Fake>): Promise<{ tokens: number[]; done: string | null }> {
  const tokens: number[] = [];
  for (let guard = 0; guard < 1000 && !d.done; guard++) tokens.push(...(await d.step()).tokens);
  return { tokens, done: d.done };
}

/** What a greedy decoder must draw: the argmax of the stand-in after each window. */
function expectedGreedy(prompt: number[], n: number, ctx: number): number[] {
  let window = prompt.slice(-(ctx - 1));
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    if (window.length >= ctx) window = window.slice(-Math.floor((ctx * 3) / 4));
    const logits = standInLogits(window, window.length - 1);
    const t = logits.indexOf(Math.max(...logits));
    out.push(t);
    window = [...window, t];
  }
  return out;
}

describe('Decoder with a stand-in decoder graph (no onnxruntime)', () => {
  it('the stand-in graph really depends on its past', async () => {
    const g = standIn(layout({ layers: 1, kvHeads: 1 }));
    const empty = (): Record<string, Fake> => ({
      'past_key_values.0.key': g.ops.emptyPast([1, 1, 0, HEAD_DIM]),
      'past_key_values.0.value': g.ops.emptyPast([1, 1, 0, HEAD_DIM]),
    });
    const both = await g.ops.run({
      input_ids: g.ops.int64([5, 9], [1, 2]),
      attention_mask: g.ops.int64([1, 1], [1, 2]),
      position_ids: g.ops.int64([0, 1], [1, 2]),
      ...empty(),
    });
    const first = await g.ops.run({
      input_ids: g.ops.int64([5], [1, 1]),
      attention_mask: g.ops.int64([1], [1, 1]),
      position_ids: g.ops.int64([0], [1, 1]),
      ...empty(),
    });
    const cached = await g.ops.run({
      input_ids: g.ops.int64([9], [1, 1]),
      attention_mask: g.ops.int64([1, 1], [1, 2]),
      position_ids: g.ops.int64([1], [1, 1]),
      'past_key_values.0.key': first['present.0.key']!,
      'past_key_values.0.value': first['present.0.value']!,
    });
    const alone = await g.ops.run({
      input_ids: g.ops.int64([9], [1, 1]),
      attention_mask: g.ops.int64([1], [1, 1]),
      position_ids: g.ops.int64([1], [1, 1]),
      ...empty(),
    });
    const last = (o: Record<string, Fake>): number[] => Array.from(g.ops.lastLogits(o.logits!));
    expect(last(cached)).toEqual(last(both));
    expect(last(alone)).not.toEqual(last(both));
  });

  it('greedy decoding draws the argmax after each window', async () => {
    const d = new Decoder(spec({ maxTokens: 12 }), standIn(layout()).ops);
    const r = await generate(d);
    expect(r.tokens).toEqual(expectedGreedy([3, 1, 4], 12, 64));
    expect(r.done).toBe('max-tokens');
  });

  for (const positionIds of [true, false])
    it(`greedy tokens with the cache equal those without it (position_ids: ${positionIds})`, async () => {
      const run = async (cache: boolean, contextLength: number): Promise<number[]> => {
        const g = standIn(layout({ positionIds, contextLength }));
        const d = new Decoder(
          spec({ cache, maxTokens: 30, layout: layout({ positionIds, contextLength }) }),
          g.ops,
        );
        const r = await generate(d);
        d.dispose();
        expect(g.live()).toBe(0);
        if (!cache) for (const c of g.calls) expect(c.pastDims.every((dims) => dims[2] === 0)).toBe(true);
        return r.tokens;
      };
      // A long context (no sliding) and a short one (sliding several times).
      for (const ctx of [64, 8]) {
        const cached = await run(true, ctx);
        expect(cached).toHaveLength(30);
        expect(await run(false, ctx)).toEqual(cached);
        expect(cached).toEqual(expectedGreedy([3, 1, 4], 30, ctx));
      }
    });

  it('a merged decoder gets use_cache_branch: false with an empty past, true with a past', async () => {
    for (const [cache, ctx] of [
      [true, 64],
      [true, 8],
      [false, 64],
    ] as const) {
      const l = layout({ cacheBranch: true, contextLength: ctx });
      const g = standIn(l);
      const d = new Decoder(spec({ layout: l, cache, maxTokens: 12 }), g.ops);
      const r = await generate(d);
      d.dispose();
      expect(r.tokens).toEqual(expectedGreedy([3, 1, 4], 12, ctx));
      expect(g.live()).toBe(0);
      const branches = g.calls.map((c) => c.branch);
      expect(branches[0]).toBe(false);
      if (!cache) expect(branches.every((b) => b === false)).toBe(true);
      // A full context is read again from an empty cache: false again there.
      else if (ctx === 8) expect(branches.slice(1)).toContain(false);
      else expect(branches.slice(1).every((b) => b === true)).toBe(true);
      expect(g.calls[0]!.names).toContain('use_cache_branch');
    }
  });

  it('a graph that takes num_logits_to_keep gets the scalar 1 at every call', async () => {
    const l = layout({ logitsToKeep: true });
    const g = standIn(l);
    const d = new Decoder(spec({ layout: l, maxTokens: 5 }), g.ops);
    expect((await generate(d)).tokens).toEqual(expectedGreedy([3, 1, 4], 5, 64));
    expect(g.calls.map((c) => c.keep)).toEqual(new Array(5).fill({ dims: [], data: [1] }));
    d.dispose();
    expect(g.live()).toBe(0);
  });

  it('the first call reads the prompt with an empty past and the right input names', async () => {
    const l = layout({ layers: 3, kvHeads: 4 });
    const g = standIn(l);
    const d = new Decoder(spec({ layout: l, promptIds: [7, 8, 9, 10] }), g.ops);
    await d.step();
    const c = g.calls[0]!;
    const past = [0, 1, 2].flatMap((i) => [`past_key_values.${i}.key`, `past_key_values.${i}.value`]);
    expect(c.names).toEqual(['attention_mask', 'input_ids', ...past, 'position_ids'].sort());
    expect(c.inputIds).toEqual([7, 8, 9, 10]);
    expect(c.mask).toEqual([1, 1, 1, 1]);
    expect(c.positionIds).toEqual([0, 1, 2, 3]);
    expect(c.pastDims).toEqual(new Array(6).fill([1, 4, 0, HEAD_DIM]));
  });

  it('feeds no position_ids when the layout has none', async () => {
    const l = layout({ positionIds: false });
    const g = standIn(l);
    const d = new Decoder(spec({ layout: l }), g.ops);
    await d.step(3);
    for (const c of g.calls) {
      expect(c.names).not.toContain('position_ids');
      expect(c.positionIds).toBeNull();
    }
    expect(g.calls[0]!.names).toEqual(
      [
        'attention_mask',
        'input_ids',
        ...[0, 1].flatMap((i) => [`past_key_values.${i}.key`, `past_key_values.${i}.value`]),
      ].sort(),
    );
  });

  it('later calls feed exactly one token, its position and the previous presents', async () => {
    const g = standIn(layout());
    const d = new Decoder(spec({ promptIds: [3, 1, 4], maxTokens: 6 }), g.ops);
    const { tokens } = await generate(d);
    expect(g.calls).toHaveLength(6);
    g.calls.slice(1).forEach((c, k) => {
      expect(c.inputIds).toEqual([tokens[k]]);
      expect(c.positionIds).toEqual([3 + k]);
      expect(c.mask).toHaveLength(3 + k + 1);
      for (const dims of c.pastDims) expect(dims).toEqual([1, 2, 3 + k, HEAD_DIM]);
    });
    // The attention mask grows by one per step.
    expect(g.calls.map((c) => c.mask.length)).toEqual([3, 4, 5, 6, 7, 8]);
  });

  it('step(count) draws up to count tokens in one call and reports the context', async () => {
    const d = new Decoder(spec({ maxTokens: 10 }), standIn(layout()).ops);
    const a = await d.step(4);
    expect(a.tokens).toHaveLength(4);
    expect(a.done).toBeNull();
    expect(a.contextTokens).toBe(3 + 4);
    expect(a.inferenceMs).toBeGreaterThanOrEqual(0);
    const b = await d.step(100);
    expect(b.tokens).toHaveLength(6);
    expect(b.done).toBe('max-tokens');
    expect([...a.tokens, ...b.tokens]).toEqual(expectedGreedy([3, 1, 4], 10, 64));
  });

  it('an EOS ends the generation with "eos" and is not returned', async () => {
    const greedy = expectedGreedy([3, 1, 4], 20, 64);
    const k = greedy.findIndex((t, i) => i >= 2 && greedy.indexOf(t) === i);
    expect(k).toBeGreaterThanOrEqual(2);
    const eos = greedy[k]!;
    const g = standIn(layout());
    const d = new Decoder(spec({ eosIds: [999, eos], maxTokens: 20 }), g.ops);
    const r = await generate(d);
    expect(r.tokens).toEqual(greedy.slice(0, k));
    expect(r.tokens).not.toContain(eos);
    expect(r.done).toBe('eos');
    const after = await d.step(5);
    expect(after.tokens).toEqual([]);
    expect(after.done).toBe('eos');
    expect(g.calls).toHaveLength(k + 1);
  });

  it('an EOS in one multi-token step keeps the tokens before it', async () => {
    const greedy = expectedGreedy([3, 1, 4], 20, 64);
    const k = greedy.findIndex((t, i) => i >= 2 && greedy.indexOf(t) === i);
    const d = new Decoder(spec({ eosIds: [greedy[k]!] }), standIn(layout()).ops);
    const s = await d.step(50);
    expect(s.tokens).toEqual(greedy.slice(0, k));
    expect(s.done).toBe('eos');
  });

  it('max tokens ends with "max-tokens" after exactly maxTokens', async () => {
    for (const maxTokens of [1, 5, 17]) {
      const g = standIn(layout());
      const d = new Decoder(spec({ maxTokens }), g.ops);
      const r = await generate(d);
      expect(r.tokens).toHaveLength(maxTokens);
      expect(r.done).toBe('max-tokens');
      expect(g.calls).toHaveLength(maxTokens);
      expect((await d.step(3)).tokens).toEqual([]);
      expect(g.calls).toHaveLength(maxTokens);
    }
  });

  it('slides the window when it reaches the context length, and goes on past it', async () => {
    const ctx = 8;
    const keep = Math.floor((ctx * 3) / 4);
    const l = layout({ contextLength: ctx });
    const g = standIn(l);
    const prompt = [3, 1, 4];
    const d = new Decoder(spec({ layout: l, promptIds: prompt, maxTokens: 20 }), g.ops);
    const r = await generate(d);
    expect(r.tokens).toHaveLength(20);
    expect(r.tokens).toEqual(expectedGreedy(prompt, 20, ctx));
    const seq = [...prompt, ...r.tokens];
    // Calls 0..4 read up to 7 tokens (3 prompt + 4 drawn); after the 5th draw the window holds
    // 8, so call 5 re-reads the newest 6.
    expect(g.calls[4]!.mask).toHaveLength(ctx - 1);
    const slide = g.calls[5]!;
    expect(slide.inputIds).toEqual(seq.slice(3 + 5 - keep, 3 + 5));
    expect(slide.positionIds).toEqual([0, 1, 2, 3, 4, 5]);
    expect(slide.mask).toHaveLength(keep);
    for (const dims of slide.pastDims) expect(dims[2]).toBe(0);
    // Then one token per call again, until the window is full once more.
    expect(g.calls[6]!.inputIds).toEqual([seq[8]]);
    expect(g.calls[6]!.positionIds).toEqual([keep]);
    expect(g.calls[7]!.inputIds).toEqual(seq.slice(9 - keep + 1, 10));
    expect(g.calls[7]!.positionIds).toEqual([0, 1, 2, 3, 4, 5]);
    // No call ever attends to more than the context.
    for (const c of g.calls) expect(c.mask.length).toBeLessThanOrEqual(ctx);
    expect(Math.max(...g.calls.flatMap((c) => c.positions))).toBeLessThan(ctx);
    const fresh = g.calls.filter((c) => c.pastDims[0]![2] === 0).length;
    expect(fresh).toBeGreaterThan(2);
    d.dispose();
    expect(g.live()).toBe(0);
  });

  it('a prompt longer than the context keeps its tail', async () => {
    const ctx = 8;
    const l = layout({ contextLength: ctx });
    const g = standIn(l);
    const prompt = Array.from({ length: 20 }, (_, i) => i % V);
    const d = new Decoder(spec({ layout: l, promptIds: prompt, maxTokens: 3 }), g.ops);
    const r = await generate(d);
    expect(g.calls[0]!.inputIds).toEqual(prompt.slice(-(ctx - 1)));
    expect(g.calls[0]!.positionIds).toEqual([0, 1, 2, 3, 4, 5, 6]);
    // The window is then full: the next call slides.
    expect(g.calls[1]!.inputIds).toEqual([...prompt.slice(-5), r.tokens[0]]);
    expect(r.tokens).toEqual(expectedGreedy(prompt, 3, ctx));
  });

  it('the repetition penalty sees the whole prompt, not just the window', async () => {
    // With a short context, tokens only in the prompt's head still get penalised.
    const l = layout({ contextLength: 4 });
    const prompt = [5, 6, 7, 8, 9, 10];
    const penalised = async (p: number): Promise<number[]> =>
      (
        await generate(
          new Decoder(
            spec({
              layout: l,
              promptIds: prompt,
              maxTokens: 6,
              sampling: { temperature: 0, topK: 0, topP: 1, repetitionPenalty: p, seed: 1 },
            }),
            standIn(l).ops,
          ),
        )
      ).tokens;
    expect(await penalised(1)).toEqual(expectedGreedy(prompt, 6, 4));
    expect(await penalised(1000)).not.toEqual(await penalised(1));
  });

  it('disposes every tensor it makes, presents included, once', async () => {
    for (const cache of [true, false]) {
      const l = layout({ contextLength: 10 });
      const g = standIn(l, { extraOutput: true });
      const d = new Decoder(spec({ layout: l, maxTokens: 25, cache }), g.ops);
      await d.step(5);
      // Between steps, only the presents of the last call are alive.
      expect(g.live()).toBe(l.layers * 2);
      await generate(d);
      d.dispose();
      expect(g.allocated.size).toBeGreaterThan(25);
      expect(g.live()).toBe(0);
      d.dispose(); // twice is harmless
    }
  });

  it('a graph without "logits" or a present throws a readable error, and leaks nothing', async () => {
    for (const [missing, message] of [
      ['logits', 'the model returned no "logits"'],
      ['present.1.value', 'the model returned no "present.1.value"'],
    ] as const) {
      const g = standIn(layout(), { drop: [missing] });
      const d = new Decoder(spec(), g.ops);
      await expect(d.step()).rejects.toThrow(message);
      d.dispose();
      expect(g.live()).toBe(0);
    }
  });

  it('a graph failing on a later step leaks nothing', async () => {
    const g = standIn(layout());
    let calls = 0;
    const d = new Decoder(spec(), {
      ...g.ops,
      run: (feeds) => (++calls === 3 ? Promise.reject(new Error('boom')) : g.ops.run(feeds)),
    });
    await d.step(2);
    await expect(d.step()).rejects.toThrow('boom');
    d.dispose();
    expect(g.live()).toBe(0);
  });

  it('logits it cannot read (not float32) throw and leak nothing', async () => {
    const g = standIn(layout());
    let calls = 0;
    const d = new Decoder(spec(), {
      ...g.ops,
      lastLogits: (t) => {
        if (++calls === 2) throw new Error('logits are float16; only float32 models are supported');
        return g.ops.lastLogits(t);
      },
    });
    await d.step();
    await expect(d.step()).rejects.toThrow('only float32');
    d.dispose();
    expect(g.live()).toBe(0);
  });

  it('the same seed gives the same tokens at temperature 1; other seeds other tokens', async () => {
    const sampled = async (seed: number): Promise<number[]> =>
      (
        await generate(
          new Decoder(
            spec({
              maxTokens: 40,
              sampling: { temperature: 1, topK: 0, topP: 1, repetitionPenalty: 1, seed },
            }),
            standIn(layout()).ops,
          ),
        )
      ).tokens;
    const a = await sampled(7);
    expect(await sampled(7)).toEqual(a);
    expect(await sampled(8)).not.toEqual(a);
    expect(await sampled(9)).not.toEqual(a);
    expect(a).not.toEqual(expectedGreedy([3, 1, 4], 40, 64));
  });

  it('refuses an empty prompt and a context shorter than 2', () => {
    const ops = standIn(layout()).ops;
    expect(() => new Decoder(spec({ promptIds: [] }), ops)).toThrow(/no tokens/);
    expect(() => new Decoder(spec({ layout: layout({ contextLength: 1 }) }), ops)).toThrow(/too short/);
  });
});
