/**
 * Draws the flow picture on a 2-D canvas: log p as a small image scaled up, the data (pre-drawn
 * once into its own layer), the base grid carried to the shown layer as one path, the samples at
 * that layer, and the probe's crosshair. Each layer is one path or one image, so a frame is cheap.
 */
import type { FlowView } from '../../../../preload/labs/flow-view';
import { stageAt } from '../../../../preload/labs/flow-view';
import { toPixel } from '../brush';
import { drawnPoints, drawRgba, pointsLayer, type PointsLayer } from '../picture/canvas';
import { heatmapPixels } from './picture';

export const COLORS = {
  canvas: '#14141a',
  data: 'rgba(200, 200, 214, 0.6)',
  grid: 'rgba(140, 220, 255, 0.45)',
  gridAxis: 'rgba(140, 220, 255, 0.85)',
  sample: '#ffa94d',
  probe: '#ffffff',
} as const;

export interface Layers {
  heat: HTMLCanvasElement;
  pixels: Uint8ClampedArray | null;
  data: PointsLayer;
}

export function makeLayers(): Layers {
  return { heat: document.createElement('canvas'), pixels: null, data: pointsLayer() };
}

/** Redraws the data layer only when the points, the size or the pixel ratio changed. */
export function updateDataLayer(layers: Layers, points: Float32Array, size: number, dpr: number): void {
  drawnPoints(layers.data, points, size, dpr, COLORS.data, (x, y) => toPixel(x, y, size));
}

export interface FlowDrawOptions {
  heatmap: boolean;
  grid: boolean;
  samples: boolean;
  /** The layer to show the grid and samples at (may differ from the view's while sweeping). */
  layer: number;
  probe: [number, number] | null;
}

/** The whole picture. `ctx` is already scaled to CSS pixels. */
export function drawFlow(
  ctx: CanvasRenderingContext2D,
  layers: Layers,
  view: FlowView | null,
  size: number,
  o: FlowDrawOptions,
): void {
  ctx.fillStyle = COLORS.canvas;
  ctx.fillRect(0, 0, size, size);
  if (view && o.heatmap) drawHeatmap(ctx, layers, view, size);
  ctx.drawImage(layers.data.canvas, 0, 0, size, size);
  if (!view) return;
  if (o.grid) drawGrid(ctx, view, o.layer, size);
  if (o.samples && view.sampleCount > 0) {
    const pts = stageAt(view.sampleStages, view.sampleCount * 2, o.layer);
    ctx.fillStyle = COLORS.sample;
    for (let i = 0; i + 1 < pts.length; i += 2) {
      const [x, y] = toPixel(pts[i]!, pts[i + 1]!, size);
      if (Number.isFinite(x) && Number.isFinite(y)) ctx.fillRect(x - 1.25, y - 1.25, 2.5, 2.5);
    }
  }
  if (o.probe) {
    const [x, y] = toPixel(o.probe[0], o.probe[1], size);
    ctx.strokeStyle = COLORS.probe;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.arc(x, y, 6, 0, 2 * Math.PI);
    ctx.moveTo(x - 10, y);
    ctx.lineTo(x - 3, y);
    ctx.moveTo(x + 3, y);
    ctx.lineTo(x + 10, y);
    ctx.moveTo(x, y - 10);
    ctx.lineTo(x, y - 3);
    ctx.moveTo(x, y + 3);
    ctx.lineTo(x, y + 10);
    ctx.stroke();
  }
}

function drawHeatmap(ctx: CanvasRenderingContext2D, layers: Layers, view: FlowView, size: number): void {
  layers.pixels = heatmapPixels(view.logDensity, view.max, layers.pixels ?? undefined);
  const image = {
    width: view.side,
    height: view.side,
    pixels: layers.pixels as Uint8ClampedArray<ArrayBuffer>,
  };
  drawRgba(ctx, layers.heat, image, { x: 0, y: 0, w: size, h: size }, true);
}

/** The base grid's lines at `layer`: thin lines, the two axes (z₁ = 0, z₂ = 0) brighter. */
function drawGrid(ctx: CanvasRenderingContext2D, view: FlowView, layer: number, size: number): void {
  const per = view.gridPoints * 2;
  const pts = stageAt(view.gridStages, view.gridLines * per, layer);
  const axes = new Set([(view.gridLines / 2 - 1) / 2, view.gridLines / 2 + (view.gridLines / 2 - 1) / 2]);
  for (const axis of [false, true]) {
    ctx.strokeStyle = axis ? COLORS.gridAxis : COLORS.grid;
    ctx.lineWidth = axis ? 1.4 : 0.8;
    ctx.beginPath();
    for (let l = 0; l < view.gridLines; l++) {
      if (axes.has(l) !== axis) continue;
      for (let p = 0; p < view.gridPoints; p++) {
        const [x, y] = toPixel(pts[l * per + 2 * p]!, pts[l * per + 2 * p + 1]!, size);
        if (p === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      }
    }
    ctx.stroke();
  }
}
