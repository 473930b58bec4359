/**
 * Importing a Stable Diffusion 1.x folder exported by Hugging Face Optimum: `text_encoder/`,
 * `unet/`, `vae_decoder/` (each a `model.onnx`, with or without external data), optional
 * `vae_encoder/` (img2img), `tokenizer/` (CLIP; `tokenizer.json` loaded with
 * @huggingface/tokenizers), `scheduler/scheduler_config.json`, `model_index.json`.
 *
 * Like the text import: every graph's inputs and outputs, the tokenizer, the scheduler and the
 * size are checked before anything is copied; files go to a staging folder with a manifest, the
 * registry checks them, then the folder is renamed into place. A failure leaves nothing behind.
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
import type { ImageSection } from '../models/manifest';
import type { RegisteredModel } from '../models/registry';
import { fromJson } from '../text/tokenizer';

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

interface Graph {
  inputs: GraphPort[];
  outputs: GraphPort[];
}

function port(g: Graph, side: 'inputs' | 'outputs', name: string, component: string): GraphPort {
  const p = g[side].find((x) => x.name === name);
  if (!p)
    throw refuse(
      `${component}/model.onnx has no ${side === 'inputs' ? 'input' : 'output'} "${name}" (it has ${g[side].map((x) => x.name).join(', ')}).`,
    );
  return p;
}

const COMPONENTS = ['text_encoder', 'unet', 'vae_decoder', 'vae_encoder'] as const;

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

  // Scheduler.
  const T = typeof sched!.num_train_timesteps === 'number' ? sched!.num_train_timesteps : 1000;
  const betaSchedule = typeof sched!.beta_schedule === 'string' ? sched!.beta_schedule : 'scaled_linear';
  if (!['linear', 'scaled_linear'].includes(betaSchedule))
    throw refuse(
      `scheduler_config.json's beta_schedule "${betaSchedule}" is not supported (linear, scaled_linear).`,
    );
  const prediction = sched!.prediction_type === 'v_prediction' ? 'v_prediction' : 'epsilon';

  // Size and disk space.
  const files: { path: string; role: string }[] = [];
  for (const c of COMPONENTS) {
    const dir = join(folder, c);
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const n of names.sort())
      if (n === 'model.onnx') files.push({ path: `${c}/${n}`, role: c });
      else if (/^model\.onnx(_data|\.data)/.test(n)) files.push({ path: `${c}/${n}`, role: `${c}-data` });
      else if (n === 'config.json') files.push({ path: `${c}/${n}`, role: `${c}-config` });
  }
  for (const n of (await readdir(join(folder, 'tokenizer'))).sort())
    if (n.endsWith('.json') || n.endsWith('.txt')) files.push({ path: `tokenizer/${n}`, role: 'tokenizer' });
  files.push({ path: 'scheduler/scheduler_config.json', role: 'scheduler' });
  if (index) files.push({ path: 'model_index.json', role: 'index' });
  let bytes = 0;
  for (const f of files) bytes += (await stat(join(folder, f.path))).size;
  await checkSize(deps, bytes, opts);

  // Graphs, as onnxruntime reads them.
  const graphs: Partial<Record<(typeof COMPONENTS)[number], Graph>> = {};
  for (const c of COMPONENTS) {
    if (c === 'vae_encoder' && !hasEncoder) continue;
    try {
      graphs[c] = await deps.inspect(join(folder, c, 'model.onnx'));
    } catch (e) {
      throw refuse(
        `${c}/model.onnx cannot be opened by onnxruntime (${(e as Error).message.replace(/^Inference failed: /, '')}).`,
      );
    }
  }
  const te = graphs.text_encoder!;
  const ids = port(te, 'inputs', 'input_ids', 'text_encoder');
  if (ids.type !== 'int32' && ids.type !== 'int64')
    throw refuse(`text_encoder's input_ids are ${ids.type}, not int32/int64.`);
  const hidden = port(te, 'outputs', 'last_hidden_state', 'text_encoder');
  const maxLength =
    typeof ids.shape[1] === 'number'
      ? ids.shape[1]
      : typeof textConfig?.max_position_embeddings === 'number'
        ? textConfig.max_position_embeddings
        : 77;
  const unet = graphs.unet!;
  const sample = port(unet, 'inputs', 'sample', 'unet');
  const timestep = port(unet, 'inputs', 'timestep', 'unet');
  const states = port(unet, 'inputs', 'encoder_hidden_states', 'unet');
  port(unet, 'outputs', 'out_sample', 'unet');
  for (const p of [sample, states, hidden])
    if (p.type !== 'float32') throw refuse(`"${p.name}" is ${p.type}; only float32 pipelines are supported.`);
  if (timestep.type !== 'int64' && timestep.type !== 'float32')
    throw refuse(`unet's timestep is ${timestep.type}.`);
  const dTe = hidden.shape[2];
  const dUnet = states.shape[2];
  if (typeof dTe === 'number' && typeof dUnet === 'number' && dTe !== dUnet)
    throw refuse(`the text encoder gives ${dTe} features but the unet expects ${dUnet}.`);
  const extra = unet.inputs
    .map((p) => p.name)
    .filter((n) => !['sample', 'timestep', 'encoder_hidden_states'].includes(n));
  if (extra.length)
    throw refuse(`unet/model.onnx has inputs Atelier does not know how to feed: ${extra.join(', ')}.`);
  const channels = typeof sample.shape[1] === 'number' ? sample.shape[1] : 4;
  const vd = graphs.vae_decoder!;
  const latentIn = port(vd, 'inputs', 'latent_sample', 'vae_decoder');
  port(vd, 'outputs', 'sample', 'vae_decoder');
  if (typeof latentIn.shape[1] === 'number' && latentIn.shape[1] !== channels)
    throw refuse(`the VAE decoder takes ${latentIn.shape[1]} latent channels, the unet ${channels}.`);
  let encoderOutput: 'latent_sample' | 'latent_parameters' = 'latent_sample';
  if (graphs.vae_encoder) {
    port(graphs.vae_encoder, 'inputs', 'sample', 'vae_encoder');
    if (graphs.vae_encoder.outputs.some((p) => p.name === 'latent_parameters'))
      encoderOutput = 'latent_parameters';
    else port(graphs.vae_encoder, 'outputs', 'latent_sample', 'vae_encoder');
  }
  const sampleSize = typeof vaeConfig?.sample_size === 'number' ? vaeConfig.sample_size : 512;
  // The latent is halved once per down block but the last: pixels must divide by 8 × 2^(blocks − 1).
  const unetConfig = await json(join(folder, 'unet', 'config.json'), 'unet/config.json', false);
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
    prediction,
    schedule: {
      timesteps: T,
      betaSchedule,
      betaStart: typeof sched!.beta_start === 'number' ? sched!.beta_start : 0.00085,
      betaEnd: typeof sched!.beta_end === 'number' ? sched!.beta_end : 0.012,
    },
    conditioning: { input: 'clip', maxLength, idsType: ids.type },
    defaults: { steps: 25, guidance: 7.5, sampler: 'euler' },
    unet: 'unet/model.onnx',
    timestep: {
      dtype: timestep.type,
      perImage: !(typeof timestep.shape[0] === 'number' && timestep.shape[0] === 1),
    },
    latent: {
      channels,
      factor: 8,
      scaling: typeof vaeConfig?.scaling_factor === 'number' ? vaeConfig.scaling_factor : 0.18215,
      textEncoder: 'text_encoder/model.onnx',
      vaeDecoder: 'vae_decoder/model.onnx',
      ...(hasEncoder ? { vaeEncoder: 'vae_encoder/model.onnx', encoderOutput } : {}),
      tokenizer: 'tokenizer',
    },
  };

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
