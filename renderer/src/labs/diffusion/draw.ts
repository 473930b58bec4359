/**
 * Draws the diffusion picture on a 2-D canvas: the data noised to step t, the learned score as
 * arrows, reverse trajectories as polylines fading in from noise to data, and the samples. Every
 * layer is a handful of paths, so a frame stays cheap.
 */
import type { DiffusionView } from '../../../../preload/labs/diffusion-view';
import { toPixel } from '../brush';
import { arrowSegments, fadeChunks } from './picture';

export const COLORS = {
  canvas: '#14141a',
  noised: 'rgba(190, 190, 204, 0.55)',
  arrow: 'rgba(120, 200, 255, 0.8)',
  trajectory: '255, 169, 77',
  sample: '#ffa94d',
} as const;

export interface DiffusionDrawOptions {
  arrows: boolean;
  trajectories: boolean;
  samples: boolean;
}

export function drawDiffusion(
  ctx: CanvasRenderingContext2D,
  view: DiffusionView | null,
  size: number,
  o: DiffusionDrawOptions,
): void {
  ctx.fillStyle = COLORS.canvas;
  ctx.fillRect(0, 0, size, size);
  if (!view) return;
  dots(ctx, view.noised, size, COLORS.noised, 2);
  if (o.arrows && view.arrowSide > 0) drawArrows(ctx, view, size);
  if (o.trajectories && view.particles > 0) drawTrajectories(ctx, view, size);
  if (o.samples) dots(ctx, view.samples, size, COLORS.sample, 2.5);
}

function dots(
  ctx: CanvasRenderingContext2D,
  pts: Float32Array,
  size: number,
  color: string,
  r: number,
): void {
  ctx.fillStyle = color;
  for (let i = 0; i + 1 < pts.length; i += 2) {
    const [x, y] = toPixel(pts[i]!, pts[i + 1]!, size);
    if (Number.isFinite(x) && Number.isFinite(y)) ctx.fillRect(x - r / 2, y - r / 2, r, r);
  }
}

function drawArrows(ctx: CanvasRenderingContext2D, view: DiffusionView, size: number): void {
  const seg = arrowSegments(view.arrowAt, view.arrowVec, view.arrowSide, size);
  ctx.strokeStyle = COLORS.arrow;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let i = 0; i < seg.length; i += 4) {
    const [x0, y0, x1, y1] = [seg[i]!, seg[i + 1]!, seg[i + 2]!, seg[i + 3]!];
    const len = Math.hypot(x1 - x0, y1 - y0);
    if (len < 0.5) continue;
    ctx.moveTo(x0, y0);
    ctx.lineTo(x1, y1);
    // A small head: two strokes back from the tip at ±25°.
    const head = Math.min(4, len * 0.4);
    const a = Math.atan2(y1 - y0, x1 - x0);
    for (const s of [-1, 1]) {
      ctx.moveTo(x1, y1);
      ctx.lineTo(x1 - head * Math.cos(a + s * 0.45), y1 - head * Math.sin(a + s * 0.45));
    }
  }
  ctx.stroke();
}

/** Each particle's path, one stroke per fade chunk for all particles together. */
function drawTrajectories(ctx: CanvasRenderingContext2D, view: DiffusionView, size: number): void {
  const stride = (view.steps + 1) * 2;
  ctx.lineWidth = 1;
  for (const chunk of fadeChunks(view.steps)) {
    ctx.strokeStyle = `rgba(${COLORS.trajectory}, ${chunk.alpha.toFixed(3)})`;
    ctx.beginPath();
    for (let p = 0; p < view.particles; p++) {
      for (let k = chunk.from; k <= chunk.to; k++) {
        const [x, y] = toPixel(
          view.trajectories[p * stride + 2 * k]!,
          view.trajectories[p * stride + 2 * k + 1]!,
          size,
        );
        if (k === chunk.from) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      }
    }
    ctx.stroke();
  }
}
