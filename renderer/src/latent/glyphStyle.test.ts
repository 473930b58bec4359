import { describe, expect, it } from 'vitest';
import { coordinate, type Pca } from '../../../preload/latent';
import {
  closeUp,
  ellipseOnPad,
  geometricMean,
  labelPlace,
  narrowing,
  padCoords,
  padEllipse,
  toPixels,
} from './glyphStyle';
import { sdToPad } from './pad';

/** A 3-D space whose principal directions are the axes, with SDs 2, 0.5 and 1. */
const PCA: Pca = {
  mean: [1, 0, 0],
  directions: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
  variance: [4, 0.25, 1],
};

describe('narrowing', () => {
  it('is the geometric mean of the combined std over one glyph’s, in percent and words', () => {
    expect(geometricMean([1, 4])).toBeCloseTo(2, 10);
    const five = narrowing(
      Array.from({ length: 5 }, () => [0.5, 0.2]),
      [0.19, 0.076],
    );
    expect(five.percent).toBe(38);
    expect(five.sentence).toBe('5 glyphs: style uncertainty 38 % of one glyph’s.');
  });

  it('averages the glyphs geometrically: one sure glyph and one unsure are one in between', () => {
    expect(narrowing([[0.1], [0.4]], [0.1]).percent).toBe(50);
  });

  it('says one glyph is just that glyph', () => {
    const one = narrowing([[0.3, 0.3]], [0.3, 0.3]);
    expect(one.percent).toBe(100);
    expect(one.sentence).toMatch(/^1 glyph: /);
  });
});

describe('on the pad', () => {
  it('places points in the pad’s units (SDs along its two directions), as coordinate() does', () => {
    const p = [5, 0.5, -2];
    expect(padCoords(PCA, p, { x: 0, y: 2 })).toEqual({
      x: coordinate(PCA, p, 0),
      y: coordinate(PCA, p, 2),
    });
    expect(padCoords(PCA, p, { x: 0, y: 2 })).toEqual({ x: 2, y: -2 });
  });

  it('maps an axis-aligned ellipse to pixels: centre as the dot sits, radii scaled by the pad’s span', () => {
    // std 1 along D1 (SD 2) is half a pad unit; std 0.25 along D2 (SD 0.5) is half a unit too.
    const e = padEllipse(PCA, [1, 0.1, 0], { x: 0, y: 1 });
    expect(e.rx).toBeCloseTo(0.5, 10);
    expect(e.ry).toBeCloseTo(0.2, 10);
    expect(e.angle).toBeCloseTo(0, 10);
    const size = { width: 300, height: 300 };
    const d = ellipseOnPad(e, { x: 1, y: -1.5 }, size);
    const dot = sdToPad(1, -1.5, size);
    expect([d.cx, d.cy]).toEqual([dot.px, dot.py]);
    // ±3 units over 300 px: 50 px a unit.
    expect(d.rx).toBeCloseTo(25, 10);
    expect(d.ry).toBeCloseTo(10, 10);
    expect(d.rotate).toBeCloseTo(0, 10);
  });

  it('turns the other way on screen: up-right in the pad is a negative (anticlockwise) rotation', () => {
    const d = ellipseOnPad(
      { rx: 1, ry: 0.5, angle: Math.PI / 4 },
      { x: 0, y: 0 },
      { width: 100, height: 100 },
    );
    expect(d.rotate).toBeCloseTo(-45, 10);
    // The major axis's end: 1 unit up-right of the centre, so right of and above it in pixels.
    const rad = (d.rotate * Math.PI) / 180;
    const end = { x: d.cx + d.rx * Math.cos(rad), y: d.cy + d.rx * Math.sin(rad) };
    const expected = sdToPad(Math.SQRT1_2, Math.SQRT1_2, { width: 100, height: 100 });
    expect(end.x).toBeCloseTo(expected.px, 10);
    expect(end.y).toBeCloseTo(expected.py, 10);
  });

  it('does not clamp the centre: an ellipse past the edge stays where it is (the pad clips it)', () => {
    const d = ellipseOnPad({ rx: 1, ry: 1, angle: 0 }, { x: 4.5, y: 0 }, { width: 60, height: 60 });
    expect(d.cx).toBeCloseTo(75, 10);
  });
});

describe('the close-up', () => {
  it('fits every glyph and the ellipse around the combined point, at a round span', () => {
    const c = { x: 0.4, y: -0.2 };
    const view = closeUp(
      c,
      [
        { x: 0.5, y: -0.2 },
        { x: 0.4, y: -0.31 },
      ],
      { rx: 0.03, ry: 0.01, angle: 0 },
    );
    // The farthest is 0.11 SD away: with a margin, ±0.2 SD.
    expect(view).toEqual({ x: 0.4, y: -0.2, range: 0.2 });
    expect(closeUp(c, [], { rx: 0.3, ry: 0.1, angle: 1 }).range).toBe(0.5);
    expect(closeUp(c, [{ x: 9, y: 0 }], { rx: 0, ry: 0, angle: 0 }).range).toBe(3);
  });

  it('maps its view to pixels: the combined point in the middle, a range’s width to the edge', () => {
    const view = { x: 0.4, y: -0.2, range: 0.2 };
    const size = { width: 132, height: 132 };
    expect(toPixels({ x: 0.4, y: -0.2 }, size, view)).toEqual({ px: 66, py: 66 });
    const corner = toPixels({ x: 0.6, y: 0 }, size, view);
    expect(corner.px).toBeCloseTo(132, 10);
    expect(corner.py).toBeCloseTo(0, 10);
    const d = ellipseOnPad({ rx: 0.1, ry: 0.05, angle: 0 }, { x: 0.4, y: -0.2 }, size, view);
    expect(d.rx).toBeCloseTo(33, 10);
    expect(d.ry).toBeCloseTo(16.5, 10);
    // The whole pad, by default, maps as the dot does.
    expect(toPixels({ x: -1, y: 2 }, size)).toEqual(sdToPad(-1, 2, size));
  });

  it('puts a label past its mark, away from the combined point', () => {
    expect(labelPlace({ px: 10, py: 50 }, { px: 50, py: 50 }, 4)).toEqual({ x: 6, y: 50, anchor: 'end' });
    expect(labelPlace({ px: 50, py: 10 }, { px: 50, py: 50 }, 4)).toEqual({ x: 50, y: 6, anchor: 'start' });
    const same = labelPlace({ px: 50, py: 50 }, { px: 50, py: 50 }, 4);
    expect(same.anchor).toBe('start');
    expect(same.y).toBeLessThan(50);
  });
});
