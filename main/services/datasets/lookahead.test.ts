/**
 * The ordered window of ./lookahead.ts: finishing steps run one after another in the order they
 * were queued whatever order their work ends in, at most `size` are pending, a failure reaches
 * the caller and stops the steps after it, and the entries are followed by a full drain.
 */
import { describe, expect, it } from 'vitest';
import { drainedAfter, orderedWindow } from './lookahead';

const tick = (n: number): Promise<void> => new Promise((r) => setTimeout(r, n));

describe('orderedWindow', () => {
  it('finishes steps in their order while their work ends in another', async () => {
    const w = orderedWindow(4);
    const log: number[] = [];
    for (const [i, ms] of [30, 5, 20, 1, 10].entries()) {
      const work = tick(ms);
      await w.push(async () => {
        await work;
        log.push(i);
      });
    }
    await w.drain();
    expect(log).toEqual([0, 1, 2, 3, 4]);
  });

  it('keeps at most size steps pending; size 1 runs each before push returns', async () => {
    const one = orderedWindow(1);
    let ran = false;
    await one.push(async () => {
      await tick(5);
      ran = true;
    });
    expect(ran).toBe(true);
    const three = orderedWindow(3);
    let finished = 0;
    for (let i = 0; i < 5; i++) {
      await three.push(async () => {
        await tick(2);
        finished++;
      });
      expect(i + 1 - finished).toBeLessThan(3);
    }
    await three.drain();
    expect(finished).toBe(5);
  });

  it('throws the first failure and skips the steps after it', async () => {
    const w = orderedWindow(3);
    const log: number[] = [];
    await w.push(() => Promise.reject(new Error('step 0 failed')));
    await w.push(async () => void log.push(1));
    await expect(w.push(async () => void log.push(2))).rejects.toThrow('step 0 failed');
    await w.settle();
    expect(log).toEqual([]);
  });

  it('refuses a size below 1', () => {
    expect(() => orderedWindow(0)).toThrow(/lookahead/);
  });
});

describe('drainedAfter', () => {
  async function* three(): AsyncGenerator<number> {
    yield 1;
    yield 2;
    yield 3;
  }

  it('yields every entry and ends only once the pending steps are done', async () => {
    const w = orderedWindow(8);
    const done: number[] = [];
    let stopped = false;
    for await (const e of drainedAfter(three(), w, () => (stopped = true)))
      await w.push(async () => {
        await tick(5 * (4 - e));
        done.push(e);
      });
    expect(done).toEqual([1, 2, 3]);
    expect(stopped).toBe(false);
  });

  it('on an early stop tells onStop and lets the pending steps settle first', async () => {
    const w = orderedWindow(8);
    const done: number[] = [];
    let stopped = false;
    await expect(
      (async () => {
        for await (const e of drainedAfter(three(), w, () => (stopped = true))) {
          await w.push(async () => {
            await tick(10);
            done.push(e);
          });
          if (e === 2) throw new Error('stop');
        }
      })(),
    ).rejects.toThrow('stop');
    expect(stopped).toBe(true);
    expect(done).toEqual([1, 2]);
  });

  it('a failure found while draining reaches the loop', async () => {
    const w = orderedWindow(8);
    let stopped = false;
    await expect(
      (async () => {
        for await (const e of drainedAfter(three(), w, () => (stopped = true)))
          await w.push(() => (e === 3 ? Promise.reject(new Error('last failed')) : Promise.resolve()));
      })(),
    ).rejects.toThrow('last failed');
    expect(stopped).toBe(true);
  });
});
