/**
 * Draws the VAE picture on a 2-D canvas. Points: data space (data, model samples, the decoder's
 * manifold, each shown point joined to its reconstruction) beside latent space (the prior's
 * circles and each point's posterior as a σ ellipse, or a μ ± σ bar on a 1-D latent); glyphs
 * are drawn by draw-images.ts. Each layer is one path or one cached image, so a frame stays cheap.
 */
import type { Dataset } from '../../../../preload/labs/types';
import type { VaePointsView } from '../../../../preload/labs/vae-types';
import { drawnPoints, pointsLayer, type PointsLayer } from '../picture/canvas';
import { ellipsePx, pointColor, pxX, pxY, sidePanels, type Panel } from './picture';

export const COLORS = {
  canvas: '#18181c',
  frame: 'rgba(255, 255, 255, 0.12)',
  data: 'rgba(190, 190, 204, 0.45)',
  sample: '#ffa94d',
  manifold: 'rgba(255, 169, 77, 0.35)',
  recon: 'rgba(255, 255, 255, 0.28)',
  prior: 'rgba(140, 170, 255, 0.35)',
  label: 'rgba(220, 220, 230, 0.6)',
} as const;

export interface Layers {
  /** The data points at the panel's size, redrawn only when the data or the size changes. */
  data: PointsLayer;
  /** Scratch canvases for image tiles (drawn at their pixel size, scaled up). */
  tiles: HTMLCanvasElement[];
}

export function makeLayers(): Layers {
  return {
    data: pointsLayer(),
    tiles: [0, 1, 2].map(() => document.createElement('canvas')),
  };
}

export interface Show {
  samples: boolean;
  manifold: boolean;
  recon: boolean;
}

/** A panel's background, frame and caption. */
export function panelFrame(ctx: CanvasRenderingContext2D, p: Panel, caption: string): void {
  ctx.fillStyle = COLORS.canvas;
  ctx.fillRect(p.x, p.y, p.size, p.size);
  ctx.strokeStyle = COLORS.frame;
  ctx.lineWidth = 1;
  ctx.strokeRect(p.x + 0.5, p.y + 0.5, p.size - 1, p.size - 1);
  label(ctx, p, caption);
}

/** A panel's caption in its top-left corner. */
export function label(ctx: CanvasRenderingContext2D, p: Panel, caption: string): void {
  ctx.fillStyle = COLORS.label;
  ctx.font = '11px system-ui, sans-serif';
  ctx.fillText(caption, p.x + 6, p.y + 14);
}

/** The data points' layer for a panel (cached until the points, the size or the pixel ratio change). */
export function dataLayer(layers: Layers, points: Float32Array, p: Panel, dpr: number): HTMLCanvasElement {
  const local = { ...p, x: 0, y: 0 };
  return drawnPoints(layers.data, points, p.size, dpr, COLORS.data, (x, y) => [pxX(local, x), pxY(local, y)]);
}

/** The data panel: its background, frame and caption, and the data points over them. */
export function dataPanel(
  ctx: CanvasRenderingContext2D,
  layers: Layers,
  points: Float32Array,
  p: Panel,
  dpr: number,
  caption: string,
): void {
  panelFrame(ctx, p, caption);
  ctx.drawImage(dataLayer(layers, points, p, dpr), p.x, p.y, p.size, p.size);
}

/** Circles at 1, 2 and 3 prior standard deviations (a dashed ring each) and the axes. */
export function priorRings(ctx: CanvasRenderingContext2D, p: Panel, oneD = false): void {
  ctx.strokeStyle = COLORS.prior;
  ctx.lineWidth = 1;
  ctx.setLineDash([3, 4]);
  ctx.beginPath();
  if (oneD) {
    for (const k of [-3, -2, -1, 1, 2, 3]) {
      ctx.moveTo(pxX(p, k), p.y + 18);
      ctx.lineTo(pxX(p, k), p.y + p.size);
    }
  } else {
    for (const k of [1, 2, 3]) {
      const e = ellipsePx(p, [0, 0], [k, k]);
      ctx.moveTo(e.cx + e.rx, e.cy);
      ctx.ellipse(e.cx, e.cy, e.rx, e.ry, 0, 0, 2 * Math.PI);
    }
  }
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.beginPath();
  ctx.moveTo(pxX(p, -p.half), pxY(p, 0));
  ctx.lineTo(pxX(p, p.half), pxY(p, 0));
  if (!oneD) {
    ctx.moveTo(pxX(p, 0), pxY(p, -p.half));
    ctx.lineTo(pxX(p, 0), pxY(p, p.half));
  }
  ctx.strokeStyle = COLORS.frame;
  ctx.stroke();
}

/** Polylines of `steps` points each from a flat x y array, in one path. */
export function polylines(
  ctx: CanvasRenderingContext2D,
  p: Panel,
  values: Float32Array,
  lines: number,
  steps: number,
): void {
  ctx.beginPath();
  for (let l = 0; l < lines; l++) {
    for (let s = 0; s < steps; s++) {
      const k = (l * steps + s) * 2;
      const x = pxX(p, values[k]!);
      const y = pxY(p, values[k + 1]!);
      if (s === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
  }
  ctx.stroke();
}

/** Small square dots in one colour. */
export function dots(
  ctx: CanvasRenderingContext2D,
  p: Panel,
  values: Float32Array,
  color: string,
  r = 1.5,
): void {
  ctx.fillStyle = color;
  for (let i = 0; i + 1 < values.length; i += 2)
    ctx.fillRect(pxX(p, values[i]!) - r, pxY(p, values[i + 1]!) - r, 2 * r, 2 * r);
}

export function drawPoints(
  ctx: CanvasRenderingContext2D,
  layers: Layers,
  view: VaePointsView | null,
  data: Dataset,
  size: number,
  dpr: number,
  show: Show,
): void {
  const { data: dp, latent: lp } = sidePanels(size);
  ctx.clearRect(0, 0, size, size);
  dataPanel(ctx, layers, data.points, dp, dpr, 'data space x');
  panelFrame(
    ctx,
    lp,
    view?.latentDim === 1 ? 'latent z (1-D), prior N(0, 1)' : 'latent space z, prior N(0, I)',
  );
  priorRings(ctx, lp, view?.latentDim === 1);
  if (!view) return;
  ctx.save();
  ctx.beginPath();
  ctx.rect(dp.x, dp.y, dp.size, dp.size);
  ctx.clip();
  if (show.manifold && view.manifold) {
    ctx.strokeStyle = COLORS.manifold;
    ctx.lineWidth = 1;
    polylines(ctx, dp, view.manifold.values, view.manifold.lines, view.manifold.steps);
  }
  if (show.samples) dots(ctx, dp, view.samples, COLORS.sample, 1.2);
  const post = view.posteriors;
  if (show.recon) {
    ctx.strokeStyle = COLORS.recon;
    ctx.beginPath();
    for (let i = 0; i < post.count; i++) {
      ctx.moveTo(pxX(dp, post.x[2 * i]!), pxY(dp, post.x[2 * i + 1]!));
      ctx.lineTo(pxX(dp, post.recon[2 * i]!), pxY(dp, post.recon[2 * i + 1]!));
    }
    ctx.stroke();
    dots(ctx, dp, post.recon, 'rgba(255, 255, 255, 0.75)', 1);
  }
  for (let i = 0; i < post.count; i++) {
    ctx.fillStyle = pointColor(post.x[2 * i]!, post.x[2 * i + 1]!);
    ctx.fillRect(pxX(dp, post.x[2 * i]!) - 2, pxY(dp, post.x[2 * i + 1]!) - 2, 4, 4);
  }
  ctx.restore();
  ctx.save();
  ctx.beginPath();
  ctx.rect(lp.x, lp.y, lp.size, lp.size);
  ctx.clip();
  drawPosteriors(ctx, lp, view);
  ctx.restore();
}

/** Each shown point's q(z|x): a 1σ ellipse (2-D) or a μ ± σ bar stacked by point (1-D). */
function drawPosteriors(ctx: CanvasRenderingContext2D, p: Panel, view: VaePointsView): void {
  const post = view.posteriors;
  const L = view.latentDim;
  ctx.lineWidth = 1;
  for (let i = 0; i < post.count; i++) {
    const color = pointColor(post.x[2 * i]!, post.x[2 * i + 1]!);
    ctx.strokeStyle = color;
    ctx.fillStyle = color;
    ctx.globalAlpha = 0.55;
    if (L === 1) {
      const y = p.y + 22 + ((p.size - 28) * (i + 0.5)) / Math.max(1, post.count);
      const mu = post.mu[i]!;
      const s = post.sigma[i]!;
      ctx.beginPath();
      ctx.moveTo(pxX(p, mu - s), y);
      ctx.lineTo(pxX(p, mu + s), y);
      ctx.stroke();
      ctx.globalAlpha = 1;
      ctx.fillRect(pxX(p, mu) - 1.5, y - 1.5, 3, 3);
    } else {
      const e = ellipsePx(
        p,
        [post.mu[2 * i]!, post.mu[2 * i + 1]!],
        [post.sigma[2 * i]!, post.sigma[2 * i + 1]!],
      );
      ctx.beginPath();
      ctx.ellipse(e.cx, e.cy, e.rx, e.ry, 0, 0, 2 * Math.PI);
      ctx.stroke();
      ctx.globalAlpha = 1;
      ctx.fillRect(e.cx - 1.5, e.cy - 1.5, 3, 3);
    }
  }
  ctx.globalAlpha = 1;
}
