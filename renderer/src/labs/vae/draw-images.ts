/**
 * Draws the VAE's glyph picture: training glyphs over their reconstructions, decoded prior
 * samples, and the decoded latent grid or where the encoder puts each glyph. Tiles are drawn at
 * their pixel size into scratch canvases and scaled up with smoothing off.
 */
import type { VaeImagesView } from '../../../../preload/labs/vae-types';
import { drawRgba, type Rgba } from '../picture/canvas';
import { COLORS, panelFrame, priorRings, type Layers } from './draw';
import { imageLayout, pxX, pxY, tilePixels, type Panel } from './picture';

/** Draws RGBA tiles into `scratch` and scales them onto the canvas, pixels kept sharp. */
function tiles(
  ctx: CanvasRenderingContext2D,
  scratch: HTMLCanvasElement,
  t: Rgba,
  x: number,
  y: number,
  w: number,
  h: number,
): void {
  drawRgba(ctx, scratch, t, { x, y, w, h }, false);
}

export function drawImages(
  ctx: CanvasRenderingContext2D,
  layers: Layers,
  view: VaeImagesView | null,
  size: number,
  right: 'grid' | 'scatter',
): void {
  const lay = imageLayout(size);
  ctx.clearRect(0, 0, size, lay.height);
  panelFrame(ctx, lay.left, '');
  panelFrame(ctx, lay.right, '');
  if (!view) return;
  const pairs = new Float32Array([...view.originals, ...view.recons]);
  const strip = tilePixels(pairs, view.side, 2 * view.pairs, view.pairs);
  tiles(ctx, layers.tiles[0]!, strip, lay.strip.x, lay.strip.y, lay.strip.width, lay.strip.height);
  const inset = (p: Panel) => ({ x: p.x + 4, y: p.y + 4, w: p.size - 8 });
  const l = inset(lay.left);
  tiles(
    ctx,
    layers.tiles[1]!,
    tilePixels(view.samples, view.side, view.sampleCount, view.gridSide),
    l.x,
    l.y,
    l.w,
    l.w,
  );
  if (right === 'grid' && view.latentGrid) {
    const r = inset(lay.right);
    tiles(
      ctx,
      layers.tiles[2]!,
      tilePixels(view.latentGrid, view.side, view.gridSide ** 2, view.gridSide),
      r.x,
      r.y,
      r.w,
      r.w,
    );
    return;
  }
  const p = lay.right;
  priorRings(ctx, p, view.latent.dims === 1);
  const lat = view.latent;
  ctx.fillStyle = COLORS.sample;
  for (let i = 0; i < lat.count; i++) {
    const x = lat.mu[i * lat.dims]!;
    const y = lat.dims === 2 ? lat.mu[i * 2 + 1]! : -3.5 + (7 * (i + 0.5)) / lat.count;
    ctx.fillRect(pxX(p, x) - 1.5, pxY(p, y) - 1.5, 3, 3);
  }
}
