/**
 * Glyph sheet pieces: a font's file-name stem, a contact sheet of the 62 glyphs (A–Z, a–z and
 * 0–9 on three rows, blank where a glyph is missing).
 */
import { basename, extname } from 'node:path';
import type { Rgba } from '../../../inference/image';
import { GLYPH_CHARS } from './fonts';

/** "DejaVuSans-Bold.ttf" → "DejaVuSans-Bold"; anything but letters, digits, '.', '_', '-' → '-'. */
export function fontStem(fontPath: string): string {
  const stem = basename(fontPath, extname(fontPath))
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[.-]+/, '');
  return stem.slice(0, 80) || 'font';
}

const ROWS = [26, 26, 10];

/** The glyphs (one per GLYPH_CHARS entry, null = missing) as one opaque sheet on white. */
export function contactSheet(glyphs: readonly (Rgba | null)[], cell: number): Rgba {
  const width = 26 * cell;
  const height = ROWS.length * cell;
  const data = new Uint8Array(width * height * 4).fill(255);
  GLYPH_CHARS.forEach((_, i) => {
    const g = glyphs[i];
    if (!g) return;
    const row = i < 26 ? 0 : i < 52 ? 1 : 2;
    const col = i - (row === 0 ? 0 : row === 1 ? 26 : 52);
    for (let y = 0; y < Math.min(cell, g.height); y++)
      for (let x = 0; x < Math.min(cell, g.width); x++) {
        const s = (y * g.width + x) * 4;
        const a = g.data[s + 3]! / 255;
        const d = ((row * cell + y) * width + col * cell + x) * 4;
        for (let c = 0; c < 3; c++) data[d + c] = Math.round(g.data[s + c]! * a + 255 * (1 - a));
      }
  });
  return { width, height, data };
}
