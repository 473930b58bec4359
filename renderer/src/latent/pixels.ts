/** How far a reconstruction is from the image it encodes (the encode panel's check). */
import type { PixelImage } from '../../../preload/contract';
import { pixelProblem } from '../shell/pixels';

/**
 * Mean squared error between two images of the same size, on a 0..1 scale per channel value
 * (the scale of the models' `reconThreshold`), or null when they cannot be compared.
 */
export function meanSquaredError(a: PixelImage, b: PixelImage): number | null {
  if (a.width !== b.width || a.height !== b.height || a.channels !== b.channels) return null;
  if (pixelProblem(a) || pixelProblem(b)) return null;
  const n = a.width * a.height * a.channels;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const d = (a.pixels[i]! - b.pixels[i]!) / 255;
    sum += d * d;
  }
  return sum / n;
}
