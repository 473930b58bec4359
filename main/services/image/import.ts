/**
 * Importing a Stable Diffusion 1.x or 2.x folder exported by Hugging Face Optimum (or Olive):
 * `text_encoder/`, `unet/`, `vae_decoder/` (each a `model.onnx`, float32 or float16, with or
 * without external data — `model.onnx_data`, `weights.pb`), optional `vae_encoder/` (img2img),
 * `tokenizer/` (CLIP; `tokenizer.json` loaded with @huggingface/tokenizers),
 * `scheduler/scheduler_config.json` (./import-scheduler.ts: the schedule, v-prediction, the
 * spacing, few-step models — SD-Turbo, LCM), `model_index.json`.
 *
 * Like the text import: every graph's inputs and outputs (./import-graphs.ts), the tokenizer, the
 * scheduler and the size are checked before anything is copied; files go to a staging folder
 * with a manifest, the registry checks them, then the folder is renamed into place. A failure
 * leaves nothing behind.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import {
  checkSize,
  importedFrom,
  installImported,
  refuseImport as refuse,
  tensorSpecs,
  type ImportDeps,
  type ImportOptions,
} from '../models/install';
import type { ImageSection } from '../models/manifest';
import type { RegisteredModel } from '../models/registry';
import { fromJson } from '../text/tokenizer';
import { checkGraphs, COMPONENTS, inspectGraph, type Component, type Graph } from './import-graphs';
import { readScheduler } from './import-scheduler';

/** Whether a folder looks like a diffusion pipeline (rather than a decoder). */
export async function isDiffusionFolder(folder: string): Promise<boolean> {
  const names = await readdir(folder).catch(() => [] as string[]);
  return names.includes('model_index.json') || names.includes('unet');
}

async function json(path: string, what: string, required = true): Promise<Record<string, unknown> | null> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch {
    if (required) throw refuse(`${what} is missing.`);
    return null;
  }
  try {
    return JSON.parse(raw) as Record<string, unknown>;
  } catch (e) {
    throw refuse(`${what} is not valid JSON (${(e as Error).message}).`);
  }
}

export async function importStableDiffusion(
  deps: ImportDeps,
  folder: string,
  opts: ImportOptions = {},
): Promise<RegisteredModel> {
  const index = await json(join(folder, 'model_index.json'), 'model_index.json', false);
  for (const c of ['text_encoder', 'unet', 'vae_decoder'])
    if (!(await stat(join(folder, c, 'model.onnx')).catch(() => null)))
      throw refuse(
        `${c}/model.onnx is missing (a Stable Diffusion export needs text_encoder, unet and vae_decoder).`,
      );
  const hasEncoder = Boolean(await stat(join(folder, 'vae_encoder', 'model.onnx')).catch(() => null));
  const sched = await json(
    join(folder, 'scheduler', 'scheduler_config.json'),
    'scheduler/scheduler_config.json',
  );
  readScheduler(sched!, false); // its refusals before any graph is opened
  const vaeConfig = await json(join(folder, 'vae_decoder', 'config.json'), 'vae_decoder/config.json', false);
  const textConfig = await json(
    join(folder, 'text_encoder', 'config.json'),
    'text_encoder/config.json',
    false,
  );

  // Tokenizer: CLIP, loaded with the library the app uses.
  const tokJson = await json(join(folder, 'tokenizer', 'tokenizer.json'), 'tokenizer/tokenizer.json');
  const tokConfig = await json(
    join(folder, 'tokenizer', 'tokenizer_config.json'),
    'tokenizer/tokenizer_config.json',
    false,
  );
  const tok = (() => {
    try {
      return fromJson(tokJson, tokConfig ?? {}, 'tokenizer/tokenizer.json');
    } catch (e) {
      throw refuse((e as Error).message + '.');
    }
  })();
  const probe = tok.encode('a photo of a red apple');
  if (probe.length < 3 || tok.tokenId('<|endoftext|>') === undefined)
    throw refuse('tokenizer/tokenizer.json is not a CLIP tokenizer (no <|endoftext|>).');

  // Size and disk space.
  const files: { path: string; role: string }[] = [];
  for (const c of COMPONENTS) {
    const dir = join(folder, c);
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const n of names.sort())
      if (n === 'model.onnx') files.push({ path: `${c}/${n}`, role: c });
      // Optimum's external data (model.onnx_data, model.onnx.data…) and Olive's (weights.pb).
      else if (/^model\.onnx(_data|\.data)/.test(n) || n === 'weights.pb')
        files.push({ path: `${c}/${n}`, role: `${c}-data` });
      else if (n === 'config.json') files.push({ path: `${c}/${n}`, role: `${c}-config` });
  }
  for (const n of (await readdir(join(folder, 'tokenizer'))).sort())
    if (n.endsWith('.json') || n.endsWith('.txt')) files.push({ path: `tokenizer/${n}`, role: 'tokenizer' });
  files.push({ path: 'scheduler/scheduler_config.json', role: 'scheduler' });
  if (index) files.push({ path: 'model_index.json', role: 'index' });
  let bytes = 0;
  for (const f of files) bytes += (await stat(join(folder, f.path))).size;
  await checkSize(deps, bytes, opts);

  // Graphs, as onnxruntime reads them, then the scheduler (an LCM UNet takes a guidance embedding).
  const graphs: Partial<Record<Component, Graph>> = {};
  for (const c of COMPONENTS) {
    if (c === 'vae_encoder' && !hasEncoder) continue;
    graphs[c] = await inspectGraph(deps, folder, c);
  }
  const unetConfig = await json(join(folder, 'unet', 'config.json'), 'unet/config.json', false);
  const g = checkGraphs(graphs, { text: textConfig, unet: unetConfig });
  const sch = readScheduler(sched!, Boolean(g.timestepCond));
  const sampleSize = typeof vaeConfig?.sample_size === 'number' ? vaeConfig.sample_size : 512;
  // The latent is halved once per down block but the last: pixels must divide by 8 × 2^(blocks − 1).
  const blocks = Array.isArray(unetConfig?.block_out_channels) ? unetConfig.block_out_channels.length : 4;
  const sizeMultiple = 8 * 2 ** Math.max(0, blocks - 1);
  const section: ImageSection = {
    kind: 'latent',
    trainSize: sampleSize,
    sizeMultiple,
    sizes: [
      ...new Set(
        [sampleSize / 2, sampleSize, Math.min(1024, sampleSize * 1.5)].map(
          (s) => Math.round(s / 64) * 64 || 64,
        ),
      ),
    ].filter((s) => s >= 64 && s <= 1024),
    channels: 3,
    valueRange: [-1, 1],
    ...sch,
    conditioning: { input: 'clip', maxLength: g.maxLength, idsType: g.idsType },
    unet: 'unet/model.onnx',
    timestep: g.timestep,
    ...(g.floats.sample === 'float32' &&
    g.floats.hiddenStates === 'float32' &&
    g.floats.latent === 'float32' &&
    (g.floats.image ?? 'float32') === 'float32'
      ? {}
      : { floats: g.floats }),
    ...(g.timestepCond ? { timestepCond: g.timestepCond } : {}),
    latent: {
      channels: g.channels,
      factor: 8,
      scaling: typeof vaeConfig?.scaling_factor === 'number' ? vaeConfig.scaling_factor : 0.18215,
      textEncoder: 'text_encoder/model.onnx',
      vaeDecoder: 'vae_decoder/model.onnx',
      ...(hasEncoder ? { vaeEncoder: 'vae_encoder/model.onnx', encoderOutput: g.encoderOutput } : {}),
      tokenizer: 'tokenizer',
    },
  };
  const unet = graphs.unet!;

  // Copy into a staging folder with a manifest, check it, then move it into place (./models/install).
  return installImported(
    deps,
    folder,
    {
      files,
      graphs: COMPONENTS.filter((c) => graphs[c]).map((c) => `${c}/model.onnx`),
      fallbackId: 'sd',
      manifest: (id, entries) => ({
        id,
        name: basename(folder),
        version: 'imported',
        family: 'diffusion',
        task: 'image',
        license: 'see the model’s own licence',
        files: entries,
        inputs: tensorSpecs(unet.inputs),
        outputs: tensorSpecs(unet.outputs),
        image: section,
        training: importedFrom(folder, opts),
      }),
    },
    opts,
  );
}
