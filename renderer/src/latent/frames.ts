/**
 * What each Konva stage paints, as pure layouts of decoded tiles: the main view (one image,
 * centred on a frame that only grows while the view stays the same, so a drag does not make
 * the text jump in size; or a texture tile repeated 3×3), and the neighbourhood grid (cells
 * with gaps, each image centred in its cell: glyph images vary in width).
 */
import type { PixelImage } from '../../../preload/contract';
import { cellRect, gridSize, GRID_GAP, type CellLayout } from './grid';

export interface PixelTile {
  image: PixelImage;
  /** Where the tile goes in the frame, in image pixels. */
  x: number;
  y: number;
}

export interface Fill {
  x: number;
  y: number;
  width: number;
  height: number;
  color: string;
}

export interface PixelFrame {
  width: number;
  height: number;
  /** Fill behind everything (the gaps of a grid), or none. */
  background?: string;
  /** Rectangles filled before the tiles are written (paper behind narrower glyph images). */
  fills?: Fill[];
  tiles: PixelTile[];
}

export const TILE_REPEAT = 3;
/** Paper behind ink images (they are drawn dark on white). */
export const PAPER = '#ffffff';

/** The same tile `repeat` × `repeat` times edge to edge (seams would show). */
export function tileFrame(image: PixelImage, repeat = 1): PixelFrame {
  const n = Math.max(1, Math.floor(repeat));
  const tiles: PixelTile[] = [];
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) tiles.push({ image, x: col * image.width, y: row * image.height });
  }
  return { width: image.width * n, height: image.height * n, tiles };
}

export interface StickySize {
  key: string;
  width: number;
  height: number;
}

/** The frame size for an image: grows to fit, never shrinks while `key` (the view) is the same. */
export function stickySize(prev: StickySize | null, key: string, image: PixelImage): StickySize {
  if (!prev || prev.key !== key) return { key, width: image.width, height: image.height };
  if (image.width <= prev.width && image.height <= prev.height) return prev;
  return { key, width: Math.max(prev.width, image.width), height: Math.max(prev.height, image.height) };
}

/** One image centred on a frame of at least `size`, the margin filled with `paper`. */
export function centredFrame(
  image: PixelImage,
  size: { width: number; height: number },
  paper: string,
): PixelFrame {
  const width = Math.max(size.width, image.width);
  const height = Math.max(size.height, image.height);
  const x = Math.floor((width - image.width) / 2);
  const y = Math.floor((height - image.height) / 2);
  const framed = width !== image.width || height !== image.height;
  return {
    width,
    height,
    ...(framed ? { fills: [{ x: 0, y: 0, width, height, color: paper }] } : {}),
    tiles: [{ image, x, y }],
  };
}

/** The grid's cell layout: cells as large as the largest image, cols × rows. */
export function gridLayout(images: readonly PixelImage[], cols: number): CellLayout | null {
  if (images.length === 0) return null;
  return {
    cols,
    rows: Math.ceil(images.length / cols),
    cellWidth: Math.max(...images.map((i) => i.width)),
    cellHeight: Math.max(...images.map((i) => i.height)),
    gap: GRID_GAP,
  };
}

/** The grid image: gaps in `background`, cells in `paper` (if any), each image centred in its cell. */
export function gridFrame(
  images: readonly PixelImage[],
  layout: CellLayout,
  background: string,
  paper?: string,
): PixelFrame {
  const { width, height } = gridSize(layout);
  const rects = images.map((_, i) => cellRect(layout, i));
  return {
    width,
    height,
    background,
    ...(paper ? { fills: rects.map((r) => ({ ...r, color: paper })) } : {}),
    tiles: images.map((image, i) => {
      const r = rects[i]!;
      return {
        image,
        x: r.x + Math.floor((r.width - image.width) / 2),
        y: r.y + Math.floor((r.height - image.height) / 2),
      };
    }),
  };
}
