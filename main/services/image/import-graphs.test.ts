/**
 * The graph checks of a Stable Diffusion import on ports as onnxruntime describes them: the
 * float types of each port (fp16 exports, mixed float16/float32 pipelines), LCM's timestep_cond,
 * what cannot be fed (SDXL's extra inputs, float64, a bool timestep) and onnxruntime's own
 * messages turned into a sentence naming the file and the operator.
 */
import { describe, expect, it } from 'vitest';
import type { GraphPort } from '../../inference/protocol';
import { checkGraphs, openFailure, type Graph } from './import-graphs';

const p = (name: string, type: string, shape: (number | string)[] = []): GraphPort => ({ name, type, shape });
const pipeline = (float: string, over: { unet?: Partial<Graph>; text?: string } = {}) => ({
  text_encoder: {
    inputs: [p('input_ids', 'int32', ['batch', 77])],
    outputs: [p('last_hidden_state', over.text ?? float, ['batch', 77, 32])],
  },
  unet: {
    inputs: [
      p('sample', float, ['batch', 4, 'h', 'w']),
      p('timestep', float === 'float16' ? 'float16' : 'int64', ['steps']),
      p('encoder_hidden_states', float, ['batch', 77, 32]),
    ],
    outputs: [p('out_sample', float)],
    ...over.unet,
  },
  vae_decoder: { inputs: [p('latent_sample', float, ['b', 4, 'h', 'w'])], outputs: [p('sample', float)] },
});
const refusal = (f: () => unknown): string => {
  try {
    f();
    return '';
  } catch (e) {
    return (e as Error).message;
  }
};
const configs = { text: null, unet: null };

describe('graph checks', () => {
  it('fp16 graphs: float16 on every float port, a float16 timestep', () => {
    const g = checkGraphs(pipeline('float16'), configs);
    expect(g.floats).toEqual({ sample: 'float16', hiddenStates: 'float16', latent: 'float16' });
    expect(g.timestep).toEqual({ dtype: 'float16', perImage: true });
    expect(g.maxLength).toBe(77);
  });

  it('a mixed pipeline (fp16 text encoder, fp32 UNet) is fed each port’s own type', () => {
    const g = checkGraphs(pipeline('float32', { text: 'float16' }), configs);
    expect(g.floats).toEqual({ sample: 'float32', hiddenStates: 'float32', latent: 'float32' });
  });

  it('LCM: timestep_cond’s width from its shape or unet/config.json', () => {
    const withCond = (shape: (number | string)[]) =>
      pipeline('float32', {
        unet: {
          inputs: [...pipeline('float32').unet.inputs, p('timestep_cond', 'float32', shape)],
        },
      });
    expect(checkGraphs(withCond(['batch', 256]), configs).timestepCond).toEqual({ dim: 256 });
    expect(
      checkGraphs(withCond(['batch', 'w']), { text: null, unet: { time_cond_proj_dim: 64 } }).timestepCond,
    ).toEqual({ dim: 64 });
    expect(refusal(() => checkGraphs(withCond(['batch', 'w']), configs))).toMatch(
      /timestep_cond.*time_cond_proj_dim/,
    );
  });

  it('refuses what it cannot feed, naming the file, the port and the type', () => {
    const sdxl = pipeline('float16', {
      unet: {
        inputs: [
          ...pipeline('float16').unet.inputs,
          p('text_embeds', 'float16', ['b', 1280]),
          p('time_ids', 'float16', ['b', 6]),
        ],
      },
    });
    expect(refusal(() => checkGraphs(sdxl, configs))).toBe(
      'Cannot import this folder: unet/model.onnx has inputs Atelier does not know how to feed: text_embeds, time_ids (an SDXL UNet: Atelier runs Stable Diffusion 1.x and 2.x).',
    );
    expect(refusal(() => checkGraphs(pipeline('bfloat16'), configs))).toMatch(
      /text_encoder\/model\.onnx's "last_hidden_state" is bfloat16; Atelier feeds and reads float32 or float16/,
    );
    const boolStep = pipeline('float32');
    boolStep.unet.inputs[1] = p('timestep', 'bool', [1]);
    expect(refusal(() => checkGraphs(boolStep, configs))).toMatch(/unet\/model\.onnx's timestep is bool/);
  });

  it('turns onnxruntime’s load errors into a sentence', () => {
    expect(
      openFailure(
        'unet/model.onnx',
        'Load model from /x/unet/model.onnx failed:Fatal error: com.example:FancyDenoise(-1) is not a registered function/op',
      ),
    ).toBe(
      'unet/model.onnx uses the operator FancyDenoise (domain com.example), which onnxruntime cannot run.',
    );
    expect(
      openFailure(
        'unet/model.onnx',
        "Could not find an implementation for ConvTranspose(11) node with name ''",
      ),
    ).toBe(
      'unet/model.onnx uses the operator ConvTranspose (opset 11) with types onnxruntime has no kernel for here.',
    );
    expect(openFailure('vae_decoder/model.onnx', 'Inference failed: protobuf parsing failed.')).toBe(
      'vae_decoder/model.onnx cannot be opened by onnxruntime (protobuf parsing failed.).',
    );
  });
});
