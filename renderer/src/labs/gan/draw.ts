/**
 * Draws the GAN picture on a 2-D canvas: D's belief as a small image scaled up, the real data
 * (pre-drawn once into its own layer), the manifold as polylines, the generated points and the
 * generator's gradient arrows. Each layer is one path or one image so a frame stays cheap.
 */
import type { GanView } from '../../../../preload/labs/gan-view';
import { drawnPoints, drawRgba, pointsLayer, type PointsLayer } from '../picture/canvas';
import { arrowSegments, belief, beliefCss, glyphGrid, heatmapPixels, toPxX, toPxY } from './picture';

export const COLORS = {
  canvas: '#18181c',
  real: 'rgba(190, 190, 204, 0.55)',
  fake: '#ffa94d',
  manifold: 'rgba(255, 169, 77, 0.38)',
  arrow: 'rgba(255, 122, 200, 0.9)',
} as const;

export interface Layers {
  /** Holds the heatmap (or the glyph grid) at its own resolution; scaled up when drawn. */
  heat: HTMLCanvasElement;
  /** The real points at the picture's size, redrawn only when the data or the size changes. */
  real: PointsLayer;
}

export function makeLayers(): Layers {
  return { heat: document.createElement('canvas'), real: pointsLayer() };
}

/** Redraws the real points' layer when the points, the size or the pixel ratio changed. */
export function updateRealLayer(layers: Layers, points: Float32Array, size: number, dpr: number): void {
  drawnPoints(layers.real, points, size, dpr, COLORS.real, (x, y) => [toPxX(x, size), toPxY(y, size)]);
}

export interface DrawOptions {
  heatmap: boolean;
  manifold: boolean;
  gradients: boolean;
}

/** The 2-D picture. `ctx` is already scaled to CSS pixels. */
export function drawPlane(
  ctx: CanvasRenderingContext2D,
  layers: Layers,
  view: GanView | null,
  size: number,
  opts: DrawOptions,
): void {
  ctx.fillStyle = COLORS.canvas;
  ctx.fillRect(0, 0, size, size);
  const hm = view?.heatmap;
  if (hm && opts.heatmap) {
    const image = { width: hm.side, height: hm.side, pixels: heatmapPixels(hm) };
    drawRgba(ctx, layers.heat, image, { x: 0, y: 0, w: size, h: size }, true);
  }
  ctx.drawImage(layers.real.canvas, 0, 0, size, size);
  if (!view) return;
  if (view.manifold && opts.manifold) drawManifold(ctx, view.manifold, size);
  ctx.fillStyle = COLORS.fake;
  const s = view.samples;
  for (let i = 0; i < view.count; i++) {
    const x = toPxX(s[2 * i]!, size);
    const y = toPxY(s[2 * i + 1]!, size);
    if (Number.isFinite(x) && Number.isFinite(y)) ctx.fillRect(x - 1.5, y - 1.5, 3, 3);
  }
  if (view.gradients && opts.gradients) drawArrows(ctx, arrowSegments(s, view.gradients, size));
}

function drawManifold(
  ctx: CanvasRenderingContext2D,
  m: NonNullable<GanView['manifold']>,
  size: number,
): void {
  ctx.strokeStyle = COLORS.manifold;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let l = 0; l < m.lines; l++) {
    let pen = false;
    for (let k = 0; k < m.points; k++) {
      const i = l * m.points + k;
      const x = toPxX(m.xy[2 * i]!, size);
      const y = toPxY(m.xy[2 * i + 1]!, size);
      if (!Number.isFinite(x) || !Number.isFinite(y)) {
        pen = false;
        continue;
      }
      if (pen) ctx.lineTo(x, y);
      else ctx.moveTo(x, y);
      pen = true;
    }
  }
  ctx.stroke();
}

function drawArrows(ctx: CanvasRenderingContext2D, seg: Float32Array): void {
  ctx.strokeStyle = COLORS.arrow;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let i = 0; i + 3 < seg.length; i += 4) {
    const [x0, y0, x1, y1] = [seg[i]!, seg[i + 1]!, seg[i + 2]!, seg[i + 3]!];
    const len = Math.hypot(x1 - x0, y1 - y0);
    if (!Number.isFinite(len) || len < 0.5) continue;
    ctx.moveTo(x0, y0);
    ctx.lineTo(x1, y1);
    // A small head: two strokes back from the tip at ±30°.
    const head = Math.min(4, len * 0.5);
    const a = Math.atan2(y1 - y0, x1 - x0);
    ctx.moveTo(x1, y1);
    ctx.lineTo(x1 - head * Math.cos(a - 0.5), y1 - head * Math.sin(a - 0.5));
    ctx.moveTo(x1, y1);
    ctx.lineTo(x1 - head * Math.cos(a + 0.5), y1 - head * Math.sin(a + 0.5));
  }
  ctx.stroke();
}

/**
 * Image mode: the generated glyphs in a grid, pixelated, each with a strip under it in the
 * colour of the discriminator's answer for it.
 */
export function drawGlyphs(
  ctx: CanvasRenderingContext2D,
  layers: Layers,
  view: GanView | null,
  size: number,
): void {
  ctx.fillStyle = COLORS.canvas;
  ctx.fillRect(0, 0, size, size);
  if (!view || !view.side) return;
  const grid = glyphGrid(view.samples, view.side, view.count, 8);
  const scale = size / Math.max(grid.width, grid.height);
  drawRgba(ctx, layers.heat, grid, { x: 0, y: 0, w: grid.width * scale, h: grid.height * scale }, false);
  const scores = view.scores;
  if (!scores) return;
  let min = Infinity;
  let max = -Infinity;
  for (const v of scores) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const kind = view.loss === 'nonsaturating' ? 'probability' : 'score';
  const tile = (view.side + 1) * scale;
  const strip = Math.max(2, scale * 0.8);
  for (let i = 0; i < view.count; i++) {
    ctx.fillStyle = beliefCss(belief(scores[i]!, { kind, min, max }), true);
    ctx.fillRect(
      (i % grid.cols) * tile,
      Math.floor(i / grid.cols) * tile + view.side * scale - strip,
      view.side * scale,
      strip,
    );
  }
}
