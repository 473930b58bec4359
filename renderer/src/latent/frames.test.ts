import { describe, expect, it } from 'vitest';
import type { PixelImage } from '../../../preload/contract';
import { centredFrame, gridFrame, gridLayout, stickySize, tileFrame } from './frames';

const img = (w: number, h: number): PixelImage => ({
  width: w,
  height: h,
  channels: 1,
  pixels: new Uint8Array(w * h),
});

describe('main view frames', () => {
  it('shows one image as it is', () => {
    const f = tileFrame(img(448, 64));
    expect(f).toMatchObject({ width: 448, height: 64 });
    expect(f.tiles).toHaveLength(1);
  });

  it('repeats a tile 3×3 edge to edge', () => {
    const f = tileFrame(img(64, 64), 3);
    expect(f).toMatchObject({ width: 192, height: 192 });
    expect(f.tiles.map((t) => [t.x, t.y])).toContainEqual([128, 64]);
    expect(f.tiles).toHaveLength(9);
  });

  it('keeps the frame size while the view is the same, growing only', () => {
    let s = stickySize(null, 'Atelier', img(300, 64));
    expect(s).toEqual({ key: 'Atelier', width: 300, height: 64 });
    s = stickySize(s, 'Atelier', img(280, 64));
    expect(s.width).toBe(300);
    s = stickySize(s, 'Atelier', img(320, 64));
    expect(s.width).toBe(320);
    expect(stickySize(s, 'Hi', img(90, 64)).width).toBe(90);
  });

  it('centres a narrower image on paper', () => {
    const f = centredFrame(img(280, 64), { width: 300, height: 64 }, '#fff');
    expect(f.width).toBe(300);
    expect(f.tiles[0]).toMatchObject({ x: 10, y: 0 });
    expect(f.fills).toEqual([{ x: 0, y: 0, width: 300, height: 64, color: '#fff' }]);
    expect(centredFrame(img(300, 64), { width: 300, height: 64 }, '#fff').fills).toBeUndefined();
  });
});

describe('grid frames', () => {
  it('lays 25 cells into a gapped 5×5 grid', () => {
    const images = Array.from({ length: 25 }, () => img(64, 64));
    const layout = gridLayout(images, 5)!;
    const f = gridFrame(images, layout, '#000');
    expect(f.width).toBe(5 * 64 + 6 * 4);
    expect(f.tiles[0]).toMatchObject({ x: 4, y: 4 });
    expect(f.tiles[6]).toMatchObject({ x: 4 + 68, y: 4 + 68 });
    expect(f.fills).toBeUndefined();
    expect(gridLayout([], 5)).toBeNull();
  });

  it('sizes cells by the widest image and centres the others on paper', () => {
    const images = [img(40, 64), img(60, 64), img(50, 64), img(52, 64)];
    const layout = gridLayout(images, 2)!;
    expect(layout).toMatchObject({ cellWidth: 60, cellHeight: 64, rows: 2 });
    const f = gridFrame(images, layout, '#000', '#fff');
    expect(f.tiles[0]).toMatchObject({ x: 4 + 10, y: 4 });
    expect(f.fills).toHaveLength(4);
    expect(f.fills![1]).toMatchObject({ x: 4 + 60 + 4, width: 60, color: '#fff' });
  });
});
