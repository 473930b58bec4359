/**
 * The fonts a machine has, and their glyphs drawn like the glyph VAE's training data.
 *
 * `findFonts` walks the system's font folders (or the ones given) for .ttf/.otf/.woff files, with
 * a depth and a count cap; files that are too large, unreadable or not fonts are skipped, as are
 * symbol, math and icon faces and fonts lacking most of the 62 characters. `renderGlyphs` draws
 * A–Z a–z 0–9 of one font with opentype.js 2.0 and ./raster.ts in the framing of
 * models/training/glyphs/dataset.py, scaled to `size` (64 is exactly the VAE's frame): the cap
 * height ("H") is 30/64 of the frame, the baseline at 45/64, the whole font shrunk if any glyph
 * would leave the frame, and every glyph's ink box centred horizontally. Black ink on white.
 *
 * A font file is hostile until parsed: its size is capped before it is read, every parser error
 * becomes a readable `FontError`, and a glyph too complex to draw is treated as missing.
 */
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, extname, join } from 'node:path';
import * as opentypeModule from 'opentype.js';
import type { Font, PathCommand } from 'opentype.js';
import type { Rgba } from '../../../inference/image';
import { pathBox, rasterize } from './raster';

/**
 * opentype.js's API. Its package has no "exports": Node's ESM loader (the built app) reads its UMD
 * build as CommonJS and offers the API only as `default`; bundlers and tsx give the named exports.
 */
const opentype: typeof opentypeModule =
  (opentypeModule as typeof opentypeModule & { default?: typeof opentypeModule }).default ?? opentypeModule;

/** The glyph VAE's 62 characters, in its char order. */
export const GLYPH_CHARS: readonly string[] = [
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
];

/** A fonts is kept by `findFonts` when it has at least this many of the 62 characters. */
export const MIN_CHARS = 31;
/** Font files larger than this are skipped unread. */
export const MAX_FONT_BYTES = 32 * 1024 * 1024;
const MAX_DEPTH = 8;
const MAX_FILES = 5000;
const EXTENSIONS = new Set(['.ttf', '.otf', '.woff']);
const NOT_TEXT = /math|symbol|icon|emoji|dingbat|ornament|braille/i;

/** A class folder for a character that survives case-insensitive file systems. */
export function charFolder(ch: string): string {
  if (/^[A-Z]$/.test(ch)) return `upper-${ch}`;
  if (/^[a-z]$/.test(ch)) return `lower-${ch}`;
  if (/^[0-9]$/.test(ch)) return `digit-${ch}`;
  throw new Error(`"${ch}" is not one of the 62 glyph characters (A–Z, a–z, 0–9).`);
}

export interface FontFace {
  path: string;
  /** The typographic family ("DejaVu Sans" for DejaVu Sans Condensed Bold). */
  family: string;
  /** The style within it ("Condensed Bold"). */
  style: string;
  /** How many of the 62 characters it has. */
  chars: number;
}

export class FontError extends Error {}

/** The font folders of this system, per OS. */
export function systemFontDirs(): string[] {
  const home = homedir();
  if (process.platform === 'win32') {
    const win = process.env.WINDIR ?? 'C:\\Windows';
    const local = process.env.LOCALAPPDATA;
    return [join(win, 'Fonts'), ...(local ? [join(local, 'Microsoft', 'Windows', 'Fonts')] : [])];
  }
  if (process.platform === 'darwin')
    return ['/System/Library/Fonts', '/Library/Fonts', join(home, 'Library', 'Fonts')];
  return [
    '/usr/share/fonts',
    '/usr/local/share/fonts',
    join(home, '.local', 'share', 'fonts'),
    join(home, '.fonts'),
  ];
}

/** Font files under `dirs`, depth- and count-capped; symbolic links to folders are not followed. */
async function fontFiles(dirs: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  let visited = 0;
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (depth > MAX_DEPTH || visited >= MAX_FILES) return;
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (visited >= MAX_FILES) return;
      const full = join(dir, e.name);
      if (e.isDirectory()) await walk(full, depth + 1);
      else if ((e.isFile() || e.isSymbolicLink()) && EXTENSIONS.has(extname(e.name).toLowerCase())) {
        visited++;
        const real = await realpath(full).catch(() => null);
        if (real) found.add(real);
      }
    }
  };
  for (const d of dirs) await walk(d, 0);
  return [...found].sort();
}

/** Parses a font file, or a `FontError` saying why not. */
export async function loadFont(path: string): Promise<Font> {
  const name = basename(path);
  const s = await stat(path).catch(() => null);
  if (!s?.isFile()) throw new FontError(`The font ${name} does not exist or is not a file.`);
  if (s.size > MAX_FONT_BYTES)
    throw new FontError(`The font ${name} is ${Math.round(s.size / 1e6)} MB; fonts of up to 32 MB are read.`);
  if (!EXTENSIONS.has(extname(path).toLowerCase()))
    throw new FontError(`${name} is not a .ttf, .otf or .woff font file.`);
  const bytes = await readFile(path);
  try {
    const font = opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    if (!(font.unitsPerEm > 0)) throw new Error('no units per em');
    return font;
  } catch (e) {
    throw new FontError(`The font ${name} could not be read (${(e as Error).message}); it may be damaged.`);
  }
}

const hasChar = (font: Font, ch: string): boolean => {
  try {
    return font.charToGlyphIndex(ch) > 0;
  } catch {
    return false;
  }
};

/** The fonts under `dirs` (default: the system's font folders), sorted by path. */
export async function findFonts(dirs: readonly string[] = systemFontDirs()): Promise<FontFace[]> {
  const out: FontFace[] = [];
  for (const path of await fontFiles(dirs)) {
    const font = await loadFont(path).catch(() => null);
    if (!font) continue;
    const family = (font.getEnglishName('preferredFamily') ?? font.getEnglishName('fontFamily') ?? '').trim();
    const style = (
      font.getEnglishName('preferredSubfamily') ??
      font.getEnglishName('fontSubfamily') ??
      ''
    ).trim();
    if (!family || NOT_TEXT.test(family) || NOT_TEXT.test(basename(path))) continue;
    const chars = GLYPH_CHARS.filter((c) => hasChar(font, c)).length;
    if (chars >= MIN_CHARS) out.push({ path, family, style, chars });
  }
  return out;
}

/** A glyph's outline in font units, y down, origin on the baseline; null if missing or empty. */
function outline(
  font: Font,
  ch: string,
): { commands: PathCommand[]; box: [number, number, number, number] } | null {
  if (!hasChar(font, ch)) return null;
  try {
    const commands = font.charToGlyph(ch).getPath(0, 0, font.unitsPerEm).commands;
    const box = pathBox(commands);
    return box ? { commands, box } : null;
  } catch {
    return null;
  }
}

const CAP = 30 / 64;
const BASELINE = 45 / 64;

/**
 * The 62 glyphs of the font at `fontPath`, each `size`×`size`, framed like the glyph VAE's
 * training data (see the top of this file); `image` is null where the font has no glyph.
 */
export async function renderGlyphs(
  fontPath: string,
  size: number,
): Promise<{ char: string; image: Rgba | null }[]> {
  if (!Number.isInteger(size) || size < 8 || size > 1024)
    throw new FontError(`The glyph size must be a whole number of pixels from 8 to 1024, not ${size}.`);
  const font = await loadFont(fontPath);
  const glyphs = GLYPH_CHARS.map((char) => ({ char, shape: outline(font, char) }));
  const present = glyphs.flatMap((g) => (g.shape ? [g.shape.box] : []));
  if (!present.length) throw new FontError(`The font ${basename(fontPath)} has none of A–Z, a–z, 0–9.`);
  const u = size / 64;
  const h = glyphs[GLYPH_CHARS.indexOf('H')]!.shape;
  // The cap height: the top of "H" above the baseline, else the tallest capital's.
  const cap =
    h && h.box[1] < 0
      ? -h.box[1]
      : Math.max(
          ...glyphs.slice(0, 26).flatMap((g) => (g.shape ? [-g.shape.box[1]] : [])),
          font.unitsPerEm * 0.7,
        );
  const s = (CAP * size) / cap;
  const up = Math.max(...present.map((b) => -b[1]), 1e-6) * s;
  const down = Math.max(...present.map((b) => b[3]), 1e-6) * s;
  const width = Math.max(...present.map((b) => b[2] - b[0])) * s;
  const base = BASELINE * size;
  const S = s * Math.min(1, (base - u) / up, (size - u - base) / down, (size - 2 * u) / width);
  return glyphs.map(({ char, shape }) => {
    if (!shape) return { char, image: null };
    const cx = (shape.box[0] + shape.box[2]) / 2;
    const X = (x: number | undefined): number | undefined => (x === undefined ? x : (x - cx) * S + size / 2);
    const Y = (y: number | undefined): number | undefined => (y === undefined ? y : y * S + base);
    const placed = shape.commands.map((c) => ({
      type: c.type,
      x: X(c.x),
      y: Y(c.y),
      x1: X(c.x1),
      y1: Y(c.y1),
      x2: X(c.x2),
      y2: Y(c.y2),
    }));
    try {
      return { char, image: inkToRgba(rasterize(placed, size, size), size) };
    } catch {
      return { char, image: null };
    }
  });
}

/** Coverage (1 = ink) to opaque black-on-white RGBA. */
function inkToRgba(ink: Float32Array, size: number): Rgba {
  const data = new Uint8Array(size * size * 4);
  for (let i = 0; i < ink.length; i++) {
    const v = Math.round(255 * (1 - ink[i]!));
    data.set([v, v, v, 255], i * 4);
  }
  return { width: size, height: size, data };
}
