import { describe, expect, it } from 'vitest';
import { coordinate, lerp, offsetAlong, pathPoints, slerp, withCoordinate, type Pca } from './latent';

const norm = (v: readonly number[]): number => Math.hypot(...v);

describe('interpolation', () => {
  it('lerp and slerp hit both ends exactly', () => {
    const a = [1, 2, 3];
    const b = [-3, 0.5, 2];
    for (const f of [lerp, slerp]) {
      expect(f(a, b, 0)).toEqual(a.map((x) => expect.closeTo(x, 10)));
      expect(f(a, b, 1)).toEqual(b.map((x) => expect.closeTo(x, 10)));
    }
  });

  it('slerp between orthogonal unit vectors stays on the unit circle; lerp dips inside', () => {
    const a = [1, 0];
    const b = [0, 1];
    expect(norm(slerp(a, b, 0.5))).toBeCloseTo(1, 10);
    expect(norm(lerp(a, b, 0.5))).toBeCloseTo(Math.SQRT1_2, 10);
  });

  it('slerp of parallel vectors degrades to a straight line instead of dividing by zero', () => {
    expect(slerp([1, 1], [2, 2], 0.5)).toEqual([1.5, 1.5]);
    expect(slerp([0, 0], [2, 2], 0.5)).toEqual([1, 1]);
  });

  it('pathPoints gives the requested count, ends included', () => {
    const p = pathPoints([0, 0], [1, 2], 5, 'linear');
    expect(p).toHaveLength(5);
    expect(p[2]).toEqual([0.5, 1]);
    expect(p[4]).toEqual([1, 2]);
  });
});

describe('coordinates along principal directions', () => {
  const c = Math.SQRT1_2;
  const pca: Pca = {
    mean: [1, 1],
    directions: [
      [c, c],
      [-c, c],
    ],
    variance: [4, 1],
  };

  it('measures in standard deviations from the mean', () => {
    expect(coordinate(pca, [1, 1], 0)).toBeCloseTo(0);
    expect(coordinate(pca, [1 + 2 * c, 1 + 2 * c], 0)).toBeCloseTo(1); // one SD (2) along direction 0
    expect(coordinate(pca, [1 + 2 * c, 1 + 2 * c], 1)).toBeCloseTo(0);
  });

  it('withCoordinate sets one coordinate and leaves the other alone', () => {
    const p = [3, -0.5];
    const moved = withCoordinate(pca, p, 0, 2.5);
    expect(coordinate(pca, moved, 0)).toBeCloseTo(2.5);
    expect(coordinate(pca, moved, 1)).toBeCloseTo(coordinate(pca, p, 1));
  });

  it('offsetAlong adds SD steps along several directions', () => {
    const moved = offsetAlong(
      pca,
      [1, 1],
      [
        [0, 1],
        [1, -2],
      ],
    );
    expect(coordinate(pca, moved, 0)).toBeCloseTo(1);
    expect(coordinate(pca, moved, 1)).toBeCloseTo(-2);
  });
});
