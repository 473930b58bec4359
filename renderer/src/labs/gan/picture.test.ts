import { describe, expect, it } from 'vitest';
import { PLANE } from '../../../../preload/labs/data';
import {
  arrowSegments,
  belief,
  beliefColor,
  glyphGrid,
  heatmapPixels,
  toPlane,
  toPxX,
  toPxY,
} from './picture';

describe('coordinates', () => {
  it('maps the plane onto the canvas square, y up', () => {
    expect([toPxX(-PLANE, 400), toPxX(0, 400), toPxX(PLANE, 400)]).toEqual([0, 200, 400]);
    expect([toPxY(PLANE, 400), toPxY(0, 400), toPxY(-PLANE, 400)]).toEqual([0, 200, 400]);
    expect(toPlane(100, 300, 400)).toEqual([-2, -2]);
  });
});

describe('colours', () => {
  it('runs from violet (generated) through the canvas colour to green (real)', () => {
    const [fake, mid, real] = [beliefColor(0), beliefColor(0.5), beliefColor(1)];
    expect(fake[2]).toBeGreaterThan(fake[1]);
    expect(mid).toEqual([24, 24, 28]);
    expect(real[1]).toBeGreaterThan(real[0]);
    expect(beliefColor(Number.NaN)).toEqual(mid);
    expect(beliefColor(7)).toEqual(real);
  });

  it('reads probabilities as they are and scores within their range', () => {
    expect(belief(0.3, { kind: 'probability', min: 0, max: 1 })).toBe(0.3);
    expect(belief(-1, { kind: 'score', min: -3, max: 1 })).toBe(0.5);
    expect(belief(2, { kind: 'score', min: 2, max: 2 })).toBe(0.5);
  });

  it('paints one opaque pixel per heatmap cell', () => {
    const px = heatmapPixels({
      side: 2,
      values: new Float32Array([0, 1, 0.5, 1]),
      min: 0,
      max: 1,
      kind: 'probability',
    });
    expect(px).toHaveLength(16);
    expect(Array.from(px.slice(8, 12))).toEqual([24, 24, 28, 255]);
    expect(Array.from(px.slice(4, 8))).toEqual([...beliefColor(1), 255]);
  });
});

describe('arrows', () => {
  it('start at each point, follow its gradient (y flipped) and scale the longest to the given length', () => {
    const seg = arrowSegments(new Float32Array([0, 0, 2, 2]), new Float32Array([1, 0, 0, -0.5]), 400, 20);
    expect(Array.from(seg)).toEqual([200, 200, 220, 200, 300, 100, 300, 110]);
  });

  it('draw nothing when every gradient is zero', () => {
    const seg = arrowSegments(new Float32Array([0, 0]), new Float32Array([0, 0]), 400);
    expect(seg[2]).toBe(seg[0]);
    expect(seg[3]).toBe(seg[1]);
  });
});

describe('glyph grid', () => {
  it('tiles images with 1 px gaps, ink light on the canvas colour', () => {
    const side = 2;
    const samples = new Float32Array([1, 0, 0, 1, 0.5, 0.5, 0.5, 0.5, 0, 0, 0, 0]);
    const g = glyphGrid(samples, side, 3, 2);
    expect([g.cols, g.rows, g.width, g.height]).toEqual([2, 2, 5, 5]);
    const at = (x: number, y: number) =>
      Array.from(g.pixels.slice((y * g.width + x) * 4, (y * g.width + x) * 4 + 4));
    expect(at(0, 0)).toEqual([232, 232, 238, 255]);
    expect(at(1, 0)).toEqual([24, 24, 28, 255]);
    expect(at(2, 0)).toEqual([42, 42, 50, 255]);
    expect(at(3, 0)).toEqual([128, 128, 133, 255]);
    expect(at(0, 3)).toEqual([24, 24, 28, 255]);
    expect(at(3, 3)).toEqual([42, 42, 50, 255]);
  });
});
