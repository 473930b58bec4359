/**
 * The image service against fake models and a fake inference client: checks made before any
 * inference runs, and the queue.
 */
import { describe, expect, it, vi } from 'vitest';
import { AtelierError, ImageParams } from '../../../preload/contract';
import type { InferenceClient } from '../../inference/client';
import type { JobContext } from '../jobs';
import type { Library } from '../library/library';
import type { ModelRegistry, RegisteredModel } from '../models/registry';
import { createImageService } from './image';

const latentModel = {
  id: 'sd-fake',
  dir: '/nonexistent/sd-fake',
  sha256: '0'.repeat(64),
  sizeBytes: 1,
  error: null,
  source: 'imported',
  manifest: {
    id: 'sd-fake',
    task: 'image',
    version: 'imported',
    files: [],
    image: {
      kind: 'latent',
      trainSize: 64,
      sizes: [64],
      sizeMultiple: 64,
      channels: 3,
      valueRange: [-1, 1],
      prediction: 'epsilon',
      schedule: { timesteps: 1000, betaSchedule: 'scaled_linear' },
      conditioning: { input: 'clip', maxLength: 77, idsType: 'int32' },
      defaults: { steps: 2, guidance: 7.5, sampler: 'euler' },
      unet: 'unet/model.onnx',
      timestep: { dtype: 'int64', perImage: true },
      latent: {
        channels: 4,
        factor: 8,
        scaling: 0.18215,
        textEncoder: 'text_encoder/model.onnx',
        vaeDecoder: 'vae_decoder/model.onnx',
        tokenizer: 'tokenizer',
      },
    },
  },
} as unknown as RegisteredModel;

function service() {
  const run = vi.fn(() => Promise.reject(new Error('no inference in this test')));
  const svc = createImageService({
    registry: {
      get: (id: string) => (id === latentModel.id ? latentModel : undefined),
    } as unknown as ModelRegistry,
    inference: { run, prepareImage: run } as unknown as InferenceClient,
    library: {} as unknown as Library,
  });
  return { svc, run };
}

const ctx = (): JobContext => ({
  signal: new AbortController().signal,
  progress: () => {},
  checkpoint: () => {},
});

async function refusal(p: Promise<unknown>): Promise<AtelierError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AtelierError);
  return e as AtelierError;
}

describe('image service sizes', () => {
  it('refuses a latent-model height off the latent grid, naming height, before any inference', async () => {
    const { svc, run } = service();
    const params = ImageParams.parse({ model: 'sd-fake', prompt: 'x', seed: 1, width: 64, height: 72 });
    const e = await refusal(svc.generate('job-h', params, ctx()));
    expect({ code: e.code, field: e.field }).toMatchObject({ code: 'invalid-input', field: 'params.height' });
    expect(run).not.toHaveBeenCalled();
    expect(svc.queue()).toEqual([]);
  });

  it('refuses a latent-model width off the latent grid, naming width', async () => {
    const { svc, run } = service();
    const params = ImageParams.parse({ model: 'sd-fake', prompt: 'x', seed: 1, width: 72, height: 64 });
    const e = await refusal(svc.generate('job-w', params, ctx()));
    expect({ code: e.code, field: e.field }).toMatchObject({ code: 'invalid-input', field: 'params.width' });
    expect(run).not.toHaveBeenCalled();
  });
});
