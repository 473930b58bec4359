/**
 * The VAE picture's pure parts (shared with the Bayesian lab's picture): two square panels side
 * by side — data space and latent space — and the mapping of values to canvas pixels in each,
 * posterior ellipses, a colour per data point that ties the two panels together, the image
 * tiles' pixels and the ELBO readout's numbers.
 */
import { PLANE } from '../../../../preload/labs/data';
import type { Rgba } from '../picture/canvas';
import { tileImages } from '../picture/tiles';

/** The latent panel shows [-LATENT_SPAN, LATENT_SPAN]²: ±4 prior standard deviations. */
export const LATENT_SPAN = 4;

/** A square panel at (x, y) of `size` CSS px showing [-half, half]² (y up). */
export interface Panel {
  x: number;
  y: number;
  size: number;
  half: number;
}

export const GAP = 8;

/** Data space on the left, latent space on the right, each (size − GAP) / 2 wide. */
export function sidePanels(size: number): { data: Panel; latent: Panel; height: number } {
  const side = Math.max(1, Math.floor((size - GAP) / 2));
  return {
    data: { x: 0, y: 0, size: side, half: PLANE },
    latent: { x: side + GAP, y: 0, size: side, half: LATENT_SPAN },
    height: side,
  };
}

export function pxX(p: Panel, v: number): number {
  return p.x + ((v + p.half) / (2 * p.half)) * p.size;
}

export function pxY(p: Panel, v: number): number {
  return p.y + ((p.half - v) / (2 * p.half)) * p.size;
}

/** Canvas px → panel values, or null outside the panel. */
export function toValue(p: Panel, cx: number, cy: number): [number, number] | null {
  if (cx < p.x || cy < p.y || cx > p.x + p.size || cy > p.y + p.size) return null;
  return [((cx - p.x) / p.size) * 2 * p.half - p.half, p.half - ((cy - p.y) / p.size) * 2 * p.half];
}

/** A k-σ ellipse of a diagonal Gaussian in panel px. */
export function ellipsePx(
  p: Panel,
  mean: readonly [number, number],
  sigma: readonly [number, number],
  k = 1,
): { cx: number; cy: number; rx: number; ry: number } {
  const scale = p.size / (2 * p.half);
  return {
    cx: pxX(p, mean[0]),
    cy: pxY(p, mean[1]),
    rx: Math.max(0.5, k * sigma[0] * scale),
    ry: Math.max(0.5, k * sigma[1] * scale),
  };
}

/**
 * A colour for a data point from where it lies on the plane (hue = its angle around the
 * centre, lightness from its distance), so a point and its posterior share a colour.
 */
export function pointColor(x: number, y: number): string {
  const hue = Math.round(((Math.atan2(y, x) * 180) / Math.PI + 360) % 360);
  const r = Math.min(1, Math.hypot(x, y) / PLANE);
  return `hsl(${hue}, 70%, ${Math.round(72 - 22 * r)}%)`;
}

/** RGBA of `count` images (side², values in [0, 1], 1 = ink) tiled `cols` wide with a 1 px gap. */
export function tilePixels(values: Float32Array, side: number, count: number, cols: number): Rgba {
  return tileImages(values, side, count, cols, (t) => {
    const g = Math.round(24 + (232 - 24) * t);
    return [g, g, Math.min(255, g + 6)];
  });
}

/** The image mode's layout: a strip of originals over reconstructions, then two square panels. */
export function imageLayout(size: number): {
  strip: { x: number; y: number; width: number; height: number };
  left: Panel;
  right: Panel;
  height: number;
} {
  const panels = sidePanels(size);
  const stripHeight = Math.round(((size - GAP) / 8) * 2);
  const shift = (p: Panel): Panel => ({ ...p, y: stripHeight + GAP });
  return {
    strip: { x: 0, y: 0, width: size, height: stripHeight },
    left: shift(panels.data),
    right: shift(panels.latent),
    height: stripHeight + GAP + panels.height,
  };
}

export interface ElboReadout {
  recon: number;
  kl: number;
  elbo: number;
  logMarginal: number | null;
  gap: number | null;
}

/** The ELBO's parts from the metrics (null until measured). */
export function elboReadout(metrics: Record<string, number> | null): ElboReadout | null {
  if (!metrics || !Number.isFinite(metrics.elbo)) return null;
  const finite = (v: number | undefined): number | null => (v !== undefined && Number.isFinite(v) ? v : null);
  return {
    recon: metrics.recon ?? NaN,
    kl: metrics.kl ?? NaN,
    elbo: metrics.elbo!,
    logMarginal: finite(metrics.logMarginal),
    gap: finite(metrics.gap),
  };
}

/** Nats to a short string ("−1.23"), a real minus sign. */
export function nats(v: number | null | undefined, digits = 2): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  return v.toFixed(digits).replace('-', '−');
}
