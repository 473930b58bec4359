/**
 * The seam score of a map: the mean absolute step across the wrap (last column → first, last row
 * → first) over the mean absolute step between interior neighbours. A tile with no seam scores
 * about 1; a visible seam scores several times more. For tests, the bench and the e2e check.
 */

/** `get(x, y)` is the value at a pixel (any channel, any scale). */
export function seamScore(get: (x: number, y: number) => number, w: number, h: number): number {
  let seam = 0;
  let inner = 0;
  for (let y = 0; y < h; y++) {
    seam += Math.abs(get(w - 1, y) - get(0, y));
    for (let x = 0; x < w - 1; x++) inner += Math.abs(get(x, y) - get(x + 1, y)) / (w - 1);
  }
  for (let x = 0; x < w; x++) {
    seam += Math.abs(get(x, h - 1) - get(x, 0));
    for (let y = 0; y < h - 1; y++) inner += Math.abs(get(x, y) - get(x, y + 1)) / (h - 1);
  }
  if (inner === 0) return seam === 0 ? 1 : Infinity;
  return seam / inner;
}

/** The seam score of channel `c` of an interleaved picture with `channels` samples per pixel. */
export const pictureSeamScore = (
  img: { width: number; height: number; data: ArrayLike<number> },
  channels: number,
  c = 0,
): number =>
  seamScore((x, y) => img.data[(y * img.width + x) * channels + c] as number, img.width, img.height);
