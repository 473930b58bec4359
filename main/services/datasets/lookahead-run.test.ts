/**
 * The image driver with a lookahead (`augmentImageFolder({ lookahead })`): several sources'
 * items in the making at once, as on batch workers, and still the output of a run without one,
 * byte for byte — files, manifest and card — whatever order the items come back in: a source
 * the method refuses and an unreadable one listed in the same order, near-duplicates dropped
 * alike, a failure stopping the run with what was written kept for a rerun.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { invalid } from '../../../preload/contract';
import type { ClassicParams } from './classic';
import { classicMethod, type Method } from './method';
import { augmentImageFolder, type AugmentOptions } from './run';
import { tempRoots, tinyImageFolder, tree } from './testing';

const newRoot = tempRoots();
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Classic transforms whose answers come back late, later for earlier sources (so the last
 * started finishes first), refusing one source the way a generative method refuses a class.
 */
function lateClassic(
  o: { refuse?: string; failAt?: string; started?: string[]; most?: { now: number; max: number } } = {},
): Method<ClassicParams> {
  let n = 0;
  const most = o.most ?? { now: 0, max: 0 };
  return {
    ...classicMethod,
    async generate(source, seeds, params, signal) {
      o.started?.push(source.path);
      most.max = Math.max(most.max, ++most.now);
      await sleep(Math.max(0, 40 - 8 * n++));
      most.now--;
      if (source.path === o.refuse) throw invalid(`No item can be made of ${source.path}.`, 'label');
      if (source.path === o.failAt) throw new Error('the worker went away');
      return classicMethod.generate(source, seeds, params, signal);
    },
  };
}

const options = (input: string, out: string, method: Method<ClassicParams>, more: object = {}) =>
  ({
    input,
    out,
    method: method as AugmentOptions<unknown>['method'],
    k: 3,
    seed: 5,
    nearDuplicate: 0.02,
    command: 'atelier augment --in INPUT --out OUTPUT --method classic --k 3 --seed 5',
    ...more,
  }) as AugmentOptions<unknown>;

describe('augmentImageFolder with a lookahead', () => {
  it('writes the same files, manifest and card as a run without one', async () => {
    const root = newRoot();
    const input = tinyImageFolder(root);
    const refuse = 'train/cat/b.png';
    const one = { now: 0, max: 0 };
    const plain = await augmentImageFolder(
      options(input, join(root, 'one'), lateClassic({ refuse, most: one })),
    );
    const started: string[] = [];
    const four = { now: 0, max: 0 };
    const ahead = await augmentImageFolder(
      options(input, join(root, 'four'), lateClassic({ refuse, started, most: four }), { lookahead: 4 }),
    );
    // One source at a time without a lookahead; several at once with one, never more than 4.
    expect(one.max).toBe(1);
    expect(four.max).toBeGreaterThan(1);
    expect(four.max).toBeLessThanOrEqual(4);
    expect(tree(join(root, 'four'))).toEqual(tree(join(root, 'one')));
    expect(ahead).toEqual({ ...plain, cardPath: ahead.cardPath, manifestPath: ahead.manifestPath });
    // The refused source and the unreadable one, listed in scan order on both runs.
    expect(ahead.corrupt.map((c) => c.path)).toEqual(['train/cat/b.png', 'train/dog/broken.png']);
    expect(started).toHaveLength(6);
  });

  it('stops at a failure with the items before it kept, and a rerun ends as a whole run', async () => {
    const root = newRoot();
    const input = tinyImageFolder(root);
    const out = join(root, 'out');
    await expect(
      augmentImageFolder(options(input, out, lateClassic({ failAt: 'train/dog/a.png' }), { lookahead: 3 })),
    ).rejects.toThrow('the worker went away');
    const kept = tree(out);
    expect(Object.keys(kept).some((f) => f.startsWith('train/cat/') && f.includes('.classic-'))).toBe(true);
    expect(kept['README.md']).toBeUndefined();
    const rerun = await augmentImageFolder(options(input, out, lateClassic(), { lookahead: 3 }));
    expect(rerun.reused).toBeGreaterThan(0);
    await augmentImageFolder(options(input, join(root, 'whole'), lateClassic()));
    expect(tree(out)).toEqual(tree(join(root, 'whole')));
  });

  it('cancels with the sources in flight given the signal', async () => {
    const root = newRoot();
    const input = tinyImageFolder(root);
    const stop = new AbortController();
    const run = augmentImageFolder(
      options(input, join(root, 'out'), lateClassic(), {
        lookahead: 4,
        signal: stop.signal,
        onProgress: (p: { done: number }) => p.done >= 4 && stop.abort(),
      }),
    );
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
  });
});
