/**
 * The real inference process with bundled models: a request that throws in the process (a bad
 * tensor, an unknown op, a handler's own failure) fails alone with a clear error long before its
 * deadline, without recycling the process, and the next request, as another studio would send
 * it, succeeds.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../log/logger';
import { InferenceClient } from './client';
import { spawnForkWorker } from './fork-transport';
import type { FromWorker, OpName, ToWorker } from './protocol';

const models = join(import.meta.dirname, '..', '..', 'models');
const texture = { id: 'texture', path: join(models, 'texture', 'texture.onnx') };
const vaeDecoder = { id: 'texture-vae/decoder', path: join(models, 'texture-vae', 'decoder.onnx') };
const f32 = (values: number[], dims: number[]) => ({
  dtype: 'float32' as const,
  dims,
  data: Float32Array.from(values).buffer as ArrayBuffer,
});

const warnings: { message: string; detail?: Record<string, unknown> }[] = [];
const logger: Logger = {
  info: () => undefined,
  warn: (message, detail) => warnings.push({ message, detail }),
  error: (message, _err, detail) => warnings.push({ message, detail }),
};

// Short enough that a request the process failed to answer would show as a timeout here.
const DEADLINE_MS = 30_000;
let client: InferenceClient;
let pid: number | undefined;
beforeAll(async () => {
  client = new InferenceClient(spawnForkWorker, { logger, deadlines: { default: DEADLINE_MS } });
  await client.start();
  pid = client.pid;
});
afterAll(() => client.dispose());

/** Fails unless `p` settles well within the deadline (the process answered; no watchdog). */
async function answered<T>(p: Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await p;
  } finally {
    expect(Date.now() - started).toBeLessThan(DEADLINE_MS / 2);
  }
}

describe('the inference process answers every request under its own seq', () => {
  it('a run whose tensor dims do not match its data fails clearly, and a run on another model succeeds', async () => {
    const bad = client.run({
      model: texture,
      feeds: {
        noise: { dtype: 'float32', dims: [1, 16, 32, 32], seededNormal: 1 },
        // 24 styles declared, 23 values sent.
        style: f32(new Array<number>(23).fill(0), [1, 24]),
      },
      outputs: ['image'],
    });
    await expect(answered(bad)).rejects.toMatchObject({
      code: 'inference-failed',
      message: expect.stringMatching(/^Inference failed: input "style": .*size\(24\).*data length\(23\)/),
    });
    const next = await answered(
      client.run({
        model: vaeDecoder,
        feeds: { z: f32(new Array<number>(32).fill(0), [1, 32]) },
        outputs: ['image'],
      }),
    );
    expect(next.outputs.image!.dims).toEqual([1, 3, 64, 64]);
    expect(client.pid).toBe(pid);
  });

  it('an unknown op fails with bad-request naming the op, and the next op succeeds', async () => {
    const unknown = client.request('frobnicate' as OpName, {} as never);
    await expect(answered(unknown)).rejects.toMatchObject({
      code: 'inference-failed',
      message: expect.stringMatching(
        /^Inference failed: unknown op "frobnicate"; this inference process knows load, run/,
      ),
      workerCode: 'bad-request',
    });
    const graph = await answered(client.request('inspect', { path: texture.path }));
    expect(graph.inputs.map((i) => i.name)).toEqual(['noise', 'style']);
    expect(client.pid).toBe(pid);
  });

  it('a handler that throws fails its own request (logged as run-failed), and the next request succeeds', async () => {
    warnings.length = 0;
    // No feeds at all: the run handler throws before onnxruntime sees anything.
    const thrown = client.run({ model: texture, feeds: null as never, outputs: ['image'] });
    await expect(answered(thrown)).rejects.toMatchObject({
      code: 'inference-failed',
      workerCode: 'run-failed',
    });
    expect(warnings).toContainEqual(
      expect.objectContaining({
        message: 'inference run-failed',
        detail: expect.objectContaining({ request: 'run on model texture' }),
      }),
    );
    const back = new Uint8Array(await answered(client.echo(new Uint8Array([7, 8, 9]).buffer)));
    expect([...back]).toEqual([7, 8, 9]);
    expect(client.pid).toBe(pid);
  });
});

it('malformed messages are answered under their own seq; one with no usable seq is dropped, never answered as -1', async () => {
  const worker = spawnForkWorker();
  const replies: FromWorker[] = [];
  const echoed = new Promise<void>((resolve) =>
    worker.onMessage((m) => {
      if (m.type === 'ready') return;
      replies.push(m);
      if (m.type === 'echo') resolve();
    }),
  );
  const send = (m: unknown): void => worker.send(m as ToWorker);
  send({ type: 'frobnicate', seq: 5 });
  send({ seq: 6 });
  send({ type: 'echo', data: new ArrayBuffer(1) }); // no seq: nobody can be waiting for it
  send({ type: 'echo', seq: -1, data: new ArrayBuffer(1) });
  send({ type: 'echo', seq: 7, data: new ArrayBuffer(2) });
  await echoed;
  worker.kill('SIGKILL');
  expect(replies.map((m) => [m.type, 'seq' in m ? m.seq : null, m.type === 'error' ? m.code : null])).toEqual(
    [
      ['error', 5, 'bad-request'],
      ['error', 6, 'bad-request'],
      ['echo', 7, null],
    ],
  );
});
