/**
 * The board: the images placed on it (library generation ids with position and scale, in board
 * coordinates), where new ones go, re-gridding, bounds, and the localStorage form. Pure.
 */

export interface BoardItem {
  id: string;
  x: number;
  y: number;
  /** Board units per image pixel. */
  scale: number;
  /** The image's own size in pixels. */
  width: number;
  height: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A board cell's side (board units): small images are enlarged to it, large ones shrunk. */
export const CELL = 192;
export const GAP = 16;
export const PITCH = CELL + GAP;
export const COLUMNS = 4;

/** The scale that shows an image of this size in one cell (whole multiples when enlarging, so pixels stay square). */
export function cellScale(width: number, height: number): number {
  const side = Math.max(1, width, height);
  if (side <= CELL) return Math.max(1, Math.floor(CELL / side));
  return CELL / side;
}

export function slotRect(index: number, columns = COLUMNS): Rect {
  return { x: (index % columns) * PITCH, y: Math.floor(index / columns) * PITCH, width: CELL, height: CELL };
}

export function itemRect(item: BoardItem): Rect {
  return { x: item.x, y: item.y, width: item.width * item.scale, height: item.height * item.scale };
}

const overlaps = (a: Rect, b: Rect): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The first `count` grid cells that nothing on the board (or reserved) overlaps, in reading order. */
export function freeSlots(taken: readonly Rect[], count: number, columns = COLUMNS): Rect[] {
  const out: Rect[] = [];
  const busy = [...taken];
  for (let i = 0; out.length < count && i < 10_000; i++) {
    const r = slotRect(i, columns);
    if (busy.some((t) => overlaps(t, r))) continue;
    out.push(r);
    busy.push(r);
  }
  return out;
}

/** An image placed in a cell, centred, at the cell's scale. */
export function placeInCell(id: string, width: number, height: number, cell: Rect): BoardItem {
  const scale = cellScale(width, height);
  return {
    id,
    width,
    height,
    scale,
    x: cell.x + Math.round((cell.width - width * scale) / 2),
    y: cell.y + Math.round((cell.height - height * scale) / 2),
  };
}

/** Every item back in the grid, in board order, at its cell's scale. */
export function arrange(items: readonly BoardItem[], columns = COLUMNS): BoardItem[] {
  return items.map((it, i) => placeInCell(it.id, it.width, it.height, slotRect(i, columns)));
}

/** The smallest rectangle holding every rectangle (null when there are none). */
export function bounds(rects: readonly Rect[]): Rect | null {
  if (rects.length === 0) return null;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const r of rects) {
    x0 = Math.min(x0, r.x);
    y0 = Math.min(y0, r.y);
    x1 = Math.max(x1, r.x + r.width);
    y1 = Math.max(y1, r.y + r.height);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** The board with `item` added (replacing an item with the same id). */
export function withItem(items: readonly BoardItem[], item: BoardItem): BoardItem[] {
  const i = items.findIndex((it) => it.id === item.id);
  if (i < 0) return [...items, item];
  const next = [...items];
  next[i] = item;
  return next;
}

export function withoutItem(items: readonly BoardItem[], id: string): BoardItem[] {
  return items.filter((it) => it.id !== id);
}

/** The item moved or scaled (size kept; a scale that is not positive and finite is ignored). */
export function moved(
  items: readonly BoardItem[],
  id: string,
  x: number,
  y: number,
  scale?: number,
): BoardItem[] {
  return items.map((it) =>
    it.id !== id
      ? it
      : {
          ...it,
          x: Number.isFinite(x) ? x : it.x,
          y: Number.isFinite(y) ? y : it.y,
          scale: scale !== undefined && Number.isFinite(scale) && scale > 0 ? scale : it.scale,
        },
  );
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const ID = /^[a-f0-9-]{8,64}$/;

/** A stored board read back: only well-formed items, each id once. */
export function parseBoard(raw: unknown): BoardItem[] {
  const list = typeof raw === 'object' && raw !== null ? (raw as { items?: unknown }).items : undefined;
  if (!Array.isArray(list)) return [];
  const seen = new Set<string>();
  const out: BoardItem[] = [];
  for (const v of list) {
    if (typeof v !== 'object' || v === null) continue;
    const r = v as Record<string, unknown>;
    if (typeof r.id !== 'string' || !ID.test(r.id) || seen.has(r.id)) continue;
    if (!finite(r.x) || !finite(r.y) || !finite(r.scale) || r.scale <= 0) continue;
    if (!finite(r.width) || !finite(r.height) || r.width < 1 || r.height < 1) continue;
    seen.add(r.id);
    out.push({ id: r.id, x: r.x, y: r.y, scale: r.scale, width: r.width, height: r.height });
  }
  return out;
}

export function serializeBoard(items: readonly BoardItem[]): { version: 1; items: BoardItem[] } {
  return { version: 1, items: [...items] };
}
