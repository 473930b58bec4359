/**
 * A palette as a file, written here (each format is small and documented):
 *   gpl  — GIMP palette (also read by Inkscape, Krita, Aseprite): "GIMP Palette", Name, Columns, then
 *          "R G B<TAB>name" per colour, 8-bit decimal.
 *   ase  — Adobe Swatch Exchange (Photoshop, Illustrator, InDesign, Adobe Color): big-endian binary,
 *          "ASEF", version 1.0, a block count, then blocks: a group start (0xC001) named after the
 *          palette, one colour entry (0x0001) per colour — UTF-16BE name with its terminating NUL,
 *          colour model "RGB ", three float32 channels 0..1, colour type 2 (normal) — and a group
 *          end (0xC002). Each block: uint16 type, uint32 length of what follows.
 *   css  — custom properties on :root (--palette-1 … --palette-5) with the OKLab of each in a comment.
 *   json — { name, colors, oklab } for scripts.
 */
import { hexToOklab, hexToRgb8 } from '../../../preload/palette';
import type { PaletteFormat } from '../../../preload/contract';

export interface PaletteFile {
  bytes: Uint8Array<ArrayBuffer>;
  mime: string;
  ext: string;
}

/** The name written into a file when the palette has none. */
export const defaultPaletteName = (colors: readonly string[]): string =>
  `Atelier ${colors.map((c) => c.toUpperCase()).join(' ')}`;

/** Keeps a name to one printable line (a .gpl header or a CSS comment must not be broken by it). */
const oneLine = (s: string): string =>
  Array.from(s, (ch) => (ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127 ? ' ' : ch))
    .join('')
    .replace(/\*\//g, '* /')
    .replace(/ {2,}/g, ' ')
    .trim();

const utf8 = (s: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(s) as Uint8Array<ArrayBuffer>;

export function writeGpl(colors: readonly string[], name: string): string {
  const lines = [
    'GIMP Palette',
    `Name: ${oneLine(name) || defaultPaletteName(colors)}`,
    `Columns: ${colors.length}`,
    '#',
  ];
  for (const c of colors) {
    const [r, g, b] = hexToRgb8(c);
    lines.push(`${String(r).padStart(3)} ${String(g).padStart(3)} ${String(b).padStart(3)}\t${c}`);
  }
  return `${lines.join('\n')}\n`;
}

export function writeAse(colors: readonly string[], name: string): Uint8Array<ArrayBuffer> {
  const utf16 = (s: string): number[] => [...Array.from({ length: s.length }, (_, i) => s.charCodeAt(i)), 0];
  const blocks: { type: number; body: number[] | Uint8Array }[] = [];
  const nameBlock = (s: string): Uint8Array => {
    const units = utf16(s);
    const out = new Uint8Array(2 + 2 * units.length);
    const v = new DataView(out.buffer);
    v.setUint16(0, units.length);
    units.forEach((u, i) => v.setUint16(2 + 2 * i, u));
    return out;
  };
  blocks.push({ type: 0xc001, body: nameBlock(oneLine(name) || defaultPaletteName(colors)) });
  for (const c of colors) {
    const label = nameBlock(c);
    const body = new Uint8Array(label.length + 4 + 12 + 2);
    body.set(label, 0);
    const v = new DataView(body.buffer);
    let o = label.length;
    for (const ch of 'RGB ') v.setUint8(o++, ch.charCodeAt(0));
    for (const ch of hexToRgb8(c)) {
      v.setFloat32(o, ch / 255);
      o += 4;
    }
    v.setUint16(o, 2); // normal (not global, not spot)
    blocks.push({ type: 0x0001, body });
  }
  blocks.push({ type: 0xc002, body: [] });
  const size = 12 + blocks.reduce((s, b) => s + 6 + b.body.length, 0);
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  out.set(utf8('ASEF'), 0);
  v.setUint16(4, 1);
  v.setUint16(6, 0);
  v.setUint32(8, blocks.length);
  let o = 12;
  for (const b of blocks) {
    v.setUint16(o, b.type);
    v.setUint32(o + 2, b.body.length);
    out.set(b.body, o + 6);
    o += 6 + b.body.length;
  }
  return out;
}

export function writeCss(colors: readonly string[], name: string): string {
  const lines = [`/* ${oneLine(name) || defaultPaletteName(colors)} — made with Atelier */`, ':root {'];
  colors.forEach((c, i) => {
    const [l, a, b] = hexToOklab(c);
    lines.push(`  --palette-${i + 1}: ${c}; /* oklab(${l.toFixed(4)} ${a.toFixed(4)} ${b.toFixed(4)}) */`);
  });
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

export function writeJson(colors: readonly string[], name: string): string {
  const oklab = colors.map((c) => hexToOklab(c).map((v) => Math.round(v * 1e6) / 1e6));
  return `${JSON.stringify({ name: oneLine(name) || defaultPaletteName(colors), colors, oklab }, null, 2)}\n`;
}

const FORMATS: Record<
  PaletteFormat,
  { mime: string; ext: string; write: (c: readonly string[], n: string) => string | Uint8Array<ArrayBuffer> }
> = {
  gpl: { mime: 'text/x-gimp-palette', ext: 'gpl', write: writeGpl },
  ase: { mime: 'application/octet-stream', ext: 'ase', write: writeAse },
  css: { mime: 'text/css', ext: 'css', write: writeCss },
  json: { mime: 'application/json', ext: 'json', write: writeJson },
};

export function paletteFile(colors: readonly string[], format: PaletteFormat, name: string): PaletteFile {
  const f = FORMATS[format];
  const out = f.write(colors, name);
  return { bytes: typeof out === 'string' ? utf8(out) : out, mime: f.mime, ext: f.ext };
}
