/**
 * The scheduler's rules, with an in-memory worker double standing in for the inference process
 * (the real process is exercised in supervision.integration.test.ts).
 */
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { InferenceClient } from './client';
import type { FromWorker, ToWorker, WorkerTransport } from './protocol';

/** In-memory worker double: answers echo requests when `release()` is called. */
function inMemoryWorker() {
  const received: ToWorker[] = [];
  let onMessage: (m: FromWorker) => void = () => undefined;
  let onExit: (i: { code: number | null; signal: string | null }) => void = () => undefined;
  const transport: WorkerTransport = {
    pid: 1234,
    send: (m) => received.push(m),
    onMessage: (l) => {
      onMessage = l;
      queueMicrotask(() => l({ type: 'ready', pid: 1234, providersAvailable: ['cpu'] }));
    },
    onExit: (l) => {
      onExit = l;
    },
    kill: () => onExit({ code: null, signal: 'SIGKILL' }),
  };
  return {
    transport,
    received,
    /** Answers the oldest unanswered request. */
    release() {
      const m = received.shift();
      if (m?.type === 'echo') onMessage({ type: 'echo', seq: m.seq, data: m.data });
    },
  };
}

/** The client's private scheduler, to queue items of any priority and lane. */
const scheduler = (client: InferenceClient) =>
  (
    client as unknown as { schedule: (o: object, f: () => Promise<unknown>) => Promise<unknown> }
  ).schedule.bind(client);
const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));
const tag = (n: number): ArrayBuffer => new Uint8Array([n]).buffer;
const label = (m: ToWorker | undefined): number => (m?.type === 'echo' ? new Uint8Array(m.data)[0]! : -1);

describe('InferenceClient scheduling (in-memory worker double)', () => {
  it('sends one request at a time', async () => {
    const w = inMemoryWorker();
    const client = new InferenceClient(() => w.transport);
    const a = client.echo(tag(1));
    const b = client.echo(tag(2));
    await tick();
    expect(w.received.map(label)).toEqual([1]);
    w.release();
    expect(new Uint8Array(await a)[0]).toBe(1);
    await tick();
    expect(w.received.map(label)).toEqual([2]);
    w.release();
    await b;
  });

  it('runs interactive work before queued batch work, and latest wins within a lane', async () => {
    const w = inMemoryWorker();
    const client = new InferenceClient(() => w.transport);
    // echo is interactive; use the private scheduler to enqueue batch and laned items.
    const schedule = scheduler(client);
    const order: string[] = [];
    const job = (name: string) => async () => {
      order.push(name);
    };
    const blocker = client.echo(tag(9)); // occupies the worker
    await tick();
    const batch = schedule({ priority: 'batch' }, job('batch'));
    const stale = schedule({ priority: 'interactive', lane: 'pad' }, job('stale'));
    const fresh = schedule({ priority: 'interactive', lane: 'pad' }, job('fresh'));
    const other = schedule({ priority: 'interactive', lane: 'slider' }, job('slider'));
    await expect(stale).rejects.toMatchObject({ code: 'superseded' });
    w.release();
    await Promise.all([blocker, batch, fresh, other]);
    expect(order).toEqual(['fresh', 'slider', 'batch']);
  });

  it('rejects a queued request at once when its signal aborts', async () => {
    const w = inMemoryWorker();
    const client = new InferenceClient(() => w.transport);
    const blocker = client.echo(tag(1));
    await tick();
    const controller = new AbortController();
    const schedule = scheduler(client);
    let ran = false;
    const queued = schedule({ signal: controller.signal }, async () => {
      ran = true;
    });
    controller.abort();
    await expect(queued).rejects.toMatchObject({ code: 'cancelled' });
    w.release();
    await blocker;
    await tick();
    expect(ran).toBe(false);
    expect(client.queued).toBe(0);
  });

  it('one signal over many requests leaves no abort listeners behind once they settle', async () => {
    const client = new InferenceClient(() => inMemoryWorker().transport);
    const schedule = scheduler(client);
    const signal = new AbortController().signal;
    for (let k = 0; k < 40; k++) await schedule({ signal }, () => Promise.resolve(k));
    await expect(schedule({ signal }, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    await client.dispose();
  });

  it('fails in-flight requests with inference-crashed when the process dies, then respawns', async () => {
    const workers = [inMemoryWorker(), inMemoryWorker()];
    let spawned = 0;
    const client = new InferenceClient(() => workers[spawned++]!.transport);
    const states: string[] = [];
    client.onStatus((s) => states.push(s.state));
    const inflight = client.echo(tag(1));
    await tick();
    workers[0]!.transport.kill();
    await expect(inflight).rejects.toMatchObject({ code: 'inference-crashed' });
    expect(states).toContain('restarting');
    const next = client.echo(tag(2));
    await tick();
    await tick();
    workers[1]!.release();
    expect(new Uint8Array(await next)[0]).toBe(2);
    expect(spawned).toBe(2);
    expect(client.status).toMatchObject({ state: 'ready', restarts: 1 });
  });
  it('never starts a text generation whose Stop came while its model was loading', async () => {
    const sent: ToWorker[] = [];
    let reply: (m: FromWorker) => void = () => undefined;
    const transport: WorkerTransport = {
      pid: 1,
      send: (m) => sent.push(m),
      onMessage: (l) => {
        reply = l;
        queueMicrotask(() => l({ type: 'ready', pid: 1, providersAvailable: ['cpu'] }));
      },
      onExit: () => undefined,
      kill: () => undefined,
    };
    const client = new InferenceClient(() => transport);
    const controller = new AbortController();
    const layout = { layers: 1, kvHeads: 1, headDim: 1, positionIds: false, contextLength: 8 };
    const start = client.decodeStart(
      { id: 'm', path: '/m.onnx' },
      {
        genId: 'g',
        layout,
        promptIds: [1],
        sampling: { seed: 1, temperature: 1, topK: 0, topP: 1, repetitionPenalty: 1 },
        eosIds: [],
        maxTokens: 4,
      },
      { signal: controller.signal },
    );
    await tick();
    const load = sent.find((m) => m.type === 'load');
    expect(load).toBeDefined();
    // Stop while the graph loads: the caller is answered at once and frees the generation...
    controller.abort();
    await expect(start).rejects.toMatchObject({ code: 'cancelled' });
    void client.decodeEnd('g');
    // ...then the load finishes: nothing may start a generation nobody will free.
    reply({ type: 'load', seq: load!.seq, modelId: 'm', provider: 'cpu', inputNames: [], outputNames: [] });
    await tick();
    await tick();
    expect(sent.map((m) => m.type)).not.toContain('decode-start');
  });
});
