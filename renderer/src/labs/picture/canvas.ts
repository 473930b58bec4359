/**
 * Canvas set-up every lab's picture shares: a canvas sized for the screen's pixel ratio, RGBA
 * images drawn scaled through a scratch canvas, and a layer of points drawn once and reused.
 */

/** Sizes `canvas` to width×height CSS pixels at the screen's pixel ratio (1× to 3×, so hi-DPI
 * screens stay sharp without huge canvases) and returns its context scaled to CSS pixels. */
export function hiDpiContext(
  canvas: HTMLCanvasElement | null,
  width: number,
  height = width,
): { ctx: CanvasRenderingContext2D; dpr: number } | null {
  const ctx = canvas?.getContext('2d');
  if (!canvas || !ctx) return null;
  const dpr = Math.max(1, Math.min(3, window.devicePixelRatio || 1));
  const [w, h] = [Math.round(width * dpr), Math.round(height * dpr)];
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
  }
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return { ctx, dpr };
}

export interface Rgba {
  width: number;
  height: number;
  pixels: Uint8ClampedArray<ArrayBuffer>;
}

/**
 * Puts `image` into `scratch` at its own resolution and draws it scaled into the box x, y, w, h:
 * smoothed (heatmaps) or with its pixels kept sharp (glyphs).
 */
export function drawRgba(
  ctx: CanvasRenderingContext2D,
  scratch: HTMLCanvasElement,
  image: Rgba,
  box: { x: number; y: number; w: number; h: number },
  smooth: boolean,
): void {
  if (scratch.width !== image.width || scratch.height !== image.height) {
    scratch.width = image.width;
    scratch.height = image.height;
  }
  const sctx = scratch.getContext('2d');
  if (!sctx) return;
  sctx.putImageData(new ImageData(image.pixels, image.width, image.height), 0, 0);
  ctx.imageSmoothingEnabled = smooth;
  ctx.drawImage(scratch, box.x, box.y, box.w, box.h);
  ctx.imageSmoothingEnabled = true;
}

/** Points pre-drawn into their own canvas, redrawn only when what they depend on changes. */
export interface PointsLayer {
  canvas: HTMLCanvasElement;
  key: unknown[];
}

export function pointsLayer(): PointsLayer {
  return { canvas: document.createElement('canvas'), key: [] };
}

/**
 * The layer with `points` (x y pairs) as 2 px dots on a size×size square, `toPx` placing each;
 * redrawn only when the points, the size or the pixel ratio changed.
 */
export function drawnPoints(
  layer: PointsLayer,
  points: Float32Array,
  size: number,
  dpr: number,
  color: string,
  toPx: (x: number, y: number) => [number, number],
): HTMLCanvasElement {
  const key = [points, size, dpr];
  if (key.every((k, i) => layer.key[i] === k)) return layer.canvas;
  layer.key = key;
  const c = layer.canvas;
  c.width = Math.round(size * dpr);
  c.height = Math.round(size * dpr);
  const ctx = c.getContext('2d');
  if (!ctx) return c;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, size, size);
  ctx.fillStyle = color;
  for (let i = 0; i + 1 < points.length; i += 2) {
    const [x, y] = toPx(points[i]!, points[i + 1]!);
    if (Number.isFinite(x) && Number.isFinite(y)) ctx.fillRect(x - 1, y - 1, 2, 2);
  }
  return c;
}
