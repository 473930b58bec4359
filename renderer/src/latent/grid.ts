/**
 * The neighbourhood grid: size × size points around the current one along the pad's two
 * directions, row 0 on top (+y, like the pad), column 0 on the left (−x). Also the layout of
 * the cells in the grid's image, and which cell a click hits.
 */
import { offsetAlong, type Pca, type Vec } from '../../../preload/latent';

export const GRID_SIZE = 5;
export const GRID_STEPS = [0.25, 0.5, 1, 1.5] as const;
export const DEFAULT_GRID_STEP = 0.5;
/** Pixels between cells in the grid's image. */
export const GRID_GAP = 4;

/** [dx, dy] in SDs per cell, row-major: top-left first, centre cell (0, 0). */
export function gridOffsets(step: number, size: number = GRID_SIZE): [number, number][] {
  const half = (size - 1) / 2;
  const out: [number, number][] = [];
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) out.push([(col - half) * step, (half - row) * step]);
  }
  return out;
}

/** The grid's points around `point` along directions `axisX` and `axisY`. */
export function gridPoints(
  pca: Pca,
  point: Vec,
  axisX: number,
  axisY: number,
  step: number,
  size: number = GRID_SIZE,
): number[][] {
  return gridOffsets(step, size).map(([dx, dy]) =>
    offsetAlong(pca, point, [
      [axisX, dx],
      [axisY, dy],
    ]),
  );
}

export interface CellLayout {
  cols: number;
  rows: number;
  cellWidth: number;
  cellHeight: number;
  gap: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The whole grid image's size: cells with gaps between and around them. */
export function gridSize(l: CellLayout): { width: number; height: number } {
  return {
    width: l.cols * l.cellWidth + (l.cols + 1) * l.gap,
    height: l.rows * l.cellHeight + (l.rows + 1) * l.gap,
  };
}

export function cellRect(l: CellLayout, index: number): Rect {
  const col = index % l.cols;
  const row = Math.floor(index / l.cols);
  return {
    x: l.gap + col * (l.cellWidth + l.gap),
    y: l.gap + row * (l.cellHeight + l.gap),
    width: l.cellWidth,
    height: l.cellHeight,
  };
}

/** The cell under (x, y) in image pixels, or null on a gap or outside. */
export function cellAt(l: CellLayout, x: number, y: number): number | null {
  const pitchX = l.cellWidth + l.gap;
  const pitchY = l.cellHeight + l.gap;
  const col = Math.floor((x - l.gap) / pitchX);
  const row = Math.floor((y - l.gap) / pitchY);
  if (col < 0 || row < 0 || col >= l.cols || row >= l.rows) return null;
  const inX = x - l.gap - col * pitchX;
  const inY = y - l.gap - row * pitchY;
  if (inX >= l.cellWidth || inY >= l.cellHeight) return null;
  return row * l.cols + col;
}
