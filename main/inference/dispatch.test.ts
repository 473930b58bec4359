/**
 * The inference process's dispatcher with stand-in handlers: every request is answered under its
 * own seq whatever happens in its handler, and only messages nobody can be waiting for go
 * unanswered. (The real process is exercised in worker.integration.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { createDispatcher, WorkerFailure, type Handlers } from './dispatch';
import type { FromWorker } from './protocol';

const unused = (): never => {
  throw new Error('not used by this test');
};

function standInHandlers(overrides: Partial<Handlers> = {}): Handlers {
  return {
    load: unused,
    run: unused,
    echo: (req) => ({ data: req.data }),
    prepare: unused,
    'read-midi': unused,
    'encode-frames': unused,
    sequence: unused,
    'decode-start': unused,
    'decode-step': unused,
    'decode-end': () => ({}),
    inspect: unused,
    unload: unused,
    ...overrides,
  };
}

function setup(overrides: Partial<Handlers> = {}) {
  const posted: FromWorker[] = [];
  const warnings: string[] = [];
  const dispatch = createDispatcher(standInHandlers(overrides), {
    post: (m) => posted.push(m),
    warn: (m) => warnings.push(m),
    failureCode: { load: 'load-failed' },
  });
  return { dispatch, posted, warnings };
}

const data = new Uint8Array([1, 2, 3]).buffer;

describe('the inference dispatcher', () => {
  it("answers a request under its own seq with its handler's reply", async () => {
    const { dispatch, posted } = setup();
    await dispatch({ type: 'echo', seq: 7, data });
    expect(posted).toEqual([{ type: 'echo', seq: 7, data }]);
  });

  it('a handler that throws (at once, later, or not an Error) answers an error under that seq, and the next request is answered', async () => {
    const { dispatch, posted } = setup({
      run: () => {
        throw new RangeError("Tensor's size(24) does not match data length(23).");
      },
      sequence: () => Promise.reject(new Error('session run failed')),
      inspect: () => {
        throw 'a string';
      },
    });
    void dispatch({ type: 'run', seq: 1, modelId: 'm', feeds: {}, outputs: [] });
    void dispatch({ type: 'sequence', seq: 2, spec: {} });
    void dispatch({ type: 'inspect', seq: 3, path: '/m.onnx' });
    await dispatch({ type: 'echo', seq: 4, data });
    expect(posted).toEqual([
      {
        type: 'error',
        seq: 1,
        code: 'run-failed',
        message: "Tensor's size(24) does not match data length(23).",
      },
      { type: 'error', seq: 2, code: 'run-failed', message: 'session run failed' },
      { type: 'error', seq: 3, code: 'run-failed', message: 'a string' },
      { type: 'echo', seq: 4, data },
    ]);
  });

  it("a WorkerFailure answers with its own code; anything else with the op's default", async () => {
    const { dispatch, posted } = setup({
      load: () => {
        throw new Error('cannot open the file');
      },
      'decode-step': () => {
        throw new WorkerFailure('bad-request', 'generation g is not running');
      },
    });
    void dispatch({ type: 'load', seq: 1, modelId: 'm', path: '/m.onnx', providers: ['cpu'] });
    await dispatch({ type: 'decode-step', seq: 2, genId: 'g', count: 1 });
    expect(posted.map((m) => m.type === 'error' && m.code)).toEqual(['load-failed', 'bad-request']);
  });

  it('an unknown op answers bad-request under its seq, naming the op', async () => {
    const { dispatch, posted } = setup();
    await dispatch({ type: 'frobnicate', seq: 9 });
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ type: 'error', seq: 9, code: 'bad-request' });
    expect(posted[0]).toHaveProperty(
      'message',
      expect.stringMatching(/^unknown op "frobnicate"; .*knows load, run/),
    );
  });

  it('inherited names are not ops', async () => {
    const { dispatch, posted } = setup();
    await dispatch({ type: 'constructor', seq: 3 });
    await dispatch({ type: '__proto__', seq: 4 });
    expect(posted.map((m) => m.type === 'error' && m.code)).toEqual(['bad-request', 'bad-request']);
  });

  it('a message with a usable seq but no op answers bad-request under that seq', async () => {
    const { dispatch, posted } = setup();
    await dispatch({ seq: 3 });
    await dispatch({ seq: 4, type: 42 });
    await dispatch(Object.assign(['not', 'a', 'request'], { seq: 5 }));
    expect(posted.map((m) => [m.type, 'seq' in m && m.seq])).toEqual([
      ['error', 3],
      ['error', 4],
      ['error', 5],
    ]);
    expect(posted[0]).toHaveProperty('message', expect.stringContaining('names no op'));
  });

  it('a message with no usable seq is reported and dropped, never answered (no seq -1)', async () => {
    const { dispatch, posted, warnings } = setup();
    const unanswerable = ['hello', null, 42, { type: 'echo', data }, { type: 'echo', seq: -1 }];
    for (const m of [...unanswerable, { type: 'echo', seq: 1.5 }, { type: 'echo', seq: '3' }])
      await dispatch(m);
    expect(posted).toEqual([]);
    expect(warnings).toHaveLength(7);
    expect(warnings[3]).toMatch(/no usable seq.*type: echo/);
  });

  it('an answer that cannot be posted is answered with an error under the same seq', async () => {
    const posted: FromWorker[] = [];
    const dispatch = createDispatcher(standInHandlers(), {
      post: (m) => {
        if (m.type === 'echo') throw new Error('could not be cloned');
        posted.push(m);
      },
      warn: () => undefined,
    });
    await dispatch({ type: 'echo', seq: 2, data });
    expect(posted).toEqual([{ type: 'error', seq: 2, code: 'run-failed', message: 'could not be cloned' }]);
  });

  it('handles one message at a time, in the order they came', async () => {
    const { dispatch, posted } = setup({
      'decode-end': () => new Promise((resolve) => setTimeout(() => resolve({}), 30)),
    });
    void dispatch({ type: 'decode-end', seq: 1, genId: 'g' });
    await dispatch({ type: 'echo', seq: 2, data });
    expect(posted.map((m) => m.type)).toEqual(['decode-end', 'echo']);
  });
});
