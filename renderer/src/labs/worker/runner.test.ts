// The worker's logic on real training runs (the GAN engine, small sizes): snapshots wait for the
// page's ack, steps and settings keep the run, a saved state reopens to the same picture, a bad
// setting is refused with a readable sentence and the run goes on.
import { describe, expect, it } from 'vitest';
import { preset } from '../../../../preload/labs/data';
import type { LabState } from '../../../../preload/labs/state';
import type { FromWorker, Snapshot, ToWorker } from './protocol';
import { LabRunner } from './runner';

const SMALL = { batchSize: 32, width: 16, depth: 1 };
const REQUEST = { samples: 64, grid: 8, manifold: false, gradients: false };

function harness() {
  const posted: FromWorker[] = [];
  const deferred: (() => void)[] = [];
  let clock = 0;
  const runner = new LabRunner({
    post: (m) => posted.push(m),
    // Each reading of the clock moves it 1 ms: a slice trains a handful of iterations.
    now: () => (clock += 1),
    defer: (fn) => deferred.push(fn),
  });
  const send = (m: ToWorker): Promise<void> => runner.receive(m);
  const snapshots = (): Snapshot[] => posted.flatMap((m) => (m.type === 'snapshot' ? [m.snapshot] : []));
  const last = (): Snapshot => snapshots().at(-1)!;
  /** Runs the deferred slices until none is left (or `max`). */
  const drain = (max = 50): number => {
    let n = 0;
    while (deferred.length > 0 && n < max) {
      deferred.shift()!();
      n++;
    }
    return n;
  };
  const init = (seed = 1, settings: Record<string, unknown> = SMALL) =>
    send({ type: 'init', lab: 'gan', data: preset('ring8', 200, seed), seed, settings, request: REQUEST });
  return { runner, posted, send, snapshots, last, drain, init };
}

const samplesOf = (s: Snapshot): number[] => Array.from((s.view as { samples: Float32Array }).samples);

describe('LabRunner', () => {
  it('says which labs it runs with their defaults', () => {
    const h = harness();
    h.runner.hello();
    const ready = h.posted[0];
    expect(ready?.type).toBe('ready');
    if (ready?.type !== 'ready') return;
    expect(Object.keys(ready.labs).sort()).toEqual(['bayes', 'diffusion', 'flow', 'gan', 'vae']);
    expect(ready.labs.gan.defaults.learningRate).toBeTypeOf('number');
    expect(ready.labs.gan.images).toBe(true);
  });

  it('posts no snapshot until the last one is acknowledged, and trains meanwhile', async () => {
    const h = harness();
    await h.init();
    expect(h.posted.map((m) => m.type)).toEqual(['session', 'snapshot']);
    const first = h.last();
    expect(first.iteration).toBe(0);
    expect(first.metrics?.swd).toBeTypeOf('number');
    expect(first.charts).toEqual({ iterations: [], series: {} });

    await h.send({ type: 'speed', n: 5 });
    await h.send({ type: 'play' });
    h.drain();
    // Not acknowledged: still the one snapshot; training stopped at `speed` iterations.
    expect(h.snapshots()).toHaveLength(1);
    await h.send({ type: 'ack', seq: first.seq });
    // The ack releases the waiting snapshot: 5 iterations on.
    expect(h.snapshots()).toHaveLength(2);
    expect(h.last().iteration).toBe(5);
    expect(h.last().playing).toBe(true);
    h.drain();
    expect(h.snapshots()).toHaveLength(2);
    // A stale ack changes nothing.
    await h.send({ type: 'ack', seq: first.seq });
    expect(h.snapshots()).toHaveLength(2);
    await h.send({ type: 'ack', seq: h.last().seq });
    h.drain();
    expect(h.last().iteration).toBe(10);

    await h.send({ type: 'pause' });
    await h.send({ type: 'ack', seq: h.last().seq });
    h.drain();
    expect(h.last().playing).toBe(false);
    const stopped = h.last().iteration;
    h.drain();
    expect(h.last().iteration).toBe(stopped);
  });

  it('steps, keeps the weights through a setting, saves and reopens to the same picture', async () => {
    const h = harness();
    await h.init(3);
    await h.send({ type: 'ack', seq: h.last().seq });
    await h.send({ type: 'step', n: 20 });
    const stepped = h.last();
    expect(stepped.iteration).toBe(20);
    expect(stepped.metrics?.swd).toBeTypeOf('number');
    expect(stepped.charts!.iterations.at(-1)).toBe(20);
    expect(Object.keys(stepped.losses).length).toBeGreaterThan(0);

    // The learning rate applies to the running model: same iteration, same picture.
    await h.send({ type: 'ack', seq: stepped.seq });
    await h.send({ type: 'settings', settings: { learningRate: 0.0005 } });
    const session = h.posted.findLast((m) => m.type === 'session');
    expect(session?.type === 'session' && session.reason).toBe('settings');
    expect(session?.type === 'session' && session.session.settings.learningRate).toBe(0.0005);
    expect(h.last().iteration).toBe(20);
    expect(samplesOf(h.last())).toEqual(samplesOf(stepped));

    await h.send({ type: 'save', id: 7, title: 'Ring' });
    const answer = h.posted.findLast((m) => m.type === 'state');
    if (answer?.type !== 'state') throw new Error('no state');
    expect(answer.id).toBe(7);
    const state: LabState = JSON.parse(JSON.stringify(answer.state));
    expect(state.title).toBe('Ring');
    expect(state.view).toEqual({ request: REQUEST });

    const other = harness();
    await other.send({ type: 'load', state });
    const opened = other.posted.find((m) => m.type === 'session');
    expect(opened?.type === 'session' && opened.reason).toBe('load');
    expect(opened?.type === 'session' && opened.session.request).toEqual(REQUEST);
    expect(other.last().iteration).toBe(20);
    expect(samplesOf(other.last())).toEqual(samplesOf(h.last()));
    expect(other.last().charts).toEqual(state.charts);

    // A file written without a view (by the CLI) opens and draws with the engine's defaults.
    const { view: _view, ...bare } = state;
    const cli = harness();
    await cli.send({ type: 'load', state: bare });
    expect(cli.posted.some((m) => m.type === 'error')).toBe(false);
    expect(samplesOf(cli.last()).length).toBeGreaterThan(0);
  });

  it('refuses a bad setting or file with a readable sentence and keeps the run', async () => {
    const h = harness();
    await h.init();
    await h.send({ type: 'ack', seq: h.last().seq });
    await h.send({ type: 'settings', settings: { learningRate: 5 } });
    const err = h.posted.at(-1);
    expect(err).toMatchObject({ type: 'error', op: 'settings' });
    expect(err?.type === 'error' && err.message).toMatch(/learning rate must be between/);
    await h.send({ type: 'load', state: { format: 'something-else' } });
    expect(h.posted.at(-1)).toMatchObject({ type: 'error', op: 'load' });
    expect(h.posted.at(-1)?.type === 'error' && (h.posted.at(-1) as { message: string }).message).toMatch(
      /not an Atelier lab file/,
    );
    await h.send({ type: 'step', n: 3 });
    expect(h.last().iteration).toBe(3);
  });

  it('replays the same numbers from the same seed and settings', async () => {
    const run = async (): Promise<Snapshot> => {
      const h = harness();
      await h.init(11);
      await h.send({ type: 'ack', seq: h.last().seq });
      await h.send({ type: 'step', n: 15 });
      return h.last();
    };
    const [a, b] = [await run(), await run()];
    expect(a.losses).toEqual(b.losses);
    expect(samplesOf(a)).toEqual(samplesOf(b));
  });
});
