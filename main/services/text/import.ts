/**
 * Importing a published decoder folder (GPT-2, Llama, Qwen2, Phi, Gemma-style …): the Optimum
 * layout (`model.onnx` at the top) or the transformers.js / onnx-community one (graphs under
 * `onnx/`: `model.onnx`, `model_fp16.onnx`, `model_quantized.onnx`, `model_q4.onnx`, … or a merged
 * `decoder_model_merged.onnx`), with `config.json`, `tokenizer.json` and the optional
 * generation / tokenizer configs and `chat_template.jinja`. Only one graph variant is installed
 * (./import-variant.ts: the one asked for, or the one that suits the machine) with its external
 * data and the support files.
 *
 * Everything is checked before anything is copied: the config's shape, the tokenizer (loads,
 * round-trips, fits the vocabulary), the size (and the free disk space), and the graph's inputs,
 * outputs and types as onnxruntime reads them (./import-graph.ts). The files are then copied (or
 * hard-linked) into a staging folder inside the data dir with a manifest, checked again by the
 * registry, and only then renamed into place, so a failure at any point leaves nothing
 * half-copied behind.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { GraphPort } from '../../inference/protocol';
import type { FolderImportOptions } from '../models/import-folder';
import {
  checkSize,
  importedFrom,
  installImported,
  refuseImport as refuse,
  tensorSpecs,
  type ImportDeps,
} from '../models/install';
import type { TextSection } from '../models/manifest';
import type { RegisteredModel } from '../models/registry';
import { externalDataOf } from '../models/variants';
import { checkGraph } from './import-graph';
import { chooseVariant, listFolder } from './import-variant';
import { fromJson, TokenizerError } from './tokenizer';

export { checkGraph } from './import-graph';

/** Support files and their manifest roles (copied when present). */
const ROLES: Record<string, string> = {
  'config.json': 'config',
  'tokenizer.json': 'tokenizer',
  'generation_config.json': 'generation-config',
  'tokenizer_config.json': 'tokenizer-config',
  'special_tokens_map.json': 'special-tokens',
  'chat_template.jinja': 'chat-template',
  'README.md': 'readme',
  LICENSE: 'license',
};

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

/** The tokenizer loads with the library the app uses, round-trips and fits the vocabulary. */
function checkTokenizer(text: TextSection, tokJson: Config, tokConfig: Config | null): void {
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
}

export async function importOptimumFolder(
  deps: ImportDeps,
  folder: string,
  opts: FolderImportOptions = {},
): Promise<RegisteredModel> {
  const st = await stat(folder).catch(() => null);
  if (!st) throw refuse(`${folder} does not exist.`);
  if (!st.isDirectory()) throw refuse(`${folder} is not a folder.`);
  const listed = await listFolder(folder);
  const { variant } = chooseVariant(listed, opts.variant, opts.machine);
  const names = new Set(listed.map((f) => f.path));
  const config = await readJson(folder, 'config.json', true);
  const gen = await readJson(folder, 'generation_config.json', false);
  const tokConfig = await readJson(folder, 'tokenizer_config.json', false);
  const text = describeConfig(config, gen, tokConfig);

  if (!names.has('tokenizer.json')) throw refuse('tokenizer.json is missing.');
  checkTokenizer(text, await readJson(folder, 'tokenizer.json', true), tokConfig);

  // Size, before reading the graph or copying anything: the chosen graph and its external data.
  const graph = variant.graph;
  const data = externalDataOf(
    graph,
    listed.map((f) => f.path),
  );
  const size = new Map(listed.map((f) => [f.path, f.size]));
  await checkSize(
    deps,
    [graph, ...data].reduce((s, f) => s + (size.get(f) ?? 0), 0),
    opts,
  );

  // The graph as onnxruntime reads it (a corrupt file, or an op it cannot run, fails here).
  let ports: { inputs: GraphPort[]; outputs: GraphPort[] };
  try {
    ports = await deps.inspect(join(folder, graph));
  } catch (e) {
    throw refuse(
      `${graph} cannot be opened by onnxruntime (${(e as Error).message.replace(/^Inference failed: /, '')}).`,
    );
  }
  const facts = checkGraph(text, ports, graph);
  text.positionIds = facts.positionIds;
  Object.assign(text, {
    variant: variant.id,
    kvDtype: facts.kvDtype,
    logitsDtype: facts.logitsDtype,
    ...(facts.cacheBranch ? { cacheBranch: true } : {}),
    ...(facts.logitsToKeep ? { logitsToKeep: true } : {}),
  });

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
        { path: graph, role: 'model' },
        ...data.map((f) => ({ path: f, role: 'external-data' })),
        ...Object.entries(ROLES)
          .filter(([name]) => names.has(name))
          .map(([path, role]) => ({ path, role })),
      ],
      graphs: [graph],
      fallbackId: 'model',
      manifest: (id, files) => ({
        id,
        name: displayName,
        version: 'imported',
        family: 'autoregressive',
        task: 'text',
        license: typeof config.license === 'string' ? config.license : 'see the model’s own licence',
        files,
        inputs: tensorSpecs(ports.inputs),
        outputs: tensorSpecs(ports.outputs),
        text,
        training: { ...importedFrom(folder, opts), variant: variant.id },
      }),
    },
    opts,
  );
}
