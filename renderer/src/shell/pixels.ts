/**
 * Decoded pixels (the contract's PixelImage: 1 = gray, 3 = RGB) as the RGBA bytes a canvas's
 * ImageData holds. No DOM here: the canvas side wraps the bytes in an ImageData.
 */
import type { PixelImage } from '../../../preload/contract';

/** Why an image's pixel buffer cannot be what its header says, or null when it is consistent. */
export function pixelProblem(img: PixelImage): string | null {
  if (!Number.isInteger(img.width) || !Number.isInteger(img.height) || img.width < 1 || img.height < 1)
    return `has an invalid size (${img.width} × ${img.height})`;
  const need = img.width * img.height * img.channels;
  if (img.pixels.length < need) return `has ${img.pixels.length} bytes for ${need} needed`;
  return null;
}

/**
 * RGBA bytes for `img`, written into `out` when it has the right length (reused between
 * frames), else into a new array. Gray becomes r = g = b; alpha is always opaque.
 */
export function toRgba(img: PixelImage, out?: Uint8ClampedArray): Uint8ClampedArray<ArrayBuffer> {
  const problem = pixelProblem(img);
  if (problem) throw new Error(`The decoded image ${problem}.`);
  const n = img.width * img.height;
  const rgba =
    out && out.length === n * 4 && out.buffer instanceof ArrayBuffer
      ? (out as Uint8ClampedArray<ArrayBuffer>)
      : new Uint8ClampedArray(n * 4);
  const src = img.pixels;
  if (img.channels === 1) {
    for (let i = 0, j = 0; i < n; i++, j += 4) {
      const v = src[i]!;
      rgba[j] = v;
      rgba[j + 1] = v;
      rgba[j + 2] = v;
      rgba[j + 3] = 255;
    }
  } else {
    for (let i = 0, k = 0, j = 0; i < n; i++, k += 3, j += 4) {
      rgba[j] = src[k]!;
      rgba[j + 1] = src[k + 1]!;
      rgba[j + 2] = src[k + 2]!;
      rgba[j + 3] = 255;
    }
  }
  return rgba;
}
