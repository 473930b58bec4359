/**
 * A Stable Diffusion folder's graphs as onnxruntime reads them, checked for the import
 * (./import.ts): each opens (an operator onnxruntime cannot run is named), has the inputs and
 * outputs Atelier feeds and reads, with types it can convert — float32 or float16 on every float
 * port (fp16 exports), int32/int64 token ids, a timestep of int64, int32, float32 or float16 —
 * and an LCM UNet's `timestep_cond`. Every refusal names the file and the reason.
 */
import { join } from 'node:path';
import type { GraphPort } from '../../inference/protocol';
import { refuseImport as refuse, type ImportDeps } from '../models/install';
import type { ImageSection } from '../models/manifest';

export const COMPONENTS = ['text_encoder', 'unet', 'vae_decoder', 'vae_encoder'] as const;
export type Component = (typeof COMPONENTS)[number];

export interface Graph {
  inputs: GraphPort[];
  outputs: GraphPort[];
}

/** onnxruntime's reason a graph does not open, for a person. */
export function openFailure(file: string, message: string): string {
  const m = message.replace(/^Inference failed: /, '').replace(/Load model from \S+ failed:/, '');
  const unknownOp = /(?:([\w.]+):)?(\w+)\(-?\d+\) is not a registered function\/op/.exec(m);
  if (unknownOp)
    return `${file} uses the operator ${unknownOp[2]}${unknownOp[1] ? ` (domain ${unknownOp[1]})` : ''}, which onnxruntime cannot run.`;
  const noKernel = /Could not find an implementation for (\w+)\((\d+)\)/.exec(m);
  if (noKernel)
    return `${file} uses the operator ${noKernel[1]} (opset ${noKernel[2]}) with types onnxruntime has no kernel for here.`;
  return `${file} cannot be opened by onnxruntime (${m.trim()}).`;
}

export async function inspectGraph(deps: ImportDeps, folder: string, c: Component): Promise<Graph> {
  try {
    return await deps.inspect(join(folder, c, 'model.onnx'));
  } catch (e) {
    throw refuse(openFailure(`${c}/model.onnx`, (e as Error).message));
  }
}

export function port(g: Graph, side: 'inputs' | 'outputs', name: string, c: Component): GraphPort {
  const p = g[side].find((x) => x.name === name);
  if (!p)
    throw refuse(
      `${c}/model.onnx has no ${side === 'inputs' ? 'input' : 'output'} "${name}" (it has ${g[side].map((x) => x.name).join(', ')}).`,
    );
  return p;
}

type Float = 'float32' | 'float16';

/** A float port's type, or a refusal naming the file, the port and its type. */
function float(p: GraphPort, c: Component): Float {
  if (p.type === 'float32' || p.type === 'float16') return p.type;
  throw refuse(
    `${c}/model.onnx's "${p.name}" is ${p.type}; Atelier feeds and reads float32 or float16 tensors.`,
  );
}

export interface GraphFacts {
  idsType: 'int32' | 'int64';
  maxLength: number;
  channels: number;
  timestep: ImageSection['timestep'];
  floats: NonNullable<ImageSection['floats']>;
  timestepCond?: { dim: number };
  encoderOutput: 'latent_sample' | 'latent_parameters';
}

/** Checks the graphs against each other; `configs`: the folders' config.json (or null). */
export function checkGraphs(
  graphs: Partial<Record<Component, Graph>>,
  configs: { text: Record<string, unknown> | null; unet: Record<string, unknown> | null },
): GraphFacts {
  const te = graphs.text_encoder!;
  const ids = port(te, 'inputs', 'input_ids', 'text_encoder');
  if (ids.type !== 'int32' && ids.type !== 'int64')
    throw refuse(`text_encoder/model.onnx's input_ids are ${ids.type}, not int32/int64.`);
  const hidden = port(te, 'outputs', 'last_hidden_state', 'text_encoder');
  float(hidden, 'text_encoder');
  const positions = configs.text?.max_position_embeddings;
  const maxLength =
    typeof ids.shape[1] === 'number' ? ids.shape[1] : typeof positions === 'number' ? positions : 77;

  const unet = graphs.unet!;
  const sample = port(unet, 'inputs', 'sample', 'unet');
  const timestep = port(unet, 'inputs', 'timestep', 'unet');
  const states = port(unet, 'inputs', 'encoder_hidden_states', 'unet');
  const floats = { sample: float(sample, 'unet'), hiddenStates: float(states, 'unet') };
  float(port(unet, 'outputs', 'out_sample', 'unet'), 'unet');
  if (!['int64', 'int32', 'float32', 'float16'].includes(timestep.type))
    throw refuse(
      `unet/model.onnx's timestep is ${timestep.type}; Atelier feeds int64, int32, float32 or float16.`,
    );
  const cond = unet.inputs.find((p) => p.name === 'timestep_cond');
  let timestepCond: { dim: number } | undefined;
  if (cond) {
    const fromConfig = configs.unet?.time_cond_proj_dim;
    const dim =
      typeof cond.shape[1] === 'number' ? cond.shape[1] : typeof fromConfig === 'number' ? fromConfig : 0;
    if (!(dim >= 2))
      throw refuse(
        'unet/model.onnx takes timestep_cond, but neither its shape nor unet/config.json (time_cond_proj_dim) gives its width.',
      );
    timestepCond = { dim };
  }
  const extra = unet.inputs
    .map((p) => p.name)
    .filter((n) => !['sample', 'timestep', 'encoder_hidden_states', 'timestep_cond'].includes(n));
  if (extra.length)
    throw refuse(
      `unet/model.onnx has inputs Atelier does not know how to feed: ${extra.join(', ')}${extra.includes('text_embeds') ? ' (an SDXL UNet: Atelier runs Stable Diffusion 1.x and 2.x)' : ''}.`,
    );
  const dTe = hidden.shape[2];
  const dUnet = states.shape[2];
  if (typeof dTe === 'number' && typeof dUnet === 'number' && dTe !== dUnet)
    throw refuse(`the text encoder gives ${dTe} features but unet/model.onnx expects ${dUnet}.`);
  const channels = typeof sample.shape[1] === 'number' ? sample.shape[1] : 4;

  const vd = graphs.vae_decoder!;
  const latentIn = port(vd, 'inputs', 'latent_sample', 'vae_decoder');
  float(port(vd, 'outputs', 'sample', 'vae_decoder'), 'vae_decoder');
  if (typeof latentIn.shape[1] === 'number' && latentIn.shape[1] !== channels)
    throw refuse(`the VAE decoder takes ${latentIn.shape[1]} latent channels, the unet ${channels}.`);
  let encoderOutput: GraphFacts['encoderOutput'] = 'latent_sample';
  let image: Float | undefined;
  if (graphs.vae_encoder) {
    image = float(port(graphs.vae_encoder, 'inputs', 'sample', 'vae_encoder'), 'vae_encoder');
    if (graphs.vae_encoder.outputs.some((p) => p.name === 'latent_parameters'))
      encoderOutput = 'latent_parameters';
    float(port(graphs.vae_encoder, 'outputs', encoderOutput, 'vae_encoder'), 'vae_encoder');
  }
  return {
    idsType: ids.type,
    maxLength,
    channels,
    timestep: {
      dtype: timestep.type as ImageSection['timestep']['dtype'],
      perImage: !(typeof timestep.shape[0] === 'number' && timestep.shape[0] === 1),
    },
    floats: {
      ...floats,
      ...(cond ? { timestepCond: float(cond, 'unet') } : {}),
      latent: float(latentIn, 'vae_decoder'),
      ...(image ? { image } : {}),
    },
    ...(timestepCond ? { timestepCond } : {}),
    encoderOutput,
  };
}
