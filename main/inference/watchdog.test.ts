/**
 * The client's per-request deadlines, with stand-in worker transports: a process that stops
 * answering fails its request clearly, is recycled (not counted as a crash), and the queue moves
 * on. Also what the client logs, and the typed `request`.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Logger } from '../log/logger';
import { InferenceClient } from './client';
import type { FromWorker, GraphPort, OpReply, ToWorker, WorkerTransport } from './protocol';

interface StandIn {
  transport: WorkerTransport;
  received: ToWorker[];
  kills: string[];
  answer(m: FromWorker): void;
}

/**
 * A stand-in worker: says it is ready, records what it is sent, and answers only what `reply`
 * returns for a request (nothing, for a worker that never answers).
 */
function standIn(reply: (m: ToWorker) => FromWorker | undefined = () => undefined, delayMs = 0): StandIn {
  const received: ToWorker[] = [];
  const kills: string[] = [];
  let onMessage: (m: FromWorker) => void = () => undefined;
  let onExit: (i: { code: number | null; signal: string | null }) => void = () => undefined;
  let alive = true;
  let busyUntil = 0;
  const answer = (m: FromWorker): void => {
    if (alive) onMessage(m);
  };
  const transport: WorkerTransport = {
    pid: 4242,
    send: (m) => {
      received.push(m);
      const out = reply(m);
      if (!out) return;
      // Like the real process: one request at a time, each taking `delayMs`.
      busyUntil = Math.max(Date.now(), busyUntil) + delayMs;
      setTimeout(() => answer(out), busyUntil - Date.now());
    },
    onMessage: (l) => {
      onMessage = l;
      queueMicrotask(() => l({ type: 'ready', pid: 4242, providersAvailable: ['cpu'] }));
    },
    onExit: (l) => {
      onExit = l;
    },
    kill: (signal = 'SIGTERM') => {
      kills.push(signal);
      alive = false;
      queueMicrotask(() => onExit({ code: null, signal }));
    },
  };
  return { transport, received, kills, answer };
}

/** Answers echo, inspect and decode-end like a healthy inference process. */
const healthy = (m: ToWorker): FromWorker | undefined => {
  if (m.type === 'echo') return { type: 'echo', seq: m.seq, data: m.data };
  if (m.type === 'decode-end') return { type: 'decode-end', seq: m.seq };
  if (m.type === 'inspect')
    return { type: 'inspect', seq: m.seq, inputs: [{ name: 'x', type: 'float32', shape: [1] }], outputs: [] };
  return undefined;
};

function recordingLogger() {
  const entries: { level: string; message: string; detail?: Record<string, unknown> }[] = [];
  const logger: Logger = {
    info: (message, detail) => entries.push({ level: 'info', message, detail }),
    warn: (message, detail) => entries.push({ level: 'warn', message, detail }),
    error: (message, _err, detail) => entries.push({ level: 'error', message, detail }),
  };
  return { logger, entries };
}

const tag = (n: number): ArrayBuffer => new Uint8Array([n]).buffer;

describe('InferenceClient deadlines (stand-in workers)', () => {
  it('a request to a stand-in worker that never answers fails within its deadline, the process is recycled, and the next request succeeds', async () => {
    const workers = [standIn(), standIn(healthy)];
    let spawned = 0;
    const { logger, entries } = recordingLogger();
    const client = new InferenceClient(() => workers[spawned++]!.transport, {
      logger,
      deadlines: { default: 200 },
    });
    const started = Date.now();
    const stuck = client.request('run', { modelId: 'emoji', feeds: {}, outputs: [] });
    // Another studio's request queues behind it, as it would in the app.
    const next = client.inspect('/models/texture.onnx');
    await expect(stuck).rejects.toMatchObject({
      code: 'inference-failed',
      message: 'The inference process did not answer within 0.2 s (run on model emoji); it was restarted.',
    });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(workers[0]!.kills).toEqual(['SIGKILL']);
    expect((await next).inputs[0]!.name).toBe('x');
    expect(spawned).toBe(2);
    expect(client.queued).toBe(0);
    // A recycle is not a crash: no restart counted, no alarm raised.
    expect(client.status).toMatchObject({ state: 'ready', restarts: 0 });
    expect(entries).toContainEqual(
      expect.objectContaining({
        level: 'error',
        message: expect.stringContaining('deadline'),
        detail: expect.objectContaining({ op: 'run', deadlineMs: 200 }),
      }),
    );
    await client.dispose();
  });

  it('recycles never trip the crash breaker, however many come in a row', async () => {
    let spawned = 0;
    const client = new InferenceClient(() => (++spawned <= 7 ? standIn() : standIn(healthy)).transport, {
      deadlines: { default: 50 },
    });
    for (let k = 0; k < 7; k++)
      await expect(client.echo(tag(k))).rejects.toMatchObject({ code: 'inference-failed' });
    expect(new Uint8Array(await client.echo(tag(8)))[0]).toBe(8);
    expect(client.status).toMatchObject({ state: 'ready', restarts: 0 });
    await client.dispose();
  });

  it("a request's clock starts when the process starts on it: a decode-end waiting behind a slow echo is not timed out", async () => {
    const w = standIn(healthy, 150);
    const client = new InferenceClient(() => w.transport, {
      deadlines: { default: 1000, 'decode-end': 250 },
    });
    await client.start();
    const echo = client.echo(tag(1));
    await new Promise((r) => setTimeout(r, 0));
    // Sent at once (it jumps the queue) and answered at ~300 ms: past 250 ms counted from when it
    // was sent, but only ~150 ms after the process finished the echo and started on it.
    await client.decodeEnd('g');
    expect(new Uint8Array(await echo)[0]).toBe(1);
    expect(w.kills).toEqual([]);
    await client.dispose();
  });

  it('per-call deadlines override the defaults', async () => {
    const workers = [standIn(healthy, 100), standIn(healthy)];
    let spawned = 0;
    const client = new InferenceClient(() => workers[spawned++]!.transport, { deadlines: { default: 1000 } });
    await expect(client.inspect('/m.onnx', { deadlineMs: 30 })).rejects.toThrow(
      /within 0\.03 s \(inspecting m\.onnx\)/,
    );
    await expect(client.inspect('/m.onnx')).resolves.toBeDefined();
    await client.dispose();
  });

  it('a process that never says it is ready fails the waiting request and is killed', async () => {
    const silent = standIn();
    silent.transport.onMessage = () => undefined;
    const client = new InferenceClient(() => silent.transport, { deadlines: { start: 100 } });
    await expect(client.echo(tag(1))).rejects.toThrow(/did not start within 0\.1 s/);
    expect(silent.kills).toEqual(['SIGKILL']);
    expect(client.status.state).toBe('failed');
    await client.dispose();
  });

  it('logs a crash with its signal', async () => {
    const workers = [standIn(), standIn(healthy)];
    let spawned = 0;
    const { logger, entries } = recordingLogger();
    const client = new InferenceClient(() => workers[spawned++]!.transport, { logger });
    const inflight = client.echo(tag(1));
    await new Promise((r) => setTimeout(r, 0));
    client.kill('SIGKILL');
    await expect(inflight).rejects.toMatchObject({ code: 'inference-crashed' });
    expect(entries).toContainEqual(
      expect.objectContaining({
        level: 'error',
        message: 'inference process was killed (SIGKILL)',
        detail: expect.objectContaining({ signal: 'SIGKILL', code: null, inFlight: 'echo' }),
      }),
    );
    await client.dispose();
  });

  it("request() answers with the op's own reply type (checked by tsc)", async () => {
    const client = new InferenceClient(() => standIn(healthy).transport);
    const reply = await client.request('inspect', { path: '/m.onnx' });
    expectTypeOf(reply).toEqualTypeOf<OpReply<'inspect'>>();
    expectTypeOf(reply.inputs).toEqualTypeOf<GraphPort[]>();
    expect(reply.inputs).toHaveLength(1);
    // Compiled, never called: tsc rejects a body or a reply field of another op.
    const _wrongUses = async () => {
      // @ts-expect-error an inspect request names a path, not a model
      await client.request('inspect', { modelId: 'm' });
      // @ts-expect-error an inspect reply has no tensors
      return (await client.request('inspect', { path: '/m.onnx' })).tensor;
    };
    await client.dispose();
  });
});
