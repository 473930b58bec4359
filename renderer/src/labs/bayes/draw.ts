/**
 * Draws the Bayesian lab's picture: data space (the data, the model's samples, the observed
 * point and where each answer decodes it back to) beside latent space (the exact posterior as a
 * heatmap, the encoder's Gaussian as 1σ and 2σ ellipses, the MCMC draws as dots, the MAP and
 * the bumps), over the prior's rings.
 */
import type { BayesView } from '../../../../preload/labs/bayes-types';
import type { Dataset } from '../../../../preload/labs/types';
import { COLORS, dataPanel, dots, label, panelFrame, polylines, priorRings, type Layers } from '../vae/draw';
import { ellipsePx, pxX, pxY, sidePanels, type Panel } from '../vae/picture';
import { drawRgba } from '../picture/canvas';
import { posteriorPixels } from './picture';

export const MARKS = {
  observed: '#ffffff',
  q: '#ff7ac8',
  mcmc: 'rgba(255, 214, 102, 0.75)',
  map: '#7cf2a0',
} as const;

export interface Show {
  heatmap: boolean;
  q: boolean;
  mcmc: boolean;
}

function cross(ctx: CanvasRenderingContext2D, x: number, y: number, r: number, color: string): void {
  ctx.strokeStyle = color;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(x - r, y);
  ctx.lineTo(x + r, y);
  ctx.moveTo(x, y - r);
  ctx.lineTo(x, y + r);
  ctx.stroke();
  ctx.lineWidth = 1;
}

function clipTo(ctx: CanvasRenderingContext2D, p: Panel): void {
  ctx.beginPath();
  ctx.rect(p.x, p.y, p.size, p.size);
  ctx.clip();
}

export function drawBayes(
  ctx: CanvasRenderingContext2D,
  layers: Layers,
  heat: HTMLCanvasElement,
  view: BayesView | null,
  data: Dataset,
  size: number,
  dpr: number,
  show: Show,
): void {
  const { data: dp, latent: lp } = sidePanels(size);
  ctx.clearRect(0, 0, size, dp.size);
  dataPanel(ctx, layers, data.points, dp, dpr, 'data space x — click a point');
  panelFrame(ctx, lp, 'latent space z');
  const post = view?.posterior ?? null;
  if (post && show.heatmap) {
    const { side } = post.grid;
    // the grid covers [-half, half]², the panel the same square
    const [x0, y0] = [pxX(lp, -post.grid.half), pxY(lp, post.grid.half)];
    const w = pxX(lp, post.grid.half) - x0;
    const image = { width: side, height: side, pixels: posteriorPixels(post.grid) };
    drawRgba(ctx, heat, image, { x: x0, y: y0, w, h: w }, true);
    label(ctx, lp, 'latent space z');
  }
  priorRings(ctx, lp);
  if (!view) return;

  ctx.save();
  clipTo(ctx, dp);
  if (view.manifold) {
    ctx.strokeStyle = 'rgba(255, 169, 77, 0.16)';
    polylines(ctx, dp, view.manifold.values, view.manifold.lines, view.manifold.steps);
  }
  dots(ctx, dp, view.samples, 'rgba(255, 169, 77, 0.5)', 1);
  if (post) {
    if (show.mcmc && post.decoded.mcmc) dots(ctx, dp, post.decoded.mcmc, MARKS.mcmc, 1);
    const [ox, oy] = [pxX(dp, post.observed[0]), pxY(dp, post.observed[1])];
    if (show.q) cross(ctx, pxX(dp, post.decoded.q[0]), pxY(dp, post.decoded.q[1]), 4, MARKS.q);
    cross(ctx, pxX(dp, post.decoded.map[0]), pxY(dp, post.decoded.map[1]), 4, MARKS.map);
    ctx.strokeStyle = MARKS.observed;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(ox, oy, 6, 0, 2 * Math.PI);
    ctx.stroke();
    ctx.lineWidth = 1;
  }
  ctx.restore();

  if (!post) {
    ctx.fillStyle = COLORS.label;
    ctx.font = '12px system-ui, sans-serif';
    ctx.fillText('Click a point on the left to ask', lp.x + 12, lp.y + lp.size / 2 - 8);
    ctx.fillText('where it came from.', lp.x + 12, lp.y + lp.size / 2 + 8);
    return;
  }
  ctx.save();
  clipTo(ctx, lp);
  if (show.mcmc && post.mcmc) dots(ctx, lp, post.mcmc.samples, MARKS.mcmc, 1);
  if (show.q) {
    ctx.strokeStyle = MARKS.q;
    ctx.lineWidth = 1.5;
    for (const k of [1, 2]) {
      const e = ellipsePx(lp, post.q.mean, post.q.sigma, k);
      ctx.setLineDash(k === 2 ? [4, 3] : []);
      ctx.beginPath();
      ctx.ellipse(e.cx, e.cy, e.rx, e.ry, 0, 0, 2 * Math.PI);
      ctx.stroke();
    }
    ctx.setLineDash([]);
    ctx.lineWidth = 1;
  }
  cross(ctx, pxX(lp, post.map[0]), pxY(lp, post.map[1]), 5, MARKS.map);
  ctx.strokeStyle = MARKS.observed;
  for (const [a, b] of post.peaks.slice(1)) {
    ctx.beginPath();
    ctx.arc(pxX(lp, a), pxY(lp, b), 7, 0, 2 * Math.PI);
    ctx.stroke();
  }
  ctx.restore();
}
