import { describe, expect, it } from 'vitest';
import { finiteOnly, fromWorker, isDataset, toWorker } from './protocol';

const data = { dim: 2, points: new Float32Array([0, 1, 2, 3]), source: { kind: 'drawn' } };

describe('labs worker protocol', () => {
  it('lets through the messages the worker knows, whole', () => {
    const init = { type: 'init', lab: 'gan', data, seed: 3, settings: {}, request: {} };
    expect(toWorker(init)).toBe(init);
    expect(toWorker({ type: 'step', n: 5 })).toEqual({ type: 'step', n: 5 });
    expect(toWorker({ type: 'ack', seq: 0 })).toEqual({ type: 'ack', seq: 0 });
    expect(toWorker({ type: 'save', id: 1, title: 'Ring' })).toEqual({ type: 'save', id: 1, title: 'Ring' });
    expect(toWorker({ type: 'load', state: null })).toEqual({ type: 'load', state: null });
  });

  it('drops what is not one of them', () => {
    expect(toWorker({ type: 'init', lab: 'gpt', data, seed: 3, settings: {} })).toBeNull();
    expect(
      toWorker({ type: 'init', lab: 'gan', data: { ...data, points: [0, 1] }, seed: 3, settings: {} }),
    ).toBeNull();
    expect(toWorker({ type: 'step', n: 0 })).toBeNull();
    expect(toWorker({ type: 'step', n: 1.5 })).toBeNull();
    expect(toWorker({ type: 'save', id: 1, title: 3 })).toBeNull();
    expect(toWorker({ type: 'explode' })).toBeNull();
    expect(toWorker(null)).toBeNull();
    expect(isDataset({ ...data, points: new Float32Array(3) })).toBe(false);
  });

  it('checks what the page receives', () => {
    const snapshot = { seq: 1, lab: 'vae', iteration: 4, losses: { recon: 1 }, view: {}, playing: true };
    expect(fromWorker({ type: 'snapshot', snapshot })).not.toBeNull();
    expect(fromWorker({ type: 'snapshot', snapshot: { ...snapshot, iteration: -1 } })).toBeNull();
    expect(fromWorker({ type: 'snapshot', snapshot: { ...snapshot, charts: { iterations: 3 } } })).toBeNull();
    const session = { lab: 'flow', seed: 1, settings: {}, iteration: 0, data, request: null, canOnnx: true };
    expect(fromWorker({ type: 'session', reason: 'init', session })).not.toBeNull();
    expect(
      fromWorker({ type: 'session', reason: 'init', session: { ...session, canOnnx: 'yes' } }),
    ).toBeNull();
    expect(fromWorker({ type: 'error', op: 'load', message: 'bad' })).not.toBeNull();
    expect(fromWorker({ type: 'ready' })).toBeNull();
  });

  it('keeps finite metrics only', () => {
    expect(finiteOnly({ swd: 0.1, elbo: Number.NaN, x: Infinity })).toEqual({ swd: 0.1 });
  });
});
