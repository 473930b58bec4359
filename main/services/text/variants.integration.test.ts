/**
 * Published decoder folders against the real inference process and real files: the onnx/ layout
 * with its graph variants (fp32, fp16, int8, q4 with external data, q4f16) and a merged GPT-2
 * decoder (use_cache_branch; fp32 and fp16), made by models/training/text/make_variants.py. Each variant imports
 * alone, generates through the Writer with onnxruntime's greedy tokens (reference.json), replays
 * for a seed and gives the same tokens with and without the key/value cache; bad folders are
 * refused naming the file and the reason, and leave nothing behind (variants-refused.integration.test.ts).
 */
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ModelStatus, TextResult } from '../../../preload/contract';
import { filesUnder, reference, TINY, variantsEnv, type Reference } from './variants-testing';

const t = variantsEnv('atelier-variants-src-');
const { call, copyOf, manifestOf } = t;

let jobs = 0;
async function greedy(model: string, prompt: string, n: number): Promise<TextResult> {
  return call<TextResult>('text.generate', {
    jobId: `variants-${++jobs}`,
    model,
    prompt,
    sampling: { seed: 0, temperature: 0, repetitionPenalty: 1, maxTokens: n },
  });
}

/**
 * Greedy text equals reference's tokens; the cache changes nothing; a seed replays. Except for
 * int8: dynamic quantization scales each call's activations by their own range, so reading the
 * whole window again (no cache) is another computation from the second token on.
 */
async function generatesLikeReference(id: string, ref: Reference, variant: string): Promise<void> {
  const tok = await t.env.atelier.text.tokenizer(id);
  const want = ref.variants[variant]!.greedy;
  const r = await greedy(id, ref.prompt, want.length);
  expect(r.tokens).toBe(want.length);
  expect(r.text).toBe(tok.decode(want));
  const req = {
    model: id,
    prompt: ref.prompt,
    sampling: { seed: 0, temperature: 0, topK: 0, topP: 1, repetitionPenalty: 1, maxTokens: 8, stop: [] },
  };
  if (variant === 'quantized') {
    const first = { ...req, sampling: { ...req.sampling, maxTokens: 1 } };
    expect((await t.env.atelier.text.generate(first, { cache: false })).text).toBe(
      tok.decode(want.slice(0, 1)),
    );
  } else expect((await t.env.atelier.text.generate(req, { cache: false })).text).toBe(r.text);
  const sampled = { ...req, sampling: { ...req.sampling, seed: 7, temperature: 1, topK: 40, topP: 0.95 } };
  const a = await t.env.atelier.text.generate(sampled);
  const b = await t.env.atelier.text.generate(sampled);
  expect(a.tokens).toBeGreaterThan(0);
  expect(b.text).toBe(a.text);
}

const SUPPORT = [
  'chat_template.jinja',
  'config.json',
  'generation_config.json',
  'tokenizer.json',
  'tokenizer_config.json',
];

describe('the onnx/ layout, one variant at a time', () => {
  it.each([
    ['fp32', ['onnx/model.onnx'], 'float32', 'float32'],
    ['fp16', ['onnx/model_fp16.onnx'], 'float16', 'float16'],
    ['quantized', ['onnx/model_quantized.onnx'], 'float32', 'float32'],
    ['q4', ['onnx/model_q4.onnx', 'onnx/model_q4.onnx_data'], 'float32', 'float32'],
    ['q4f16', ['onnx/model_q4f16.onnx'], 'float16', 'float16'],
  ])('%s installs alone and generates onnxruntime’s greedy tokens', async (variant, graphs, kv, logits) => {
    const ref = reference('onnx-llama');
    const m = await call<ModelStatus>('models.import', { path: join(TINY, 'onnx-llama'), variant });
    expect(m.ok, m.error).toBe(true);
    expect(m.text).toMatchObject({ modelType: 'qwen2', layers: 2, vocabSize: 512, contextLength: 128 });
    // Only that graph (and its external data) and the support files: the chat template too.
    expect(filesUnder(join(t.env.dataDir, 'models', m.id))).toEqual(
      [...graphs, ...SUPPORT, 'model.json'].sort(),
    );
    const manifest = manifestOf(m.id);
    expect(manifest.text).toMatchObject({
      variant,
      kvDtype: kv,
      logitsDtype: logits,
      kvHeads: 2,
      headDim: 8,
    });
    expect(manifest.text.addBos).toBe(false);
    expect(manifest.text.cacheBranch).toBeUndefined();
    // The q4f16 graph takes num_logits_to_keep, as newer exports do: the worker feeds 1.
    expect(manifest.text.logitsToKeep).toBe(variant === 'q4f16' ? true : undefined);
    expect(manifest.files.find((f) => f.role === 'model')!.path).toBe(graphs[0]);
    expect(manifest.files.find((f) => f.role === 'chat-template')!.path).toBe('chat_template.jinja');
    const tok = await t.env.atelier.text.tokenizer(m.id);
    expect(tok.encode(ref.prompt)).toEqual(ref.promptIds);
    await generatesLikeReference(m.id, ref, variant);
    await call('models.remove', { id: m.id });
  });

  it('without a variant, the one that suits this machine (small on the CPU: fp32)', async () => {
    const m = await call<ModelStatus>('models.import', { path: join(TINY, 'onnx-llama') });
    expect(manifestOf(m.id).text.variant).toBe('fp32');
    await call('models.remove', { id: m.id });
  });
});

describe('a merged decoder (use_cache_branch)', () => {
  it('imports, feeds the branch flag and gives the tokens of the plain graph', async () => {
    const ref = reference('merged-gpt2');
    const m = await call<ModelStatus>('models.import', { path: join(TINY, 'merged-gpt2') });
    expect(m.ok, m.error).toBe(true);
    const manifest = manifestOf(m.id);
    expect(manifest.text).toMatchObject({
      cacheBranch: true,
      variant: 'fp32',
      kvDtype: 'float32',
      addBos: true,
    });
    expect(manifest.files.find((f) => f.role === 'model')!.path).toBe('onnx/decoder_model_merged.onnx');
    expect(ref.variants.fp32!.greedy).toEqual(
      (JSON.parse(readFileSync(join(TINY, 'gpt2', 'reference.json'), 'utf8')) as { greedy: number[] }).greedy,
    );
    await generatesLikeReference(m.id, ref, 'fp32');
  });

  it('its fp16 variant keeps a float16 cache through both branches', async () => {
    const ref = reference('merged-gpt2');
    const m = await call<ModelStatus>('models.import', { path: join(TINY, 'merged-gpt2'), variant: 'fp16' });
    expect(filesUnder(join(t.env.dataDir, 'models', m.id))).toEqual(
      [
        'onnx/decoder_model_merged_fp16.onnx',
        'config.json',
        'generation_config.json',
        'tokenizer.json',
        'tokenizer_config.json',
        'model.json',
      ].sort(),
    );
    expect(manifestOf(m.id).text).toMatchObject({
      cacheBranch: true,
      kvDtype: 'float16',
      logitsDtype: 'float16',
    });
    await generatesLikeReference(m.id, ref, 'fp16');
    await call('models.remove', { id: m.id });
  });

  it('an unknown model_type still imports when the graph fits', async () => {
    const dir = copyOf('merged-gpt2', 'custom-type');
    const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ ...config, model_type: 'my-own-gpt' }));
    const m = await call<ModelStatus>('models.import', { path: dir });
    expect(m.text!.modelType).toBe('my-own-gpt');
    await generatesLikeReference(m.id, reference('merged-gpt2'), 'fp32');
  });
});

describe('what a graph is, not what its name says', () => {
  it('an fp16 graph published as model.onnx runs with float16 caches and logits', async () => {
    const dir = copyOf('onnx-llama', 'lying-name');
    for (const f of readdirSync(join(dir, 'onnx'))) if (f !== 'model_fp16.onnx') rmSync(join(dir, 'onnx', f));
    cpSync(join(dir, 'onnx', 'model_fp16.onnx'), join(dir, 'onnx', 'model.onnx'));
    rmSync(join(dir, 'onnx', 'model_fp16.onnx'));
    const m = await call<ModelStatus>('models.import', { path: dir });
    expect(manifestOf(m.id).text).toMatchObject({
      variant: 'fp32',
      kvDtype: 'float16',
      logitsDtype: 'float16',
    });
    const ref = reference('onnx-llama');
    const r = await greedy(m.id, ref.prompt, 8);
    expect(r.text).toBe((await t.env.atelier.text.tokenizer(m.id)).decode(ref.variants.fp16!.greedy));
  });
});
