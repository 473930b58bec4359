/**
 * Decoder outputs to pixels: float tiles in 0..1 to 8-bit images (ink models drawn dark on
 * light paper), glyph tiles laid out as text, enlargement, strips and RGBA for PNG/GIF.
 * Pure functions, unit-tested. Tiles and text are small (64 px high), so main lays them out;
 * enlarging and encoding whole animations happens in the inference process (`encodeFrames`).
 */
import type { PixelImage } from '../../preload/contract';
import type { Rgba } from './image';

export interface TileShape {
  width: number;
  height: number;
  channels: 1 | 3;
  /** 1 = ink (shown dark on paper). */
  ink: boolean;
}

/** Tile `index` of an NCHW float batch as 8-bit pixels. */
export function tileToPixels(data: Float32Array, index: number, shape: TileShape): PixelImage {
  const { width, height, channels, ink } = shape;
  const plane = width * height;
  const base = index * channels * plane;
  const pixels = new Uint8Array(plane * channels);
  for (let i = 0; i < plane; i++) {
    for (let c = 0; c < channels; c++) {
      let v = data[base + c * plane + i]!;
      v = v <= 0 ? 0 : v >= 1 ? 1 : v;
      pixels[i * channels + c] = Math.round(255 * (ink ? 1 - v : v));
    }
  }
  return { width, height, channels, pixels };
}

/** Space between glyphs, and the width of a space, in model pixels (a 64 px frame ≈ 1.5 em). */
const GAP = 3;
const SPACE = 16;
const MARGIN = 6;
/** Columns whose darkest pixel is lighter than this hold no ink. */
const INK_LEVEL = 235;

/** The horizontal ink extent [left, right) of a gray glyph tile, or null for an empty tile. */
export function inkColumns(tile: PixelImage): [number, number] | null {
  let left = -1;
  let right = -1;
  for (let x = 0; x < tile.width; x++) {
    let min = 255;
    for (let y = 0; y < tile.height; y++) min = Math.min(min, tile.pixels[y * tile.width + x]!);
    if (min < INK_LEVEL) {
      if (left < 0) left = x;
      right = x + 1;
    }
  }
  return left < 0 ? null : [left, right];
}

/**
 * Lays gray glyph tiles out as text: each glyph trimmed to its ink columns, a fixed gap
 * between glyphs, spaces as fixed advances, "\n" starting a line. All tiles share a baseline
 * (the model was trained that way), so lines are simply stacked.
 */
export function layoutText(text: string, glyph: (ch: string) => PixelImage, tileHeight: number): PixelImage {
  const lines = text.split('\n').map((line) => {
    const items: ({ kind: 'space' } | { kind: 'glyph'; tile: PixelImage; cols: [number, number] })[] = [];
    for (const ch of line) {
      if (ch === ' ') {
        items.push({ kind: 'space' });
        continue;
      }
      const tile = glyph(ch);
      const cols = inkColumns(tile) ?? [tile.width / 2 - SPACE / 2, tile.width / 2 + SPACE / 2];
      items.push({ kind: 'glyph', tile, cols });
    }
    let width = 0;
    items.forEach((it, i) => {
      width += it.kind === 'space' ? SPACE : it.cols[1] - it.cols[0];
      if (i < items.length - 1) width += GAP;
    });
    return { items, width };
  });
  const width = Math.max(1, ...lines.map((l) => l.width)) + 2 * MARGIN;
  const height = lines.length * tileHeight;
  const pixels = new Uint8Array(width * height).fill(255);
  lines.forEach((line, li) => {
    let x = MARGIN;
    for (const it of line.items) {
      if (it.kind === 'space') {
        x += SPACE + GAP;
        continue;
      }
      const [l, r] = it.cols;
      for (let y = 0; y < tileHeight; y++) {
        const row = (li * tileHeight + y) * width;
        for (let c = l; c < r; c++) {
          const v = it.tile.pixels[y * it.tile.width + c]!;
          const o = row + x + (c - l);
          // Darker wins, so overlapping tails (j, f) merge instead of erasing each other.
          if (v < pixels[o]!) pixels[o] = v;
        }
      }
      x += r - l + GAP;
    }
  });
  return { width, height, channels: 1, pixels };
}

/** Enlarges by an integer factor with bilinear interpolation, edges clamped. */
export function enlarge(img: PixelImage, factor: number): PixelImage {
  if (factor === 1) return img;
  const { width: w, height: h, channels: C } = img;
  const W = w * factor;
  const H = h * factor;
  const out = new Uint8Array(W * H * C);
  for (let y = 0; y < H; y++) {
    const fy = Math.min(Math.max((y + 0.5) / factor - 0.5, 0), h - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, h - 1);
    const ty = fy - y0;
    for (let x = 0; x < W; x++) {
      const fx = Math.min(Math.max((x + 0.5) / factor - 0.5, 0), w - 1);
      const x0 = Math.floor(fx);
      const x1 = Math.min(x0 + 1, w - 1);
      const tx = fx - x0;
      for (let c = 0; c < C; c++) {
        const a = img.pixels[(y0 * w + x0) * C + c]!;
        const b = img.pixels[(y0 * w + x1) * C + c]!;
        const d = img.pixels[(y1 * w + x0) * C + c]!;
        const e = img.pixels[(y1 * w + x1) * C + c]!;
        const top = a + (b - a) * tx;
        const bottom = d + (e - d) * tx;
        out[(y * W + x) * C + c] = Math.round(top + (bottom - top) * ty);
      }
    }
  }
  return { width: W, height: H, channels: C, pixels: out };
}

/** Frames side by side (or stacked), on white, `gap` px apart. Frames may differ in size. */
export function strip(frames: PixelImage[], direction: 'row' | 'column', gap = 4): PixelImage {
  const C = frames[0]!.channels;
  const along = (f: PixelImage): number => (direction === 'row' ? f.width : f.height);
  const across = Math.max(...frames.map((f) => (direction === 'row' ? f.height : f.width)));
  const length = frames.reduce((s, f) => s + along(f), 0) + gap * (frames.length - 1);
  const width = direction === 'row' ? length : across;
  const height = direction === 'row' ? across : length;
  const pixels = new Uint8Array(width * height * C).fill(255);
  let at = 0;
  for (const f of frames) {
    const ox = direction === 'row' ? at : 0;
    const oy = direction === 'row' ? 0 : at;
    for (let y = 0; y < f.height; y++)
      pixels.set(f.pixels.subarray(y * f.width * C, (y + 1) * f.width * C), ((oy + y) * width + ox) * C);
    at += along(f) + gap;
  }
  return { width, height, channels: C, pixels };
}

/** Pads a frame with white to `width`×`height` (top-left aligned), so GIF frames share a size. */
export function padTo(img: PixelImage, width: number, height: number): PixelImage {
  if (img.width === width && img.height === height) return img;
  const C = img.channels;
  const pixels = new Uint8Array(width * height * C).fill(255);
  for (let y = 0; y < Math.min(height, img.height); y++)
    pixels.set(
      img.pixels.subarray(y * img.width * C, y * img.width * C + Math.min(width, img.width) * C),
      y * width * C,
    );
  return { width, height, channels: C, pixels };
}

export function toRgba(img: PixelImage): Rgba {
  const n = img.width * img.height;
  const data = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) {
    if (img.channels === 1) {
      const v = img.pixels[i]!;
      data[i * 4] = v;
      data[i * 4 + 1] = v;
      data[i * 4 + 2] = v;
    } else {
      data[i * 4] = img.pixels[i * 3]!;
      data[i * 4 + 1] = img.pixels[i * 3 + 1]!;
      data[i * 4 + 2] = img.pixels[i * 3 + 2]!;
    }
    data[i * 4 + 3] = 255;
  }
  return { width: img.width, height: img.height, data };
}

export interface EncodeFramesSpec {
  format: 'gif' | 'png-strip';
  /** Each pixel becomes scale×scale pixels. */
  scale: number;
  /** png-strip: frames side by side (row) or stacked (column). */
  direction: 'row' | 'column';
  /** gif: frame duration. */
  frameMs: number;
}
