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
import { IMAGE_MAX_QUEUED } from '../../../preload/image';
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

/** A stand-in for the bundled pixel model: trained at 48 px, draws 32–64, no stated limits. */
const pixelModel = {
  id: 'pixel-fake',
  dir: '/nonexistent/pixel-fake',
  sha256: '1'.repeat(64),
  sizeBytes: 1,
  error: null,
  source: 'bundled',
  manifest: {
    id: 'pixel-fake',
    task: 'image',
    version: '1',
    files: [],
    image: {
      kind: 'pixel',
      trainSize: 48,
      sizes: [32, 48, 64],
      channels: 3,
      valueRange: [-1, 1],
      prediction: 'epsilon',
      schedule: { timesteps: 1000, betaSchedule: 'linear', betaStart: 0.0001, betaEnd: 0.02 },
      conditioning: { input: 'words', maxWords: 4, vocab: ['', 'red', 'heart'], stopWords: [] },
      defaults: { steps: 2, guidance: 7.5, sampler: 'ddim' },
      unet: 'unet.onnx',
      timestep: { dtype: 'float32', perImage: true },
    },
  },
} as unknown as RegisteredModel;

const models = new Map([latentModel, pixelModel].map((m) => [m.id, m]));

function service(
  run = vi.fn((..._args: unknown[]): Promise<never> =>
    Promise.reject(new Error('no inference in this test')),
  ),
) {
  const svc = createImageService({
    registry: {
      get: (id: string) => models.get(id),
    } as unknown as ModelRegistry,
    inference: { run, prepareImage: run } as unknown as InferenceClient,
    library: {} as unknown as Library,
  });
  return { svc, run };
}

const ctx = (signal = new AbortController().signal): JobContext => ({
  signal,
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

describe('image service limits per model', () => {
  it('refuses a side past 4× the pixel model’s training size, saying why, before any inference', async () => {
    const { svc, run } = service();
    const params = ImageParams.parse({
      model: 'pixel-fake',
      prompt: 'red heart',
      seed: 1,
      width: 1024,
      height: 1024,
      batch: 8,
    });
    const e = await refusal(svc.generate('job-big', params, ctx()));
    expect({ code: e.code, field: e.field, message: e.message }).toEqual({
      code: 'invalid-input',
      field: 'params.width',
      message: 'This model was trained at 48 px; it draws at most 192 px (asked 1024).',
    });
    const tall = ImageParams.parse({ model: 'pixel-fake', prompt: 'x', seed: 1, width: 48, height: 512 });
    expect((await refusal(svc.generate('job-tall', tall, ctx()))).field).toBe('params.height');
    expect(run).not.toHaveBeenCalled();
    expect(svc.queue()).toEqual([]);
  });

  it('refuses more pixels × batch than the model’s budget, naming the batch', async () => {
    const { svc, run } = service();
    const params = ImageParams.parse({
      model: 'pixel-fake',
      prompt: 'red heart',
      seed: 1,
      width: 192,
      height: 192,
      batch: 8,
    });
    const e = await refusal(svc.generate('job-many', params, ctx()));
    expect({ code: e.code, field: e.field }).toEqual({ code: 'invalid-input', field: 'params.batch' });
    expect(e.message).toMatch(
      /at most 73,728 pixels per job.*192 × 192 × 8 is 294,912.*batch can be at most 2/,
    );
    expect(run).not.toHaveBeenCalled();
  });

  it('derives limits for a latent model without stated ones (2× its training size)', async () => {
    const { svc, run } = service();
    const params = ImageParams.parse({ model: 'sd-fake', prompt: 'x', seed: 1, width: 192, height: 64 });
    const e = await refusal(svc.generate('job-sd', params, ctx()));
    expect(e.message).toBe('This model was trained at 64 px; it draws at most 128 px (asked 192).');
    expect(run).not.toHaveBeenCalled();
  });
});

describe('image service queue', () => {
  it(`refuses a job when ${IMAGE_MAX_QUEUED} are already waiting; cancelling frees the places`, async () => {
    // A stand-in slow model: every UNet call waits until its job is cancelled.
    const run = vi.fn(
      (_req: unknown, opts?: unknown) =>
        new Promise<never>((_, reject) => {
          const signal = (opts as { signal: AbortSignal }).signal;
          signal.addEventListener('abort', () =>
            reject(new AtelierError({ code: 'cancelled', message: 'x' })),
          );
        }),
    );
    const { svc } = service(run);
    const params = ImageParams.parse({ model: 'pixel-fake', prompt: 'red heart', seed: 1, steps: 2 });
    const jobs = Array.from({ length: IMAGE_MAX_QUEUED + 1 }, (_, k) => {
      const ac = new AbortController();
      const done = svc.generate(`job-${k}`, params, ctx(ac.signal)).catch((e: unknown) => e);
      return { ac, done };
    });
    await vi.waitFor(() => expect(run).toHaveBeenCalled());
    expect(svc.queue().filter((i) => i.state === 'queued')).toHaveLength(IMAGE_MAX_QUEUED);

    const e = await refusal(svc.generate('job-extra', params, ctx()));
    expect({ code: e.code, message: e.message }).toEqual({
      code: 'invalid-input',
      message: '16 image jobs are already waiting; wait for some to finish or cancel them.',
    });
    expect(svc.queue()).toHaveLength(IMAGE_MAX_QUEUED + 1);

    // Cancelling a waiting job makes room for one more.
    jobs[5]!.ac.abort();
    expect(await jobs[5]!.done).toMatchObject({ code: 'cancelled' });
    const ac = new AbortController();
    const again = svc.generate('job-again', params, ctx(ac.signal)).catch((err: unknown) => err);
    expect(svc.queue()).toHaveLength(IMAGE_MAX_QUEUED + 1);

    for (const j of [...jobs.slice(1), { ac, done: again }]) j.ac.abort();
    jobs[0]!.ac.abort();
    await Promise.all([...jobs.map((j) => j.done), again]);
    expect(svc.queue()).toEqual([]);
  });
});
