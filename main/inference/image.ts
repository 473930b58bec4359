/**
 * Pixel work done inside the inference process: NCHW float tensors to RGBA bytes, wrap-around
 * enlargement, thumbnails and PNG encoding (pngjs). Pure functions, unit-tested.
 */
import { PNG } from 'pngjs';

export interface Rgba {
  width: number;
  height: number;
  data: Uint8Array;
}

/** NCHW (N=1, C=3) float tensor in `range` to opaque RGBA bytes. */
export function nchwToRgba(data: Float32Array, dims: readonly number[], range: [number, number]): Rgba {
  const [n, c, h, w] = dims;
  if (n !== 1 || c !== 3 || !h || !w)
    throw new Error(`expected an image tensor [1,3,H,W], got [${dims.join(',')}]`);
  const plane = h * w;
  const out = new Uint8Array(plane * 4);
  const [lo, hi] = range;
  const k = 255 / (hi - lo);
  for (let i = 0; i < plane; i++) {
    const o = i * 4;
    for (let ch = 0; ch < 3; ch++) {
      const v = ((data[ch * plane + i] as number) - lo) * k;
      out[o + ch] = v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
    }
    out[o + 3] = 255;
  }
  return { width: w, height: h, data: out };
}

/**
 * Enlarge by an integer factor with bilinear interpolation that wraps around the edges, so a
 * seamless tile stays seamless (samples past the right edge come from the left edge).
 */
export function upscaleWrap(src: Rgba, factor: number): Rgba {
  if (factor === 1) return src;
  const { width: w, height: h, data } = src;
  const W = w * factor;
  const H = h * factor;
  const out = new Uint8Array(W * H * 4);
  for (let y = 0; y < H; y++) {
    const fy = (y + 0.5) / factor - 0.5;
    const y0f = Math.floor(fy);
    const ty = fy - y0f;
    const y0 = ((y0f % h) + h) % h;
    const y1 = (y0 + 1) % h;
    for (let x = 0; x < W; x++) {
      const fx = (x + 0.5) / factor - 0.5;
      const x0f = Math.floor(fx);
      const tx = fx - x0f;
      const x0 = ((x0f % w) + w) % w;
      const x1 = (x0 + 1) % w;
      const a = (y0 * w + x0) * 4;
      const b = (y0 * w + x1) * 4;
      const c = (y1 * w + x0) * 4;
      const d = (y1 * w + x1) * 4;
      const o = (y * W + x) * 4;
      for (let ch = 0; ch < 4; ch++) {
        const top = (data[a + ch] as number) * (1 - tx) + (data[b + ch] as number) * tx;
        const bot = (data[c + ch] as number) * (1 - tx) + (data[d + ch] as number) * tx;
        out[o + ch] = Math.round(top * (1 - ty) + bot * ty);
      }
    }
  }
  return { width: W, height: H, data: out };
}

/** Box-filter downscale so the longest side is at most `maxSide`. */
export function thumbnail(src: Rgba, maxSide: number): Rgba {
  const f = Math.max(1, Math.ceil(Math.max(src.width, src.height) / maxSide));
  if (f === 1) return src;
  const W = Math.floor(src.width / f);
  const H = Math.floor(src.height / f);
  const out = new Uint8Array(W * H * 4);
  const area = f * f;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const acc = [0, 0, 0, 0];
      for (let dy = 0; dy < f; dy++) {
        let i = ((y * f + dy) * src.width + x * f) * 4;
        for (let dx = 0; dx < f; dx++, i += 4) {
          for (let ch = 0; ch < 4; ch++) acc[ch]! += src.data[i + ch] as number;
        }
      }
      const o = (y * W + x) * 4;
      for (let ch = 0; ch < 4; ch++) out[o + ch] = Math.round((acc[ch] as number) / area);
    }
  }
  return { width: W, height: H, data: out };
}

/**
 * Opaque RGB PNG. One Paeth filter instead of pngjs's adaptive search (five filters tried per
 * row) and zlib level 3: about half the time of the defaults and a smaller file (`npm run bench`).
 */
export function encodePng(img: Rgba): Uint8Array<ArrayBuffer> {
  const png = new PNG({ width: img.width, height: img.height });
  png.data = Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength);
  return new Uint8Array(PNG.sync.write(png, { colorType: 2, filterType: 4, deflateLevel: 3 }));
}

/** Opaque pictures as RGB (as every studio writes them); ones with transparency keep their alpha. */
export function encodeRgbaPng(img: Rgba): Uint8Array {
  const { data } = img;
  for (let i = 3; i < data.length; i += 4)
    if (data[i] !== 255) {
      const png = new PNG({ width: img.width, height: img.height });
      png.data = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
      return new Uint8Array(PNG.sync.write(png, { colorType: 6, filterType: 4, deflateLevel: 3 }));
    }
  return encodePng(img);
}

export function decodePng(bytes: Uint8Array): Rgba {
  const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return { width: png.width, height: png.height, data: new Uint8Array(png.data) };
}
