import { describe, expect, it } from 'vitest';
import { createLatest } from './latest';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('createLatest', () => {
  it('shows only the newest answer, whatever order answers come in', async () => {
    const calls: ReturnType<typeof deferred<string>>[] = [];
    const shown: string[] = [];
    const errors: unknown[] = [];
    const l = createLatest(
      () => {
        const d = deferred<string>();
        calls.push(d);
        return d.promise;
      },
      (o) => shown.push(o),
      (e) => errors.push(e),
    );
    l.want(1);
    l.want(2);
    l.want(3);
    expect(l.pending()).toBe(3);
    calls[2]!.resolve('third');
    calls[0]!.resolve('first');
    calls[1]!.reject({ code: 'inference-failed', message: 'old' });
    await flush();
    expect(shown).toEqual(['third']);
    expect(errors).toEqual([]);
    expect(l.pending()).toBe(0);
  });

  it('ignores superseded errors but reports the newest real one', async () => {
    const errors: unknown[] = [];
    let n = 0;
    const l = createLatest(
      () => Promise.reject(n++ === 0 ? { code: 'superseded' } : { code: 'inference-failed' }),
      () => undefined,
      (e) => errors.push(e),
    );
    l.want(1);
    await flush();
    expect(errors).toEqual([]);
    l.want(2);
    await flush();
    expect(errors).toEqual([{ code: 'inference-failed' }]);
  });

  it('cancel drops answers still out', async () => {
    const shown: number[] = [];
    const d = deferred<number>();
    const l = createLatest(
      () => d.promise,
      (o) => shown.push(o),
      () => undefined,
    );
    l.want(0);
    l.cancel();
    d.resolve(5);
    await flush();
    expect(shown).toEqual([]);
  });
});
