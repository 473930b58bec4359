import { describe, expect, it } from 'vitest';
import {
  combinePosteriors,
  coordinate,
  lerp,
  offsetAlong,
  pathPoints,
  planeEllipse,
  slerp,
  withCoordinate,
  type Pca,
} from './latent';

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

describe('combinePosteriors (several glyphs of one font)', () => {
  it('one observation is its own posterior', () => {
    const p = { mean: [0.5, -1], std: [0.2, 0.9] };
    const c = combinePosteriors([p]);
    c.mean.forEach((v, i) => expect(v).toBeCloseTo(p.mean[i]!));
    c.std.forEach((v, i) => expect(v).toBeCloseTo(p.std[i]!));
  });

  it('two equal observations: precision 2/σ² − 1 (the prior counted once), the same mean', () => {
    const c = combinePosteriors([
      { mean: [1], std: [0.5] },
      { mean: [1], std: [0.5] },
    ]);
    expect(c.std[0]).toBeCloseTo(1 / Math.sqrt(2 * 4 - 1));
    expect(c.mean[0]).toBeCloseTo((4 + 4) / 7);
  });

  it('weights each observation by its precision (the exact product, the prior counted once)', () => {
    const sharp = { mean: [2], std: [0.1] };
    // Precisions 100 and 1: P = 1 + (100 − 1) + (1 − 1) = 100, mean = (100·2 + 1·(−2)) / 100.
    const c = combinePosteriors([sharp, { mean: [-2], std: [1] }]);
    expect(c.mean[0]).toBeCloseTo(1.98);
    expect(c.std[0]).toBeCloseTo(0.1);
    // An encoder answer vaguer than the prior counts as the prior's precision, never less.
    const vague = combinePosteriors([sharp, { mean: [0], std: [3] }]);
    expect(vague.mean[0]).toBeCloseTo(2);
    expect(vague.std[0]).toBeCloseTo(0.1);
  });

  it('narrows with every observation', () => {
    const obs = Array.from({ length: 5 }, (_, k) => ({ mean: [k * 0.1, 0], std: [0.4, 0.7] }));
    const widths = [1, 2, 3, 5].map((n) => combinePosteriors(obs.slice(0, n)).std[0]!);
    for (let i = 1; i < widths.length; i++) expect(widths[i]).toBeLessThan(widths[i - 1]!);
  });
});

describe('planeEllipse', () => {
  const pca: Pca = {
    mean: [0, 0, 0],
    directions: [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ],
    variance: [4, 1, 1],
  };

  it('axis-aligned std: semi-axes in the pad’s units (training-set SDs), the wider axis first', () => {
    const e = planeEllipse(pca, [1, 0.5, 9], [0, 1]);
    expect(e.rx).toBeCloseTo(0.5);
    expect(e.ry).toBeCloseTo(0.5);
    const f = planeEllipse(pca, [0.2, 0.6, 9], [0, 1]);
    expect(f.rx).toBeCloseTo(0.6);
    expect(f.ry).toBeCloseTo(0.1);
    expect(Math.abs(f.angle)).toBeCloseTo(Math.PI / 2);
  });

  it('a tilted plane mixes the dimensions into a rotated ellipse', () => {
    const s = Math.SQRT1_2;
    const tilted: Pca = {
      mean: [0, 0],
      directions: [
        [s, s],
        [-s, s],
      ],
      variance: [1, 1],
    };
    const e = planeEllipse(tilted, [1, 0.1], [0, 1]);
    expect(e.rx).toBeCloseTo(1);
    expect(e.ry).toBeCloseTo(0.1);
    expect(Math.abs(Math.abs(e.angle) - Math.PI / 4)).toBeLessThan(1e-9);
  });
});
