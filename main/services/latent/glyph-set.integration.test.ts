/**
 * Several glyphs of one font → one style (latent.encodeGlyphs) with the bundled glyph model, the
 * real inference process and real PNG files: the combined posterior narrows with every glyph and
 * lands nearer the font's style than one glyph does; bad glyphs are refused naming which one.
 */
import { describe, expect, it } from 'vitest';
import type { PixelImage } from '../../../preload/contract';
import { encodePng } from '../../inference/image';
import { toRgba } from '../../inference/pixels';
import { fileAtelier } from '../../testing/file-atelier';

const { call, refusal } = fileAtelier('atelier-glyph-set-');

interface Posterior {
  mean: number[];
  std: number[];
}
interface Encoded {
  glyphs: (Posterior & { char: string; input: PixelImage })[];
  combined: Posterior;
}

const dist = (a: readonly number[], b: readonly number[]): number =>
  Math.sqrt(a.reduce((s, v, i) => s + (v - b[i]!) ** 2, 0));
const volume = (std: readonly number[]): number => std.reduce((s, v) => s + Math.log(v), 0);

/** A style point, and PNGs of some of its characters as the model draws them (the font to recover). */
async function fontAt(style: number[], chars: string): Promise<{ image: Uint8Array; char: string }[]> {
  const out = [];
  for (const char of chars) {
    const { images } = await call<{ images: PixelImage[] }>('latent.decode', {
      model: 'glyphs',
      points: [style],
      view: { kind: 'text', text: char },
    });
    out.push({ image: encodePng(toRgba(images[0]!)), char });
  }
  return out;
}

describe('latent.encodeGlyphs', () => {
  it('five glyphs of one font: a narrower posterior than any one of them, nearer the font’s style on average', async () => {
    const { points } = await call<{ points: number[][] }>('latent.sample', {
      model: 'glyphs',
      seed: 4,
      count: 3,
    });
    for (const style of points) {
      const glyphs = await fontAt(style, 'HaRgn');
      const r = await call<Encoded>('latent.encodeGlyphs', { model: 'glyphs', glyphs });
      expect(r.glyphs.map((g) => g.char).join('')).toBe('HaRgn');
      for (const g of r.glyphs) expect(volume(r.combined.std)).toBeLessThan(volume(g.std));
      const single = r.glyphs.reduce((s, g) => s + dist(g.mean, style), 0) / r.glyphs.length;
      expect(dist(r.combined.mean, style)).toBeLessThan(single);
    }
  });

  it('one glyph: the combined posterior is that glyph’s own (nothing added, nothing lost)', async () => {
    const glyphs = await fontAt(new Array<number>(24).fill(0.3), 'e');
    const r = await call<Encoded>('latent.encodeGlyphs', { model: 'glyphs', glyphs });
    r.combined.mean.forEach((v, i) => expect(v).toBeCloseTo(r.glyphs[0]!.mean[i]!, 5));
  });

  it('refuses with the glyph named: an unknown character, a file that is not an image, too many glyphs, an image model', async () => {
    const [ok] = await fontAt(new Array<number>(24).fill(0), 'A');
    const refuse = async (input: unknown) => {
      const e = await refusal('latent.encodeGlyphs', input);
      expect(e.code).toBe('invalid-input');
      return e;
    };
    const euro = await refuse({ model: 'glyphs', glyphs: [ok, { image: ok!.image, char: '€' }] });
    expect(euro.field).toBe('glyphs.1.char');
    expect(euro.message).toMatch(/^Glyph 2: this model cannot draw "€"; it draws A–Z, a–z, 0–9\.$/);
    const text = await refuse({
      model: 'glyphs',
      glyphs: [{ image: new TextEncoder().encode('not a picture'), char: 'a' }],
    });
    expect(text.field).toBe('glyphs.0.image');
    expect(text.message).toMatch(/^Glyph 1 \("a"\): /);
    expect((await refuse({ model: 'glyphs', glyphs: new Array(13).fill(ok) })).field).toBe('glyphs');
    expect((await refuse({ model: 'glyphs', glyphs: [] })).field).toBe('glyphs');
    expect((await refuse({ model: 'glyphs', glyphs: [{ ...ok, char: 'ab' }] })).field).toBe('glyphs.0.char');
    expect((await refuse({ model: 'texture-vae', glyphs: [ok] })).field).toBe('model');
  });
});
