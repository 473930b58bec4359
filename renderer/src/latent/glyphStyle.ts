/**
 * The combined style of a glyph set as the designer sees it: how much the letters together narrowed
 * the style's uncertainty (in words), and where each glyph's point, the combined point and its
 * one-sigma ellipse sit on the pad.
 */
import { coordinate, planeEllipse, type Pca, type Vec } from '../../../preload/latent';
import { PAD_RANGE, type Axes, type PadSize } from './pad';

/** Geometric mean of standard deviations: the side of the uncertainty's box, per dimension. */
export function geometricMean(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  let sum = 0;
  for (const v of values) sum += Math.log(Math.max(v, 1e-12));
  return Math.exp(sum / values.length);
}

export interface Narrowing {
  /** The combined style's uncertainty as a share of one glyph's, in percent (100 for one glyph). */
  percent: number;
  sentence: string;
}

/**
 * How much the glyphs together narrowed the style: the geometric mean of the combined std over
 * that of the glyphs' own (one glyph's on average), as a percentage and a sentence.
 */
export function narrowing(
  glyphStds: readonly (readonly number[])[],
  combinedStd: readonly number[],
): Narrowing {
  const n = glyphStds.length;
  const one = geometricMean(glyphStds.flat());
  const both = geometricMean(combinedStd);
  const percent = n > 0 && one > 0 ? Math.round((both / one) * 100) : 100;
  if (n <= 1)
    return {
      percent,
      sentence: '1 glyph: the style as one letter shows it. Add letters of the same font to pin it down.',
    };
  return { percent, sentence: `${n} glyphs: style uncertainty ${percent} % of one glyph’s.` };
}

/** A point's place on the pad, in the pad's units (training-set SDs along its two directions). */
export function padCoords(pca: Pca, point: Vec, axes: Axes): { x: number; y: number } {
  return { x: coordinate(pca, point, axes.x), y: coordinate(pca, point, axes.y) };
}

export interface PadEllipse {
  /** In the pad's units. */
  rx: number;
  ry: number;
  /** Radians from the pad's x axis, counter-clockwise (y up). */
  angle: number;
}

/** The combined posterior's one-sigma ellipse in the pad's plane (its units, its two directions). */
export function padEllipse(pca: Pca, std: Vec, axes: Axes): PadEllipse {
  return planeEllipse(pca, std, [axes.x, axes.y]);
}

/** What part of the pad's plane a drawing shows: its centre and half its span, in pad units. */
export interface PlaneView {
  x: number;
  y: number;
  range: number;
}

/** The whole pad: ±PAD_RANGE around the mean. */
export const PAD_VIEW: PlaneView = { x: 0, y: 0, range: PAD_RANGE };

/** Where a point of the plane sits in a drawing of `size` showing `view` (y up on the plane, down on screen). */
export function toPixels(
  p: { x: number; y: number },
  size: PadSize,
  view: PlaneView = PAD_VIEW,
): { px: number; py: number } {
  return {
    px: ((p.x - view.x) / view.range + 1) * (size.width / 2),
    py: (1 - (p.y - view.y) / view.range) * (size.height / 2),
  };
}

/** An ellipse as drawn: centre, radii in pixels, rotation in degrees clockwise (screen y is down). */
export interface DrawnEllipse {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
  rotate: number;
}

/**
 * The ellipse around `centre` (pad units) in pixels of a drawing of `size` showing `view` (the
 * whole pad by default, mapped as `sdToPad` maps the dot). The centre is not clamped: an ellipse
 * may leave the drawing, which clips it. The angle flips sign: the pad's y runs up, the screen's down.
 */
export function ellipseOnPad(
  e: PadEllipse,
  centre: { x: number; y: number },
  size: PadSize,
  view: PlaneView = PAD_VIEW,
): DrawnEllipse {
  const { px, py } = toPixels(centre, size, view);
  return {
    cx: px,
    cy: py,
    rx: (e.rx * size.width) / (2 * view.range),
    ry: (e.ry * size.height) / (2 * view.range),
    rotate: -((e.angle * 180) / Math.PI) + 0,
  };
}

const NICE = [0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, PAD_RANGE];

/**
 * A close-up around the combined point that holds every glyph's point and the whole ellipse with
 * a margin: half its span is the next round number (0.1, 0.2, 0.25, 0.5 … SD) over the farthest.
 */
export function closeUp(
  centre: { x: number; y: number },
  points: readonly { x: number; y: number }[],
  e: PadEllipse,
): PlaneView {
  let far = Math.max(e.rx, e.ry);
  for (const p of points) far = Math.max(far, Math.abs(p.x - centre.x), Math.abs(p.y - centre.y));
  const want = far * 1.25;
  const range = NICE.find((r) => r >= want) ?? PAD_RANGE;
  return { x: centre.x, y: centre.y, range };
}

/**
 * Where a mark's label goes: away from the combined point (so labels fan out instead of piling on
 * it), `gap` pixels past the mark, anchored on the side it leans to.
 */
export function labelPlace(
  mark: { px: number; py: number },
  combined: { px: number; py: number },
  gap: number,
): { x: number; y: number; anchor: 'start' | 'end' } {
  let dx = mark.px - combined.px;
  let dy = mark.py - combined.py;
  const len = Math.hypot(dx, dy);
  if (len < 1e-6) [dx, dy] = [Math.SQRT1_2, -Math.SQRT1_2];
  else [dx, dy] = [dx / len, dy / len];
  return { x: mark.px + dx * gap, y: mark.py + dy * gap, anchor: dx < 0 ? 'end' : 'start' };
}
