/**
 * The remote method (./method-remote.ts) over a queue that answers in this process through a
 * real Atelier's router, as a worker does: the same id, model and params check as the local
 * method, items byte for byte the local ones, a large source's seeds split over several calls
 * (each a different job) and joined in order, and a refusal thrown as the local method's error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AtelierError } from '../../../preload/contract';
import { encodeRgbaPng } from '../../inference/image';
import { realAtelier } from '../../testing/atelier';
import { checkCall, withJobId, type BatchCall } from '../batch/call';
import { jsonBytes, reviveBytes } from '../batch/bytes';
import type { Remote } from '../batch/remote';
import { classicMethod, type Method } from './method';
import { remoteMethod } from './method-remote';
import { picture } from './testing';

let env: Awaited<ReturnType<typeof realAtelier>>;
beforeAll(async () => {
  env = await realAtelier();
});
afterAll(() => env?.cleanup());

/** A queue whose one worker is this process's Atelier; it keeps every call it was given. */
function inProcess(): Remote & { calls: BatchCall[] } {
  const calls: BatchCall[] = [];
  return {
    batchId: '0123456789abcdef',
    calls,
    async call(call) {
      const checked = checkCall(call);
      if (!checked.ok) throw new AtelierError(checked.error);
      calls.push(checked.call);
      const r = await env.atelier.router.call(call.method, withJobId(checked.call, 'job'));
      if (!r.ok) throw new AtelierError(r.error);
      // Through JSON, as a result comes back through Redis.
      return {
        value: reviveBytes(JSON.parse(JSON.stringify(jsonBytes(r.value)))),
        worker: 'here',
        provider: 'cpu',
      };
    },
    workers: () => ['here'],
    close: () => Promise.resolve(),
  };
}

const hex = (imgs: Parameters<typeof encodeRgbaPng>[0][]): string[] =>
  imgs.map((i) => Buffer.from(encodeRgbaPng(i)).toString('hex'));

describe('remoteMethod', () => {
  it('is the local method to the driver, and makes the same bytes', async () => {
    const remote = inProcess();
    const m = remoteMethod(classicMethod as Method, remote, { method: 'classic', params: { flip: 1 } });
    expect([m.id, m.model]).toEqual([classicMethod.id, classicMethod.model]);
    const params = m.params({ flip: 1 });
    expect(params).toEqual(classicMethod.params({ flip: 1 }));
    expect(() => m.params({ flip: 'x' })).toThrow();
    const source = { path: 'cat/a.png', label: 'cat', image: picture(20, 16, 4) };
    const seeds = [11, 12, 13];
    const local = await classicMethod.generate(source, seeds, classicMethod.params({ flip: 1 }));
    expect(hex(await m.generate(source, seeds, params))).toEqual(hex(local));
    expect(remote.calls).toHaveLength(1);
    expect(await m.generate(source, [], params)).toEqual([]);
  });

  it('splits a large source’s seeds over calls that fit a queued result, in order', async () => {
    const remote = inProcess();
    const m = remoteMethod(classicMethod as Method, remote, { method: 'classic' });
    const params = m.params(undefined);
    const source = { path: 'big/a.png', label: 'big', image: picture(600, 600, 5) };
    const seeds = Array.from({ length: 18 }, (_, i) => 100 + i);
    const made = await m.generate(source, seeds, params);
    expect(remote.calls.map((c) => (c.params.seeds as number[]).length)).toEqual([17, 1]);
    // Items on both sides of the split, against the local method (item j from seeds[j] alone).
    const at = [0, 16, 17];
    const local = await classicMethod.generate(
      source,
      at.map((i) => seeds[i]!),
      classicMethod.params(undefined),
    );
    expect(hex(at.map((i) => made[i]!))).toEqual(hex(local));
    expect(made).toHaveLength(18);
  }, 60_000);

  it('throws a worker’s refusal as the error a local method throws', async () => {
    const remote = inProcess();
    const m = remoteMethod(classicMethod as Method, remote, { method: 'vae-posterior' });
    const source = { path: 'cat/a.png', label: 'cat', image: picture(20, 16, 4) };
    const e = await m.generate(source, [1], undefined).then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(AtelierError);
    expect(e).toMatchObject({ code: 'invalid-input', field: 'label' });
    expect((e as Error).message).toMatch(/class "cat"/);
  }, 60_000);
});
