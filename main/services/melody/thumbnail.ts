/**
 * A small piano-roll picture of a clip for the library's cards: notes as bars on a dark
 * background, bar lines, pitch range fitted to the notes. A few thousand pixels: cheap on main.
 */
import type { Note } from '../../../preload/contract';
import { BEATS_PER_BAR } from '../../../preload/melody';
import type { Rgba } from '../../inference/image';

export function drawClip(notes: readonly Note[], bars: number, width: number, height: number): Rgba {
  const data = new Uint8Array(width * height * 4);
  const fill = (x0: number, y0: number, x1: number, y1: number, rgb: [number, number, number]): void => {
    for (let y = Math.max(0, Math.floor(y0)); y < Math.min(height, Math.ceil(y1)); y++)
      for (let x = Math.max(0, Math.floor(x0)); x < Math.min(width, Math.ceil(x1)); x++) {
        const i = (y * width + x) * 4;
        data[i] = rgb[0];
        data[i + 1] = rgb[1];
        data[i + 2] = rgb[2];
        data[i + 3] = 255;
      }
  };
  fill(0, 0, width, height, [24, 26, 33]);
  const beats = Math.max(1, bars) * BEATS_PER_BAR;
  const xOf = (beat: number): number => (beat / beats) * width;
  for (let b = 0; b <= bars; b++)
    fill(xOf(b * BEATS_PER_BAR), 0, xOf(b * BEATS_PER_BAR) + 1, height, [48, 52, 64]);
  if (!notes.length) return { width, height, data };
  const lo = Math.min(...notes.map((n) => n.pitch)) - 2;
  const hi = Math.max(...notes.map((n) => n.pitch)) + 2;
  const row = height / (hi - lo + 1);
  for (const n of notes) {
    const y = (hi - n.pitch) * row;
    const shade = 150 + Math.round((n.velocity / 127) * 105);
    fill(xOf(n.start), y, Math.max(xOf(n.start) + 1, xOf(n.start + n.duration) - 1), y + Math.max(1, row), [
      shade,
      Math.round(shade * 0.72),
      90,
    ]);
  }
  return { width, height, data };
}
