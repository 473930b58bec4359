/**
 * Pure view math for the canvas viewport: a view is a uniform scale plus a translation that maps
 * content coordinates to screen (stage) coordinates: screen = content * scale + (x, y).
 */
export interface View {
  scale: number;
  x: number;
  y: number;
}
export interface Size {
  width: number;
  height: number;
}
export interface Point {
  x: number;
  y: number;
}

export const MIN_SCALE = 0.02;
export const MAX_SCALE = 32;
/** Fit never enlarges beyond this, so tiny content does not turn into a blur. */
export const MAX_FIT_SCALE = 8;
export const FIT_PADDING = 24;
/** Multiplier for one zoom step (buttons, keyboard). */
export const ZOOM_STEP = 1.25;

export const IDENTITY_VIEW: View = { scale: 1, x: 0, y: 0 };

export function clampScale(scale: number, min = MIN_SCALE, max = MAX_SCALE): number {
  if (!Number.isFinite(scale)) return 1;
  return Math.min(max, Math.max(min, scale));
}

/** Content coordinates of a screen point. */
export function toContent(view: View, p: Point): Point {
  return { x: (p.x - view.x) / view.scale, y: (p.y - view.y) / view.scale };
}

/** Screen coordinates of a content point. */
export function toScreen(view: View, p: Point): Point {
  return { x: p.x * view.scale + view.x, y: p.y * view.scale + view.y };
}

/** Zooms to `nextScale` keeping the content point under `anchor` (screen coordinates) in place. */
export function zoomAt(view: View, anchor: Point, nextScale: number): View {
  const scale = clampScale(nextScale);
  const c = toContent(view, anchor);
  return { scale, x: anchor.x - c.x * scale, y: anchor.y - c.y * scale };
}

/**
 * The scale after one wheel event. Exponential in the delta, so trackpads (many small deltas) and
 * mouse wheels (few large ones) feel alike; one notch (about 100 px) is about ×1.16.
 */
export function wheelScale(scale: number, deltaY: number, deltaMode = 0): number {
  const pixels = deltaMode === 1 ? deltaY * 16 : deltaMode === 2 ? deltaY * 400 : deltaY;
  const limited = Math.max(-300, Math.min(300, pixels));
  return clampScale(scale * Math.exp(-limited * 0.0015));
}

/** The view after a wheel event at `pointer`. */
export function zoomByWheel(view: View, pointer: Point, deltaY: number, deltaMode = 0): View {
  return zoomAt(view, pointer, wheelScale(view.scale, deltaY, deltaMode));
}

/** The view that shows all of `content` centred in `viewport`, with padding around it. */
export function fitView(
  viewport: Size,
  content: Size,
  padding = FIT_PADDING,
  maxScale = MAX_FIT_SCALE,
): View {
  if (viewport.width <= 0 || viewport.height <= 0 || content.width <= 0 || content.height <= 0) {
    return IDENTITY_VIEW;
  }
  const availW = Math.max(1, viewport.width - 2 * padding);
  const availH = Math.max(1, viewport.height - 2 * padding);
  const scale = clampScale(Math.min(availW / content.width, availH / content.height, maxScale));
  return centreAt(viewport, content, scale);
}

/** The view with `content` centred in `viewport` at `scale`. */
export function centreAt(viewport: Size, content: Size, scale: number): View {
  const s = clampScale(scale);
  return {
    scale: s,
    x: (viewport.width - content.width * s) / 2,
    y: (viewport.height - content.height * s) / 2,
  };
}

/** One zoom step in (`direction` 1) or out (-1) around the viewport's centre. */
export function zoomStep(view: View, viewport: Size, direction: 1 | -1): View {
  const factor = direction > 0 ? ZOOM_STEP : 1 / ZOOM_STEP;
  return zoomAt(view, { x: viewport.width / 2, y: viewport.height / 2 }, view.scale * factor);
}

/** Moves the view by a screen-space offset. */
export function panBy(view: View, dx: number, dy: number): View {
  return { ...view, x: view.x + dx, y: view.y + dy };
}

/** "100%", "33%", "1600%"; below 1 % one decimal so tiny zooms do not read "0%". */
export function formatZoom(scale: number): string {
  const pct = scale * 100;
  if (pct < 1) return `${pct.toFixed(1)}%`;
  return `${Math.round(pct)}%`;
}
