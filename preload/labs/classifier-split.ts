/**
 * The few-shot split: items labelled by class and by group (a glyph's font, a photo's camera),
 * k groups per class for training and other groups, never seen in training for any class, for
 * testing, so the test measures generalisation to a new style rather than memory of one.
 *
 * Seeded, and chosen so a table over k reads like a paper's: with the same seed and `testGroups`
 * the held-out groups (the test set) are the same for every k, and the training groups for k are
 * the first k of one seeded order per class (k = 1 ⊂ k = 3 ⊂ k = 5).
 */
import { Rng } from '../rng';
import { checkWhole, refuse } from './classifier-input';

export type GroupKey = number | string;

export interface FewShotOptions {
  /** Each item's class. */
  labels: ArrayLike<number>;
  /** Each item's group (same length as `labels`). */
  groups: ArrayLike<GroupKey>;
  /** Training groups per class. */
  k: number;
  seed: number;
  /** Groups held out for testing (default half of them, rounded down, at least one). */
  testGroups?: number;
}

export interface FewShotSplit {
  /** Indices of the training items, ascending. */
  train: Int32Array;
  /** Indices of the test items (every item of a held-out group), ascending. */
  test: Int32Array;
  /** The held-out groups. */
  heldOut: GroupKey[];
  /** Classes that have fewer than k groups left for training (they train on what there is). */
  short: number[];
}

export function fewShotSplit(o: FewShotOptions): FewShotSplit {
  const n = o.labels.length;
  if (o.groups.length !== n)
    refuse(`groups has ${o.groups.length} entries but labels has ${n}: give one group per item`, 'groups');
  if (n === 0) refuse('labels is empty: give at least one item', 'labels');
  checkWhole(o.k, 'k', 1, 10_000);
  const all = [...new Set(Array.from(o.groups))].sort(byKey);
  if (all.length < 2) refuse(`groups has ${all.length} distinct group; a split needs at least 2`, 'groups');
  const testGroups = o.testGroups ?? Math.max(1, Math.floor(all.length / 2));
  checkWhole(testGroups, 'testGroups', 1, all.length - 1);
  if (all.length - testGroups < o.k)
    refuse(
      `k is ${o.k} but only ${all.length - testGroups} groups are left for training after holding out ${testGroups} of ${all.length}`,
      'k',
    );

  const rng = new Rng(o.seed);
  const order = shuffle(rng, all);
  const heldOut = new Set(order.slice(0, testGroups));
  const pool = order.slice(testGroups);

  const classes = [...new Set(Array.from(o.labels))].sort((a, b) => a - b);
  const chosen = new Map<number, Set<GroupKey>>();
  const short: number[] = [];
  for (const c of classes) {
    const has = new Set<GroupKey>();
    for (let i = 0; i < n; i++) if (o.labels[i] === c) has.add(o.groups[i]!);
    // The class's own seeded order, drawn whatever k is, so a smaller k takes a subset.
    const mine = shuffle(
      rng,
      pool.filter((g) => has.has(g)),
    );
    if (mine.length < o.k) short.push(c);
    chosen.set(c, new Set(mine.slice(0, o.k)));
  }

  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < n; i++) {
    const g = o.groups[i]!;
    if (heldOut.has(g)) test.push(i);
    else if (chosen.get(o.labels[i]!)!.has(g)) train.push(i);
  }
  return {
    train: Int32Array.from(train),
    test: Int32Array.from(test),
    heldOut: [...heldOut].sort(byKey),
    short,
  };
}

function byKey(a: GroupKey, b: GroupKey): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

function shuffle<T>(rng: Rng, items: T[]): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.nextU32() % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
