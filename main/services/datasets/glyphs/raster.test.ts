/** The glyph rasteriser: exact coverage on edges, nonzero winding, curves, and a bound on work. */
import type { PathCommand } from 'opentype.js';
import { describe, expect, it } from 'vitest';
import { GlyphTooComplexError, MAX_SEGMENTS, pathBox, rasterize } from './raster';

const rect = (x0: number, y0: number, x1: number, y1: number, clockwise = true): PathCommand[] =>
  clockwise
    ? [
        { type: 'M', x: x0, y: y0 },
        { type: 'L', x: x1, y: y0 },
        { type: 'L', x: x1, y: y1 },
        { type: 'L', x: x0, y: y1 },
        { type: 'Z' },
      ]
    : [
        { type: 'M', x: x0, y: y0 },
        { type: 'L', x: x0, y: y1 },
        { type: 'L', x: x1, y: y1 },
        { type: 'L', x: x1, y: y0 },
        { type: 'Z' },
      ];

describe('rasterize', () => {
  it('covers whole pixels fully and a half-covered edge by half (anti-aliased)', () => {
    const map = rasterize(rect(1, 1, 3.5, 3), 4, 4);
    expect(Array.from(map)).toEqual([0, 0, 0, 0, 0, 1, 1, 0.5, 0, 1, 1, 0.5, 0, 0, 0, 0]);
  });

  it('fills by the nonzero rule: a counter wound the other way is a hole, the same way is not', () => {
    const hole = rasterize([...rect(0, 0, 6, 6), ...rect(2, 2, 4, 4, false)], 6, 6);
    expect(hole[2 * 6 + 2]).toBe(0);
    expect(hole[0]).toBe(1);
    const overlap = rasterize([...rect(0, 0, 6, 6), ...rect(2, 2, 4, 4)], 6, 6);
    expect(overlap[2 * 6 + 2]).toBe(1);
  });

  it('flattens curves: a quadratic bowl has an area close to its exact one', () => {
    // y = 8 − 8·((x−4)/4)² for x in [0, 8], closed along y = 8: area = 2/3 · 8 · 8.
    const bowl: PathCommand[] = [
      { type: 'M', x: 0, y: 8 },
      { type: 'Q', x1: 4, y1: -8, x: 8, y: 8 },
      { type: 'Z' },
    ];
    const area = rasterize(bowl, 8, 8).reduce((s, v) => s + v, 0);
    expect(Math.abs(area - (2 / 3) * 64)).toBeLessThan(0.5);
    expect(pathBox(bowl)).toEqual([0, 0, 8, 8]);
  });

  it('refuses an outline with more segments than it draws, and ignores non-finite points', () => {
    const many: PathCommand[] = [{ type: 'M', x: 0, y: 0 }];
    for (let i = 0; i <= MAX_SEGMENTS; i++) many.push({ type: 'L', x: i % 2, y: i % 3 });
    expect(() => rasterize(many, 4, 4)).toThrow(GlyphTooComplexError);
    const odd = rasterize([...rect(0, 0, 2, 2), { type: 'L', x: Number.NaN, y: 1 }], 2, 2);
    expect(Array.from(odd)).toEqual([1, 1, 1, 1]);
    expect(pathBox([])).toBeNull();
  });
});
