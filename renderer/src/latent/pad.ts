/**
 * The 2-D pad: its x axis is one principal direction, its y axis another (up is +), both
 * spanning ±range SDs. Pixel ↔ SD mapping and choosing the two axes.
 */
export const PAD_RANGE = 3;

export interface PadSize {
  width: number;
  height: number;
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/** The SD coordinates under a pixel position inside the pad (clamped to the pad's range). */
export function padToSd(
  px: number,
  py: number,
  size: PadSize,
  range: number = PAD_RANGE,
): { x: number; y: number } {
  const w = Math.max(1, size.width);
  const h = Math.max(1, size.height);
  const x = ((clamp(px, 0, w) / w) * 2 - 1) * range;
  const y = (1 - (clamp(py, 0, h) / h) * 2) * range;
  return { x: x + 0, y: y + 0 };
}

/** Where SD coordinates sit in the pad, in pixels (clamped to the pad's edges). */
export function sdToPad(
  x: number,
  y: number,
  size: PadSize,
  range: number = PAD_RANGE,
): { px: number; py: number } {
  const cx = clamp(Number.isFinite(x) ? x : 0, -range, range);
  const cy = clamp(Number.isFinite(y) ? y : 0, -range, range);
  return {
    px: ((cx / range + 1) / 2) * size.width,
    py: ((1 - cy / range) / 2) * size.height,
  };
}

/** Both coordinates lie inside the pad (the dot is drawn hollow when one is clamped). */
export function insidePad(x: number, y: number, range: number = PAD_RANGE): boolean {
  // A point the keys stopped at the edge is read back through the principal directions, which are
  // orthonormal to about 1e-7 as the manifest stores them.
  const edge = range + 1e-6;
  return Math.abs(x) <= edge && Math.abs(y) <= edge;
}

export interface Axes {
  x: number;
  y: number;
}

/**
 * The axes after choosing `value` for one of them: choosing the other axis's direction swaps
 * the two, so the pad never shows one direction twice.
 */
export function chooseAxis(axes: Axes, which: 'x' | 'y', value: number): Axes {
  const other = which === 'x' ? 'y' : 'x';
  if (axes[other] === value) return { [which]: value, [other]: axes[which] } as unknown as Axes;
  return { ...axes, [which]: value };
}

/** Valid axes for a model with `count` directions (defaults 0 and 1, clamped and distinct). */
export function validAxes(axes: Axes, count: number): Axes {
  if (count < 2) return { x: 0, y: 0 };
  const ok = (v: number) => Number.isInteger(v) && v >= 0 && v < count;
  if (!ok(axes.x) || !ok(axes.y) || axes.x === axes.y) return { x: 0, y: 1 };
  return axes;
}
