/**
 * The Writer's service against the real bundled text model, the real inference process and a
 * real SQLite library: onnxruntime-node gives PyTorch's logits, the key/value cache changes no
 * token, seeds replay, tokens stream and Stop lands within a step, other studios run between
 * tokens, stop sequences cut, long prompts and long continuations fit the context, and
 * accepted continuations are kept in the library.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Generation, ModelStatus, TextResult, TextStream } from '../../../preload/contract';
import type { WireTensor } from '../../inference/protocol';
import { fileAtelier, withEvents } from '../../testing/file-atelier';
import { defaultModelsDir } from '../paths';

const app = fileAtelier();
const { call } = app;
let tiny = '';
beforeAll(async () => {
  // A small random-weight Llama (our own fixture): fast, with a 128-token context to fill.
  tiny = (await call<ModelStatus>('models.import', { path: resolve('models/training/text/tiny/llama') })).id;
});

let jobs = 0;
const jobId = (): string => `text-test-${++jobs}-${Date.now()}`;

/** Generates, collecting the stream events of this job. */
async function generate(
  input: Record<string, unknown>,
  onEvent?: (e: TextStream, id: string) => void,
): Promise<{ result: TextResult; events: TextStream[] }> {
  const id = jobId();
  const run = () => call<TextResult>('text.generate', { jobId: id, ...input });
  return withEvents(app.env, 'text.stream', id, run, onEvent);
}

interface Reference {
  prompt: string;
  promptIds: number[];
  tolerance: number;
  calls: { input_ids: number[]; past: number; logitsFirst64: number[] }[];
  greedy: number[];
}
const reference = (): Reference =>
  JSON.parse(readFileSync(join(defaultModelsDir(), 'text', 'reference.json'), 'utf8')) as Reference;

const int64 = (values: number[]): WireTensor => ({
  dtype: 'int64',
  dims: [1, values.length],
  data: BigInt64Array.from(values, (v) => BigInt(v)).buffer,
});

describe('the bundled text model', () => {
  it('loads with a valid manifest and its tokenizer', async () => {
    const m = app.env.atelier.registry.status().find((x) => x.id === 'text');
    expect(m?.ok, m?.error).toBe(true);
    expect(m!.task).toBe('text');
    expect(m!.source).toBe('bundled');
    expect(m!.text!.contextLength).toBeGreaterThanOrEqual(128);
    const ref = reference();
    const tok = await app.env.atelier.text.tokenizer('text');
    expect([ref.promptIds[0], ...tok.encode(ref.prompt)]).toEqual(ref.promptIds);
  });

  it('onnxruntime-node gives PyTorch’s logits for the prompt call and cached steps', async () => {
    const ref = reference();
    const m = app.env.atelier.registry.get('text')!;
    const t = m.manifest!.text!;
    const path = join(m.dir, m.manifest!.files.find((f) => f.role === 'model')!.path);
    let past: Record<string, WireTensor> = {};
    for (let i = 0; i < t.layers; i++)
      for (const kv of ['key', 'value'])
        past[`past_key_values.${i}.${kv}`] = {
          dtype: 'float32',
          dims: [1, t.kvHeads, 0, t.headDim],
          data: new ArrayBuffer(0),
        };
    let seen = 0;
    for (const [k, c] of ref.calls.entries()) {
      expect(c.past).toBe(seen);
      const n = c.input_ids.length;
      const presents = Object.keys(past).map((name) => name.replace('past_key_values', 'present'));
      const r = await app.env.atelier.inference.run({
        model: { id: 'text-reference', path },
        feeds: {
          input_ids: int64(c.input_ids),
          attention_mask: int64(new Array<number>(seen + n).fill(1)),
          position_ids: int64(c.input_ids.map((_, i) => seen + i)),
          ...past,
        },
        outputs: ['logits', ...presents],
      });
      const logits = new Float32Array(r.outputs.logits!.data);
      const vocab = r.outputs.logits!.dims[2]!;
      const last = logits.subarray((n - 1) * vocab, (n - 1) * vocab + 64);
      const diff = Math.max(...c.logitsFirst64.map((v, i) => Math.abs(v - last[i]!)));
      expect(diff, `call ${k}`).toBeLessThan(ref.tolerance);
      past = Object.fromEntries(
        presents.map((p) => [p.replace('present', 'past_key_values'), r.outputs[p]!]),
      );
      seen += n;
    }
  });

  it('greedy decoding gives PyTorch’s tokens, the same with and without the key/value cache', async () => {
    const ref = reference();
    const tok = await app.env.atelier.text.tokenizer('text');
    const sampling = { seed: 0, temperature: 0, repetitionPenalty: 1, maxTokens: ref.greedy.length };
    const req = { model: 'text', prompt: ref.prompt, sampling: { ...sampling, topK: 0, topP: 1, stop: [] } };
    const cached = await app.env.atelier.text.generate(req);
    const plain = await app.env.atelier.text.generate(req, { cache: false });
    const eos = app.env.atelier.registry.get('text')!.manifest!.text!.eosTokenIds;
    const expected = ref.greedy.slice(0, ref.greedy.findIndex((id) => eos.includes(id)) >>> 0);
    expect(cached.text).toBe(tok.decode(expected));
    expect(plain.text).toBe(cached.text);
    expect(plain.tokens).toBe(cached.tokens);
  });

  it('the same seed, prompt and settings give the same text; another seed another', async () => {
    const input = (seed: number) => ({
      model: 'text',
      prompt: 'The moon',
      sampling: { seed, temperature: 0.9, topK: 50, topP: 0.95, repetitionPenalty: 1.1, maxTokens: 40 },
    });
    const a = await generate(input(42));
    const b = await generate(input(42));
    const c = await generate(input(43));
    expect(a.result.text.length).toBeGreaterThan(0);
    expect(b.result.text).toBe(a.result.text);
    expect(c.result.text).not.toBe(a.result.text);
    expect(a.result).toMatchObject({ model: 'text', seed: 42, provider: 'cpu' });
    expect(a.result.modelSha256).toMatch(/^[a-f0-9]{64}$/);
  });

  it('streams: the events add up to the text, with token counts and rates', async () => {
    const { result, events } = await generate({
      model: 'text',
      prompt: 'Hope is the thing with feathers',
      sampling: { seed: 7, maxTokens: 60 },
    });
    expect(events.length).toBeGreaterThan(1);
    expect(events.map((e) => e.delta).join('')).toBe(result.text);
    const counts = events.map((e) => e.tokens);
    expect([...counts].sort((a, b) => a - b)).toEqual(counts);
    expect(events.at(-1)!.tokens).toBe(result.tokens);
    expect(result.firstTokenMs).toBeGreaterThan(0);
    expect(result.tokensPerSecond).toBeGreaterThan(0);
    expect(result.promptTokens).toBeGreaterThan(1);
  });
});

describe('generation (a small random-weight Llama)', () => {
  it('Stop ends generation within one step and keeps the text so far', async () => {
    let cancelledAt = -1;
    const { result, events } = await generate(
      { model: tiny, prompt: 'Hello', sampling: { seed: 1, maxTokens: 4000 } },
      (e, id) => {
        if (cancelledAt === -1 && e.tokens >= 5) {
          cancelledAt = e.tokens;
          void call('jobs.cancel', { jobId: id });
        }
      },
    );
    expect(result.stopReason).toBe('stopped');
    expect(result.tokens).toBeGreaterThanOrEqual(cancelledAt);
    expect(result.tokens).toBeLessThanOrEqual(cancelledAt + 1);
    expect(events.map((e) => e.delta).join('')).toBe(result.text);
  });

  it('other studios run between tokens: a latent decode answers while text streams', async () => {
    const glyphs = app.env.atelier.registry.status().find((m) => m.id === 'glyphs' && m.ok);
    expect(glyphs).toBeDefined();
    let latest = 0;
    let started!: () => void;
    const firstToken = new Promise<void>((r) => (started = r));
    const gen = generate({ model: tiny, prompt: 'Hello', sampling: { seed: 2, maxTokens: 2000 } }, (e) => {
      latest = e.tokens;
      if (e.tokens >= 1) started();
    });
    await firstToken;
    await call('latent.decode', {
      model: 'glyphs',
      lane: 'pad',
      points: [new Array<number>(glyphs!.latent!.dim).fill(0)],
      view: { kind: 'text', text: 'A' },
    }).catch((e: { info?: { message: string } }) => {
      throw new Error(e.info?.message ?? String(e));
    });
    const tokensWhenAnswered = latest;
    const { result } = await gen;
    // The decode answered while the text was still being written (this seed runs for hundreds of tokens).
    expect(result.tokens).toBeGreaterThan(100);
    expect(tokensWhenAnswered).toBeLessThan(result.tokens / 2);
  });

  it('a continuation may be longer than the context (the window slides)', async () => {
    const ctx = app.env.atelier.registry.get(tiny)!.manifest!.text!.contextLength;
    const { result } = await generate({
      model: tiny,
      prompt: 'Hello',
      sampling: { seed: 3, maxTokens: ctx * 2 + 10 },
    });
    expect(result.tokens).toBe(ctx * 2 + 10);
    expect(result.stopReason).toBe('max-tokens');
  });

  it('a prompt longer than the context: the model reads its tail', async () => {
    const ctx = app.env.atelier.registry.get(tiny)!.manifest!.text!.contextLength;
    const prompt = 'word '.repeat(40_000);
    const { result } = await generate({ model: tiny, prompt, sampling: { seed: 4, maxTokens: 8 } });
    expect(result.truncatedTokens).toBeGreaterThan(0);
    expect(result.promptTokens).toBeLessThanOrEqual(ctx);
    expect(result.tokens).toBe(8);
  });

  it('a stop sequence cuts the text and ends generation; it never streams', async () => {
    const greedy = await generate({
      model: tiny,
      prompt: 'Hello, world',
      sampling: { seed: 0, temperature: 0, repetitionPenalty: 1, maxTokens: 24 },
    });
    // A stop sequence from the middle of the greedy text (ASCII letters, so it is whole characters).
    const text = greedy.result.text;
    const m = /[A-Za-z]{2}/.exec(text.slice(4));
    expect(m, `no two letters in ${JSON.stringify(text)}`).not.toBeNull();
    const stop = m![0];
    const at = text.indexOf(stop);
    const { result, events } = await generate({
      model: tiny,
      prompt: 'Hello, world',
      sampling: { seed: 0, temperature: 0, repetitionPenalty: 1, maxTokens: 24, stop: [stop] },
    });
    expect(result.stopReason).toBe('stop-sequence');
    expect(result.text).toBe(text.slice(0, at));
    expect(events.map((e) => e.delta).join('')).toBe(result.text);
    expect(result.tokens).toBeLessThan(24);
  });

  it('a model that is not a text model, or not installed, is refused with the field named', async () => {
    for (const model of ['glyphs', 'no-such-model']) {
      const r = await app.env.atelier.router.call('text.generate', {
        jobId: jobId(),
        model,
        prompt: 'x',
        sampling: { seed: 1 },
      });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ code: 'invalid-input', field: 'model' });
    }
  });
});

describe('the library', () => {
  it('keeps an accepted continuation with its prompt, model and settings, and the whole document', async () => {
    const { result } = await generate({
      model: tiny,
      prompt: 'Roses are red',
      sampling: { seed: 9, maxTokens: 12 },
    });
    const gen = await call<Generation>('text.save', {
      model: tiny,
      prompt: 'Roses are red',
      text: result.text || 'x',
      after: '\nThe end.',
      sampling: { seed: 9, maxTokens: 12 },
      preset: 'poem',
      stopReason: result.stopReason,
      tokens: result.tokens,
      provider: result.provider,
      durationMs: result.durationMs,
    });
    expect(gen.kind).toBe('text');
    expect(gen.params).toMatchObject({
      prompt: 'Roses are red',
      after: '\nThe end.',
      preset: 'poem',
      tokens: result.tokens,
    });
    expect(gen.modelId).toBe(tiny);
    expect(gen.seed).toBe(9);
    const asset = await call<{ mime: string; bytes: Uint8Array }>('library.asset', {
      id: gen.id,
      role: 'text',
    });
    expect(asset.mime).toMatch(/^text\/plain/);
    expect(new TextDecoder().decode(asset.bytes)).toBe(`Roses are red${result.text || 'x'}\nThe end.`);
    const listed = await call<Generation[]>('library.list', { kind: 'text' });
    expect(listed.map((g) => g.id)).toContain(gen.id);
  });
});
