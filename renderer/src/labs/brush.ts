/**
 * Drawing data on the plane: every picture shows [-PLANE, PLANE]² over a square of `size` CSS
 * pixels, x to the right and y up. A brush stroke drops a small Gaussian spray of points every
 * few pixels along the pointer's path, from a seeded stream (the points are data: the same
 * strokes make the same points).
 */
import { PLANE } from '../../../preload/labs/data';
import type { Rng } from '../../../preload/rng';

export const BRUSH = {
  /** The spray's standard deviation, in plane units. */
  sigma: 0.12,
  /** Points per dab. */
  perDab: 3,
  /** Pixels between dabs along a stroke. */
  spacing: 7,
} as const;

/** Drawn points at most (a lab trains on up to this many). */
export const MAX_DRAWN = 5000;

/** A pixel of the picture → its point on the plane. */
export function toPlane(px: number, py: number, size: number): [number, number] {
  return [(px / size) * 2 * PLANE - PLANE, PLANE - (py / size) * 2 * PLANE];
}

/** A point on the plane → its pixel on the picture. */
export function toPixel(x: number, y: number, size: number): [number, number] {
  return [((x + PLANE) / (2 * PLANE)) * size, ((PLANE - y) / (2 * PLANE)) * size];
}

/** The dab centres from `from` (excluded) to `to`, `spacing` pixels apart, carrying the leftover. */
export function dabsAlong(
  from: readonly [number, number],
  to: readonly [number, number],
  carried: number,
  spacing: number = BRUSH.spacing,
): { dabs: [number, number][]; carried: number } {
  const dx = to[0] - from[0];
  const dy = to[1] - from[1];
  const length = Math.hypot(dx, dy);
  const dabs: [number, number][] = [];
  let at = spacing - carried;
  while (at <= length) {
    dabs.push([from[0] + (dx * at) / length, from[1] + (dy * at) / length]);
    at += spacing;
  }
  return { dabs, carried: length - (at - spacing) };
}

/** A dab's points around (x, y) on the plane, kept inside it. */
export function spray(
  rng: Rng,
  x: number,
  y: number,
  count: number = BRUSH.perDab,
  sigma: number = BRUSH.sigma,
): number[] {
  const z = rng.fillNormal(new Float32Array(count * 2));
  const out: number[] = [];
  const lim = PLANE * 0.98;
  for (let i = 0; i < count; i++) {
    out.push(
      Math.max(-lim, Math.min(lim, x + sigma * z[2 * i]!)),
      Math.max(-lim, Math.min(lim, y + sigma * z[2 * i + 1]!)),
    );
  }
  return out;
}
