import { describe, expect, it } from 'vitest';
import { PLANE } from '../../../preload/labs/data';
import { Rng } from '../../../preload/rng';
import { BRUSH, dabsAlong, spray, toPixel, toPlane } from './brush';

describe('brush', () => {
  it('maps pixels to the plane with y up, and back', () => {
    expect(toPlane(0, 0, 400)).toEqual([-PLANE, PLANE]);
    expect(toPlane(400, 400, 400)).toEqual([PLANE, -PLANE]);
    expect(toPlane(200, 200, 400)).toEqual([0, 0]);
    const [px, py] = toPixel(1.5, -2, 320);
    const [x, y] = toPlane(px, py, 320);
    expect(x).toBeCloseTo(1.5);
    expect(y).toBeCloseTo(-2);
  });

  it('drops dabs every `spacing` pixels along a stroke, carrying the rest to the next move', () => {
    const a = dabsAlong([0, 0], [10, 0], 0, 4);
    expect(a.dabs).toEqual([
      [4, 0],
      [8, 0],
    ]);
    expect(a.carried).toBeCloseTo(2);
    const b = dabsAlong([10, 0], [13, 0], a.carried, 4);
    expect(b.dabs).toEqual([[12, 0]]);
    expect(b.carried).toBeCloseTo(1);
  });

  it('sprays the same points from the same seed, near the dab, inside the plane', () => {
    const p = spray(new Rng(5), 1, 1);
    expect(p).toEqual(spray(new Rng(5), 1, 1));
    expect(p).toHaveLength(BRUSH.perDab * 2);
    for (const v of p) expect(Math.abs(v - 1)).toBeLessThan(BRUSH.sigma * 6);
    for (const v of spray(new Rng(1), PLANE, -PLANE, 50)) expect(Math.abs(v)).toBeLessThan(PLANE);
  });
});
