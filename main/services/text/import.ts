/**
 * Importing a Hugging Face Optimum decoder export (GPT-2 or Llama family): `model.onnx` (with or
 * without external data), `config.json`, `tokenizer.json`, and `generation_config.json` /
 * `tokenizer_config.json` when present.
 *
 * Everything is checked before anything is accepted: the config's shape, the tokenizer (loads,
 * round-trips, fits the vocabulary), the size (and the free disk space), and the graph's inputs
 * and outputs as onnxruntime reads them. The files are then copied (or hard-linked) into a
 * staging folder inside the data dir with a manifest, checked again by the registry, and only
 * then renamed into place, so a failure at any point leaves nothing half-copied behind.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { GraphPort } from '../../inference/protocol';
import {
  checkSize,
  importedFrom,
  installImported,
  refuseImport as refuse,
  tensorSpecs,
  type ImportDeps,
  type ImportOptions,
} from '../models/install';
import type { TextSection } from '../models/manifest';
import type { RegisteredModel } from '../models/registry';
import { fromJson, TokenizerError } from './tokenizer';

/** Graph files of other Optimum layouts, for a precise refusal. */
const OTHER_LAYOUTS = ['decoder_model_merged.onnx', 'decoder_with_past_model.onnx', 'decoder_model.onnx'];
const OPTIONAL_FILES: [string, string][] = [
  ['generation_config.json', 'generation-config'],
  ['tokenizer_config.json', 'tokenizer-config'],
  ['special_tokens_map.json', 'special-tokens'],
  ['README.md', 'readme'],
  ['LICENSE', 'license'],
];

type Config = Record<string, unknown>;

async function readJson(dir: string, name: string, required: true): Promise<Config>;
async function readJson(dir: string, name: string, required: false): Promise<Config | null>;
async function readJson(dir: string, name: string, required: boolean): Promise<Config | null> {
  let raw: string;
  try {
    raw = await readFile(join(dir, name), 'utf8');
  } catch {
    if (required) throw refuse(`${name} is missing.`);
    return null;
  }
  try {
    const v = JSON.parse(raw) as unknown;
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
    return v as Config;
  } catch (e) {
    throw refuse(`${name} is not valid JSON (${(e as Error).message}).`);
  }
}

function int(config: Config, keys: string[], what: string): number {
  for (const k of keys) {
    const v = config[k];
    if (typeof v === 'number' && Number.isInteger(v) && v > 0) return v;
  }
  throw refuse(`config.json gives no ${what} (${keys.join(' / ')}).`);
}

function ids(v: unknown): number[] {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return [v];
  if (Array.isArray(v))
    return v.filter((x): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0);
  return [];
}

/** The text section from config.json (+ generation and tokenizer configs). Exported for tests. */
export function describeConfig(config: Config, gen: Config | null, tokConfig: Config | null): TextSection {
  const modelType = typeof config.model_type === 'string' ? config.model_type : '';
  if (!modelType) throw refuse('config.json has no model_type.');
  const layers = int(config, ['n_layer', 'num_hidden_layers'], 'number of layers');
  const heads = int(config, ['n_head', 'num_attention_heads'], 'number of attention heads');
  const hidden = int(config, ['n_embd', 'hidden_size', 'd_model'], 'hidden size');
  const kvHeads =
    typeof config.num_key_value_heads === 'number' && config.num_key_value_heads > 0
      ? config.num_key_value_heads
      : heads;
  const headDim =
    typeof config.head_dim === 'number' && config.head_dim > 0 ? config.head_dim : hidden / heads;
  if (!Number.isInteger(headDim))
    throw refuse('config.json: the hidden size is not a multiple of the heads.');
  const contextLength = int(config, ['n_positions', 'max_position_embeddings', 'n_ctx'], 'context length');
  const vocabSize = int(config, ['vocab_size'], 'vocabulary size');
  const bos = ids(gen?.bos_token_id ?? config.bos_token_id)[0] ?? null;
  const eos = [...new Set([...ids(gen?.eos_token_id), ...ids(config.eos_token_id)])];
  const num = (k: string): number | undefined => (typeof gen?.[k] === 'number' ? gen[k] : undefined);
  const generation: NonNullable<TextSection['generation']> = {};
  const temperature = num('temperature');
  const topK = num('top_k');
  const topP = num('top_p');
  const rep = num('repetition_penalty');
  const maxNew = num('max_new_tokens');
  if (temperature !== undefined && temperature >= 0 && temperature <= 2) generation.temperature = temperature;
  if (topK !== undefined && Number.isInteger(topK) && topK >= 0) generation.topK = Math.min(topK, 1000);
  if (topP !== undefined && topP > 0 && topP <= 1) generation.topP = topP;
  if (rep !== undefined && rep >= 1 && rep <= 2) generation.repetitionPenalty = rep;
  if (maxNew !== undefined && Number.isInteger(maxNew) && maxNew > 0)
    generation.maxNewTokens = Math.min(maxNew, 4096);
  return {
    layout: 'optimum-decoder-kv',
    modelType,
    vocabSize,
    contextLength,
    layers,
    kvHeads,
    headDim,
    positionIds: true,
    bosTokenId: bos,
    eosTokenIds: eos,
    addBos: tokConfig?.add_bos_token === true && bos !== null,
    tokenizer: 'tokenizer.json',
    ...(Object.keys(generation).length ? { generation } : {}),
  };
}

/** Checks the graph against the Optimum decoder layout; returns whether it takes position_ids. */
export function checkGraph(text: TextSection, g: { inputs: GraphPort[]; outputs: GraphPort[] }): boolean {
  const inputs = new Map(g.inputs.map((p) => [p.name, p]));
  const outputs = new Map(g.outputs.map((p) => [p.name, p]));
  const list = (m: Map<string, GraphPort>): string => [...m.keys()].slice(0, 8).join(', ');
  for (const name of ['input_ids', 'attention_mask']) {
    const p = inputs.get(name);
    if (!p) throw refuse(`the graph has no input "${name}" (it has ${list(inputs)}).`);
    if (p.type !== 'int64') throw refuse(`the graph's "${name}" is ${p.type}, not int64.`);
  }
  if (!outputs.has('logits')) throw refuse(`the graph has no output "logits" (it has ${list(outputs)}).`);
  if (outputs.get('logits')!.type !== 'float32')
    throw refuse(`the graph's logits are ${outputs.get('logits')!.type}; only float32 models are supported.`);
  const expected = new Set(['input_ids', 'attention_mask', 'position_ids']);
  for (let i = 0; i < text.layers; i++)
    for (const kv of ['key', 'value']) {
      const name = `past_key_values.${i}.${kv}`;
      expected.add(name);
      const p = inputs.get(name);
      if (!p)
        throw refuse(
          `the graph has no input "${name}": it must be an Optimum export with past key values ` +
            `(task text-generation-with-past) for a model of ${text.layers} layers.`,
        );
      if (p.type !== 'float32')
        throw refuse(`"${name}" is ${p.type}; only float32 key/value caches are supported.`);
      const [, h, , d] = p.shape;
      if ((typeof h === 'number' && h !== text.kvHeads) || (typeof d === 'number' && d !== text.headDim))
        throw refuse(
          `"${name}" has shape [${p.shape.join(', ')}], but config.json gives ${text.kvHeads} key/value heads of ${text.headDim}.`,
        );
      if (!outputs.has(`present.${i}.${kv}`)) throw refuse(`the graph has no output "present.${i}.${kv}".`);
    }
  const extra = [...inputs.keys()].filter((n) => !expected.has(n));
  if (extra.length)
    throw refuse(`the graph has inputs Atelier does not know how to feed: ${extra.join(', ')}.`);
  return inputs.has('position_ids');
}

/** The graph's external data files: the usual Optimum / onnx names beside model.onnx. */
async function externalData(dir: string): Promise<string[]> {
  const names = await readdir(dir);
  return names
    .filter((n) => /^model\.onnx(_data|\.data)(_\d+)?$/.test(n) || /^model\.onnx_data\.\d+$/.test(n))
    .sort();
}

export async function importOptimumFolder(
  deps: ImportDeps,
  folder: string,
  opts: ImportOptions = {},
): Promise<RegisteredModel> {
  const st = await stat(folder).catch(() => null);
  if (!st) throw refuse(`${folder} does not exist.`);
  if (!st.isDirectory()) throw refuse(`${folder} is not a folder.`);
  const names = new Set(await readdir(folder));
  if (!names.has('model.onnx')) {
    const other = OTHER_LAYOUTS.find((n) => names.has(n));
    throw refuse(
      other
        ? `it holds ${other}, an older Optimum layout; export again with optimum-cli (task text-generation-with-past) to get a single model.onnx.`
        : 'model.onnx is missing.',
    );
  }
  const config = await readJson(folder, 'config.json', true);
  const gen = await readJson(folder, 'generation_config.json', false);
  const tokConfig = await readJson(folder, 'tokenizer_config.json', false);
  const text = describeConfig(config, gen, tokConfig);

  // The tokenizer: loads with the library the app uses, round-trips, fits the vocabulary.
  if (!names.has('tokenizer.json')) throw refuse('tokenizer.json is missing.');
  const tokJson = await readJson(folder, 'tokenizer.json', true);
  let sample: number[];
  try {
    const tok = fromJson(tokJson, tokConfig ?? {});
    const probe = 'Hello, world! Ünïcödé ✓ 2025';
    sample = tok.encode(probe);
    if (!sample.length) throw new TokenizerError('it gives no tokens for plain text');
    if (!tok.decode(sample).includes('Hello')) throw new TokenizerError('it does not decode what it encodes');
  } catch (e) {
    throw refuse(
      `tokenizer.json ${e instanceof TokenizerError ? e.message : `cannot be used (${String(e)})`}.`,
    );
  }
  const tooBig = sample.find((id) => id >= text.vocabSize);
  if (tooBig !== undefined)
    throw refuse(`the tokenizer gives id ${tooBig}, beyond the model's vocabulary of ${text.vocabSize}.`);
  if (text.eosTokenIds.some((id) => id >= text.vocabSize))
    throw refuse('config.json names an end token beyond the vocabulary.');

  // Size, before reading the graph or copying anything.
  const data = await externalData(folder);
  const graphFiles = ['model.onnx', ...data];
  let bytes = 0;
  for (const f of graphFiles) bytes += (await stat(join(folder, f))).size;
  await checkSize(deps, bytes, opts);

  // The graph as onnxruntime reads it (a corrupt file fails here).
  let graph: { inputs: GraphPort[]; outputs: GraphPort[] };
  try {
    graph = await deps.inspect(join(folder, 'model.onnx'));
  } catch (e) {
    throw refuse(
      `model.onnx cannot be opened by onnxruntime (${(e as Error).message.replace(/^Inference failed: /, '')}).`,
    );
  }
  text.positionIds = checkGraph(text, graph);

  // Copy into a staging folder with a manifest, check it, then move it into place (./models/install).
  const displayName =
    typeof config._name_or_path === 'string' && config._name_or_path.trim()
      ? basename(config._name_or_path.trim())
      : basename(folder);
  return installImported(
    deps,
    folder,
    {
      files: [
        { path: 'model.onnx', role: 'model' },
        ...data.map((f) => ({ path: f, role: 'external-data' })),
        { path: 'config.json', role: 'config' },
        { path: 'tokenizer.json', role: 'tokenizer' },
        ...OPTIONAL_FILES.filter(([name]) => names.has(name)).map(([path, role]) => ({ path, role })),
      ],
      graphs: ['model.onnx'],
      fallbackId: 'model',
      manifest: (id, files) => ({
        id,
        name: displayName,
        version: 'imported',
        family: 'autoregressive',
        task: 'text',
        license: typeof config.license === 'string' ? config.license : 'see the model’s own licence',
        files,
        inputs: tensorSpecs(graph.inputs),
        outputs: tensorSpecs(graph.outputs),
        text,
        training: importedFrom(folder, opts),
      }),
    },
    opts,
  );
}
