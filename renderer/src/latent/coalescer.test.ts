import { describe, expect, it } from 'vitest';
import { createCoalescer } from './coalescer';

interface Deferred {
  req: number;
  resolve: (v: string) => void;
  reject: (e: unknown) => void;
}

function harness() {
  const sent: Deferred[] = [];
  const results: [string, number][] = [];
  const errors: [unknown, number][] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const c = createCoalescer<number, string>({
    send: (req) =>
      new Promise<string>((resolve, reject) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        const done =
          <A>(f: (a: A) => void) =>
          (a: A) => {
            inFlight--;
            f(a);
          };
        sent.push({ req, resolve: done(resolve), reject: done(reject) });
      }),
    onResult: (r, req) => results.push([r, req]),
    onError: (e, req) => errors.push([e, req]),
  });
  return { c, sent, results, errors, maxInFlight: () => maxInFlight };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('coalescer', () => {
  it('sends at once when idle', () => {
    const { c, sent } = harness();
    c.want(1);
    expect(sent.map((s) => s.req)).toEqual([1]);
    expect(c.busy).toBe(true);
  });

  it('keeps only the latest wanted request while one is in flight, then sends it', async () => {
    const { c, sent, results, maxInFlight } = harness();
    c.want(1);
    for (let i = 2; i <= 50; i++) c.want(i);
    expect(sent).toHaveLength(1);
    expect(c.pending).toBe(50);
    sent[0]!.resolve('a');
    await tick();
    expect(sent.map((s) => s.req)).toEqual([1, 50]);
    expect(results).toEqual([['a', 1]]);
    sent[1]!.resolve('b');
    await tick();
    expect(results).toEqual([
      ['a', 1],
      ['b', 50],
    ]);
    expect(c.busy).toBe(false);
    expect(c.pending).toBeNull();
    expect(maxInFlight()).toBe(1);
  });

  it('goes on after an error and reports it with its request', async () => {
    const { c, sent, errors, results } = harness();
    c.want(1);
    c.want(2);
    sent[0]!.reject(new Error('boom'));
    await tick();
    expect(errors.map(([e, r]) => [(e as Error).message, r])).toEqual([['boom', 1]]);
    sent[1]!.resolve('ok');
    await tick();
    expect(results).toEqual([['ok', 2]]);
  });

  it('treats a send that throws as a failed request', async () => {
    const errors: number[] = [];
    const c = createCoalescer<number, void>({
      send: () => {
        throw new Error('sync');
      },
      onResult: () => undefined,
      onError: (_e, req) => errors.push(req),
    });
    c.want(3);
    await tick();
    expect(errors).toEqual([3]);
    expect(c.busy).toBe(false);
  });

  it('ignores answers after dispose and sends nothing more', async () => {
    const { c, sent, results } = harness();
    c.want(1);
    c.want(2);
    c.dispose();
    sent[0]!.resolve('late');
    await tick();
    expect(results).toEqual([]);
    expect(sent).toHaveLength(1);
    c.want(3);
    expect(sent).toHaveLength(1);
  });
});
