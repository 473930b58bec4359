/**
 * Near-duplicate detection: each image shrunk to a 16×16 colour signature (area averages,
 * alpha composited over white), compared by mean absolute difference in 0..1. Cheap, exact
 * and size-independent, so a crop that kept the whole frame or a jitter too weak to see both
 * land near 0 next to their source.
 */
import type { Rgba } from '../../inference/image';

export const SIGNATURE_SIDE = 16;

export function signature(img: Rgba): Float32Array {
  const S = SIGNATURE_SIDE;
  const sum = new Float64Array(S * S * 3);
  const count = new Float64Array(S * S);
  for (let y = 0; y < img.height; y++) {
    const cy = Math.floor((y * S) / img.height);
    for (let x = 0; x < img.width; x++) {
      const cell = cy * S + Math.floor((x * S) / img.width);
      const i = (y * img.width + x) * 4;
      const a = img.data[i + 3]! / 255;
      for (let c = 0; c < 3; c++) sum[cell * 3 + c]! += (img.data[i + c]! * a + 255 * (1 - a)) / 255;
      count[cell]!++;
    }
  }
  // Images smaller than 16 px leave some cells empty; they stay 0 in both signatures alike.
  const out = new Float32Array(S * S * 3);
  for (let i = 0; i < out.length; i++)
    out[i] = count[Math.floor(i / 3)]! ? sum[i]! / count[Math.floor(i / 3)]! : 0;
  return out;
}

/** Mean absolute difference of two signatures: 0 = the same picture, 1 = black against white. */
export function distance(a: Float32Array, b: Float32Array): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d += Math.abs(a[i]! - b[i]!);
  return d / a.length;
}
