import { describe, expect, it } from 'vitest';
import { coordinate, type Pca } from '../../../preload/latent';
import { cellAt, cellRect, gridOffsets, gridPoints, gridSize, type CellLayout } from './grid';

const pca: Pca = {
  mean: [0, 0, 0],
  directions: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
  variance: [4, 1, 9],
};

describe('grid points', () => {
  it('lays 5×5 offsets row-major, top row +y, left column −x, centre 0', () => {
    const o = gridOffsets(0.5);
    expect(o).toHaveLength(25);
    expect(o[0]).toEqual([-1, 1]);
    expect(o[4]).toEqual([1, 1]);
    expect(o[12]).toEqual([0, 0]);
    expect(o[24]).toEqual([1, -1]);
  });

  it('steps along the two chosen directions in SDs, leaving the others', () => {
    const p = [1, 2, 3];
    const pts = gridPoints(pca, p, 2, 0, 1);
    expect(pts[12]).toEqual(p);
    const corner = pts[0]!; // dx = -2 along direction 2, dy = +2 along direction 0
    expect(coordinate(pca, corner, 2)).toBeCloseTo(coordinate(pca, p, 2) - 2);
    expect(coordinate(pca, corner, 0)).toBeCloseTo(coordinate(pca, p, 0) + 2);
    expect(coordinate(pca, corner, 1)).toBeCloseTo(coordinate(pca, p, 1));
  });
});

describe('cell layout', () => {
  const l: CellLayout = { cols: 5, rows: 5, cellWidth: 64, cellHeight: 64, gap: 4 };

  it('sizes the image with gaps around every cell', () => {
    expect(gridSize(l)).toEqual({ width: 5 * 64 + 6 * 4, height: 5 * 64 + 6 * 4 });
  });

  it('places cells and finds them again from a point', () => {
    const r = cellRect(l, 7); // row 1, col 2
    expect(r).toEqual({ x: 4 + 2 * 68, y: 4 + 68, width: 64, height: 64 });
    expect(cellAt(l, r.x, r.y)).toBe(7);
    expect(cellAt(l, r.x + 63.5, r.y + 63.5)).toBe(7);
    for (let i = 0; i < 25; i++) {
      const c = cellRect(l, i);
      expect(cellAt(l, c.x + c.width / 2, c.y + c.height / 2)).toBe(i);
    }
  });

  it('answers null on gaps and outside', () => {
    expect(cellAt(l, 2, 30)).toBeNull();
    expect(cellAt(l, 4 + 64 + 1, 30)).toBeNull();
    expect(cellAt(l, -5, 30)).toBeNull();
    expect(cellAt(l, 30, gridSize(l).height + 1)).toBeNull();
  });
});
