import { describe, expect, it } from 'vitest';
import type { Generation } from '../../../preload/contract';
import { bookmarksFor, initialModelState, type LatentInfo, type ModelState } from './explorer';
import { exportFrames, GONE_END, MAX_FRAMES, pathEnds, pathProblem } from './interpolation';

const latent: LatentInfo = {
  dim: 3,
  width: 8,
  height: 8,
  channels: 1,
  ink: true,
  pca: {
    mean: [0, 0, 0],
    directions: [
      [1, 0, 0],
      [0, 1, 0],
    ],
    variance: [2, 1],
  },
  reconThreshold: 0.02,
};

const gen = (id: string, point: number[]): Generation =>
  ({
    id,
    kind: 'latent',
    createdAt: 1,
    modelId: 'm',
    modelSha256: '',
    provider: 'cpu',
    seed: 0,
    params: { model: 'm', point, view: { kind: 'image' } },
    parentId: null,
    durationMs: 1,
    width: 8,
    height: 8,
    title: id,
  }) as Generation;

const marks = bookmarksFor([gen('bm', [4, 5, 6])], 'm', 3);
const state = (point: number[], a: string, b: string): ModelState => {
  const s = initialModelState(latent);
  return { ...s, point, interp: { ...s.interp, a, b } };
};

describe('path problem', () => {
  it('names an end whose bookmark is gone, once bookmarks are listed', () => {
    expect(pathProblem({ a: 'current', b: 'bm' }, [1, 1, 1], marks)).toBeNull();
    expect(pathProblem({ a: 'gone', b: 'bm' }, [1, 1, 1], marks)).toBe(GONE_END);
    expect(pathProblem({ a: 'current', b: 'gone' }, [1, 1, 1], marks)).toBe(GONE_END);
    expect(pathProblem({ a: 'gone', b: 'gone' }, [1, 1, 1], null)).toBeNull();
  });
});

describe('path ends', () => {
  it('resolves the ends for the model and choices', () => {
    expect(pathEnds('m', state([1, 1, 1], 'current', 'bm'), marks, null)).toEqual({
      key: 'm|current|bm',
      a: [1, 1, 1],
      b: [4, 5, 6],
    });
    expect(pathEnds('m', state([1, 1, 1], 'current', 'gone'), marks, null)).toBeNull();
  });

  it('keeps anchored ends while the model and choices are the same', () => {
    const anchor = { key: 'm|current|bm', a: [9, 9, 9], b: [4, 5, 6] };
    // The scrub moved the current point: the "current" end stays where the scrub started.
    expect(pathEnds('m', state([2, 2, 2], 'current', 'bm'), marks, anchor)).toBe(anchor);
    expect(pathEnds('m', state([2, 2, 2], 'bm', 'current'), marks, anchor)).toEqual({
      key: 'm|bm|current',
      a: [4, 5, 6],
      b: [2, 2, 2],
    });
    expect(pathEnds('other', state([2, 2, 2], 'current', 'bm'), [], anchor)).toBeNull();
  });
});

describe('export frames', () => {
  it('rounds the typed count into 2…MAX_FRAMES', () => {
    expect(exportFrames(16)).toBe(16);
    expect(exportFrames(7.6)).toBe(8);
    expect(exportFrames(1)).toBe(2);
    expect(exportFrames(0)).toBe(2);
    expect(exportFrames(Number.NaN)).toBe(2);
    expect(exportFrames(500)).toBe(MAX_FRAMES);
  });
});
