/** The fonts this machine has, rendered in the glyph VAE's framing; damaged files refused readably. */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { charFolder, findFonts, FontError, GLYPH_CHARS, renderGlyphs, type FontFace } from './fonts';

const fonts: FontFace[] = await findFonts();
const none = fonts.length === 0;
let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atelier-fonts-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Ink (0..1) of an opaque black-on-white glyph. */
const ink = (data: Uint8Array, i: number): number => 1 - data[i * 4]! / 255;

describe('GLYPH_CHARS and charFolder', () => {
  it('lists the 62 characters in the glyph VAE order', () => {
    expect(GLYPH_CHARS.join('')).toBe('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789');
  });
  it('names class folders that case-insensitive file systems keep apart', () => {
    expect(charFolder('A')).toBe('upper-A');
    expect(charFolder('a')).toBe('lower-a');
    expect(charFolder('5')).toBe('digit-5');
    expect(new Set(GLYPH_CHARS.map((c) => charFolder(c).toLowerCase())).size).toBe(62);
    expect(() => charFolder('é')).toThrow(/not one of the 62/);
  });
});

describe('findFonts', () => {
  it.runIf(none)('SKIPPED: this machine has no fonts in its font folders; the font tests need one', () => {
    expect(fonts).toEqual([]);
  });

  it.runIf(!none)('finds this machine’s text fonts, sorted, with family and style', async () => {
    expect(fonts.map((f) => f.path)).toEqual([...fonts.map((f) => f.path)].sort());
    for (const f of fonts) {
      expect(f.family.length).toBeGreaterThan(0);
      expect(f.chars).toBeGreaterThanOrEqual(31);
    }
    expect(fonts.some((f) => /math/i.test(f.path))).toBe(false);
    expect(await findFonts()).toEqual(fonts);
  });

  it('skips damaged and non-font files in a folder', async () => {
    const sub = join(dir, 'walk');
    await rm(sub, { recursive: true, force: true });
    await mkdir(join(sub, 'deeper'), { recursive: true });
    await writeFile(join(sub, 'broken.ttf'), Buffer.from('not a font at all, just text'));
    await writeFile(join(sub, 'notes.txt'), 'hello');
    const real = fonts[0];
    if (real) await writeFile(join(sub, 'deeper', 'copy.ttf'), await readFile(real.path));
    const found = await findFonts([sub, join(dir, 'missing-folder')]);
    expect(found.map((f) => f.path)).toEqual(real ? [join(sub, 'deeper', 'copy.ttf')] : []);
  });
});

describe('renderGlyphs', () => {
  it.runIf(!none)('draws all 62 glyphs of a system font, anti-aliased, in the VAE framing', async () => {
    const font = fonts.find((f) => /DejaVu Sans|Liberation Sans/.test(f.family)) ?? fonts[0]!;
    const glyphs = await renderGlyphs(font.path, 64);
    expect(glyphs.map((g) => g.char)).toEqual(GLYPH_CHARS);
    const H = glyphs[GLYPH_CHARS.indexOf('H')]!.image!;
    expect([H.width, H.height]).toEqual([64, 64]);
    // The ink of "H": cap height ≈ 30 px ending on the baseline row 44, centred at x = 32.
    const rows: number[] = [];
    const cols: number[] = [];
    const levels = new Set<number>();
    for (let y = 0; y < 64; y++)
      for (let x = 0; x < 64; x++) {
        const v = ink(H.data, y * 64 + x);
        levels.add(Math.round(v * 16));
        if (v > 0.5) {
          rows.push(y);
          cols.push(x);
        }
      }
    expect(Math.min(...rows)).toBeGreaterThanOrEqual(14);
    expect(Math.min(...rows)).toBeLessThanOrEqual(16);
    expect(Math.max(...rows)).toBe(44);
    expect(Math.abs((Math.min(...cols) + Math.max(...cols) + 1) / 2 - 32)).toBeLessThanOrEqual(1);
    expect(levels.size).toBeGreaterThan(4); // grey edge levels: anti-aliased
    // A descender goes below the baseline; every glyph stays inside the frame.
    const g = glyphs[GLYPH_CHARS.indexOf('g')]!.image!;
    let low = 0;
    for (let i = 0; i < 64 * 64; i++) if (ink(g.data, i) > 0.5) low = Math.max(low, Math.floor(i / 64));
    expect(low).toBeGreaterThan(47);
    expect(low).toBeLessThan(64);
    // Smaller frames scale the same framing.
    const small = await renderGlyphs(font.path, 32);
    expect(small[0]!.image!.width).toBe(32);
  });

  it('refuses a damaged or missing font with a readable error', async () => {
    const bad = join(dir, 'damaged.ttf');
    await writeFile(bad, Buffer.concat([Buffer.from([0, 1, 0, 0, 0, 9, 0, 128]), Buffer.alloc(300, 7)]));
    await expect(renderGlyphs(bad, 64)).rejects.toThrow(FontError);
    await expect(renderGlyphs(bad, 64)).rejects.toThrow(/damaged\.ttf could not be read/);
    await expect(renderGlyphs(join(dir, 'nope.ttf'), 64)).rejects.toThrow(/does not exist/);
    const txt = join(dir, 'font.txt');
    await writeFile(txt, 'x');
    await expect(renderGlyphs(txt, 64)).rejects.toThrow(/not a \.ttf, \.otf or \.woff/);
    await expect(renderGlyphs(bad, 3)).rejects.toThrow(/glyph size/);
  });

  it.runIf(!none)('survives a real font cut short', async () => {
    const bytes = await readFile(fonts[0]!.path);
    const cut = join(dir, 'cut.ttf');
    await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length / 3)));
    const r = await renderGlyphs(cut, 64).then(
      (g) => g.filter((x) => x.image).length,
      (e: Error) => e,
    );
    if (r instanceof Error) expect(r).toBeInstanceOf(FontError);
    else expect(r).toBeLessThanOrEqual(62);
  });
});
