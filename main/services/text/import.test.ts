/**
 * The decoder import's checks without files: config.json of each family read into a text
 * section, a graph's ports checked (float16 caches and logits, merged decoders, the types
 * Atelier cannot run), and the variant chosen or refused. The real folders are in
 * variants.integration.test.ts and import.integration.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { GraphPort } from '../../inference/protocol';
import { describeConfig } from './import';
import { checkGraph } from './import-graph';
import { chooseVariant } from './import-variant';

const port = (name: string, type: string, shape: (number | string)[] = []): GraphPort => ({
  name,
  type,
  shape,
});

/** A decoder graph's ports: `layers` layers, caches and logits of the given types. */
function graph(
  o: {
    layers?: number;
    kv?: string;
    logits?: string;
    branch?: string;
    heads?: number;
    extra?: string[];
  } = {},
): { inputs: GraphPort[]; outputs: GraphPort[] } {
  const { layers = 2, kv = 'float32', logits = 'float32', heads = 2 } = o;
  const inputs = [port('input_ids', 'int64'), port('attention_mask', 'int64'), port('position_ids', 'int64')];
  const outputs = [port('logits', logits)];
  for (let i = 0; i < layers; i++)
    for (const k of ['key', 'value']) {
      inputs.push(port(`past_key_values.${i}.${k}`, kv, ['batch', heads, 'past', 8]));
      outputs.push(port(`present.${i}.${k}`, kv, ['batch', heads, 'total', 8]));
    }
  if (o.branch) inputs.push(port('use_cache_branch', o.branch, [1]));
  for (const e of o.extra ?? []) inputs.push(port(e, 'int64'));
  return { inputs, outputs };
}
const text = { layers: 2, kvHeads: 2, headDim: 8 };

describe('describeConfig: the families as config.json gives them', () => {
  it('GPT-2: n_layer, n_head, n_embd, n_positions', () => {
    const t = describeConfig(
      {
        model_type: 'gpt2',
        n_layer: 12,
        n_head: 12,
        n_embd: 768,
        n_positions: 1024,
        vocab_size: 50257,
        eos_token_id: 50256,
      },
      null,
      null,
    );
    expect(t).toMatchObject({
      layers: 12,
      kvHeads: 12,
      headDim: 64,
      contextLength: 1024,
      eosTokenIds: [50256],
    });
  });

  it('Llama 3: grouped-query heads, a list of end tokens', () => {
    const t = describeConfig(
      {
        model_type: 'llama',
        num_hidden_layers: 16,
        num_attention_heads: 32,
        num_key_value_heads: 8,
        hidden_size: 2048,
        max_position_embeddings: 131072,
        vocab_size: 128256,
        bos_token_id: 128000,
        eos_token_id: [128001, 128008, 128009],
      },
      null,
      { add_bos_token: true },
    );
    expect(t).toMatchObject({ kvHeads: 8, headDim: 64, addBos: true, eosTokenIds: [128001, 128008, 128009] });
  });

  it('Gemma: an explicit head_dim that is not hidden / heads', () => {
    const t = describeConfig(
      {
        model_type: 'gemma3_text',
        num_hidden_layers: 26,
        num_attention_heads: 4,
        num_key_value_heads: 1,
        head_dim: 256,
        hidden_size: 1152,
        max_position_embeddings: 32768,
        vocab_size: 262144,
        bos_token_id: 2,
        eos_token_id: [1, 106],
      },
      null,
      null,
    );
    expect(t).toMatchObject({ kvHeads: 1, headDim: 256, layers: 26 });
  });

  it('Phi-3 and Qwen2: no BOS added unless the tokenizer config says so', () => {
    const phi = describeConfig(
      {
        model_type: 'phi3',
        num_hidden_layers: 32,
        num_attention_heads: 32,
        num_key_value_heads: 32,
        hidden_size: 3072,
        max_position_embeddings: 4096,
        vocab_size: 32064,
        bos_token_id: 1,
        eos_token_id: 32000,
      },
      { eos_token_id: [32000, 32007] },
      { add_bos_token: false },
    );
    expect(phi).toMatchObject({
      kvHeads: 32,
      headDim: 96,
      addBos: false,
      bosTokenId: 1,
      eosTokenIds: [32000, 32007],
    });
  });
});

describe('checkGraph: what the decoder can feed', () => {
  it('float32 and float16 caches and logits', () => {
    expect(checkGraph(text, graph())).toEqual({
      positionIds: true,
      cacheBranch: false,
      logitsToKeep: false,
      kvDtype: 'float32',
      logitsDtype: 'float32',
    });
    expect(
      checkGraph(text, graph({ kv: 'float16', logits: 'float16' }), 'onnx/model_q4f16.onnx'),
    ).toMatchObject({
      kvDtype: 'float16',
      logitsDtype: 'float16',
    });
  });

  it('a merged decoder takes use_cache_branch: bool [1]', () => {
    const g = graph({ branch: 'bool' });
    expect(checkGraph(text, g, 'onnx/decoder_model_merged.onnx').cacheBranch).toBe(true);
    expect(() => checkGraph(text, graph({ branch: 'int64' }), 'decoder_model_merged.onnx')).toThrow(
      /decoder_model_merged\.onnx: "use_cache_branch" is int64 \[1\], not bool \[1\]/,
    );
    expect(() => checkGraph(text, graph(), 'onnx/decoder_model_merged.onnx')).toThrow(
      /decoder_model_merged\.onnx, an older Optimum layout, must take "use_cache_branch"/,
    );
  });

  it('newer exports’ num_logits_to_keep (int64) is fed', () => {
    const g = graph();
    g.inputs.push(port('num_logits_to_keep', 'int64', []));
    expect(checkGraph(text, g).logitsToKeep).toBe(true);
    g.inputs[g.inputs.length - 1]!.type = 'float32';
    expect(() => checkGraph(text, g)).toThrow(/"num_logits_to_keep" is float32, not int64/);
  });

  it('refuses types it cannot run, naming the file', () => {
    expect(() => checkGraph(text, graph({ kv: 'bfloat16' }), 'onnx/model_bf16.onnx')).toThrow(
      /onnx\/model_bf16\.onnx: "past_key_values\.0\.key" is bfloat16, which onnxruntime cannot run/,
    );
    expect(() => checkGraph(text, graph({ logits: 'float64' }), 'model.onnx')).toThrow(
      /model\.onnx: the logits are float64; Atelier reads float32 or float16 logits/,
    );
    const mixed = graph({ kv: 'float16' });
    mixed.inputs.find((p) => p.name === 'past_key_values.1.value')!.type = 'float32';
    expect(() => checkGraph(text, mixed)).toThrow(
      /"past_key_values\.1\.value" is float32 but the caches before it are float16/,
    );
    const unlike = graph();
    unlike.outputs.find((p) => p.name === 'present.0.key')!.type = 'float16';
    expect(() => checkGraph(text, unlike)).toThrow(
      /"present\.0\.key" is float16 but "past_key_values\.0\.key" is float32/,
    );
  });

  it('refuses inputs it cannot feed and caches of another shape', () => {
    expect(() => checkGraph(text, graph({ extra: ['token_type_ids'] }))).toThrow(
      /inputs Atelier does not know how to feed: token_type_ids/,
    );
    expect(() => checkGraph(text, graph({ heads: 4 }))).toThrow(/config\.json gives 2 key\/value heads of 8/);
    expect(() => checkGraph({ ...text, layers: 3 }, graph())).toThrow(/no input "past_key_values\.2\.key"/);
  });
});

describe('chooseVariant', () => {
  const files = [
    'config.json',
    'tokenizer.json',
    'onnx/model.onnx',
    'onnx/model_fp16.onnx',
    'onnx/model_q4.onnx',
  ].map((path) => ({ path, size: 1000 }));

  it('the variant asked for, else the suggested one', () => {
    expect(chooseVariant(files, 'q4').variant.graph).toBe('onnx/model_q4.onnx');
    expect(chooseVariant(files, undefined, { provider: 'cpu', ramBytes: 8e9 }).variant.id).toBe('fp32');
    expect(chooseVariant(files, undefined, { provider: 'cuda', ramBytes: 8e9 }).variant.id).toBe('fp16');
  });

  it('an unknown variant is refused with the list', () => {
    expect(() => chooseVariant(files, 'q8')).toThrow(
      /this folder has no "q8" variant; it has fp32, fp16, q4\./,
    );
  });

  it('a folder without a graph is refused with what it holds', () => {
    expect(() => chooseVariant(files.slice(0, 2), undefined)).toThrow(/model\.onnx is missing/);
    const split = [...files.slice(0, 2), { path: 'onnx/decoder_model.onnx', size: 1 }];
    expect(() => chooseVariant(split, undefined)).toThrow(
      /onnx\/decoder_model\.onnx without a merged decoder/,
    );
  });
});
