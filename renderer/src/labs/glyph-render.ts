/**
 * Draws the image mode's glyphs with the page's canvas (the pure part, what to draw and how to
 * place it, is glyphs.ts). Each glyph is drawn once to find its ink, then again scaled and
 * centred, at 4× the size, and averaged down to 16×16.
 */
import type { Dataset } from '../../../preload/labs/types';
import {
  downsample,
  fontCss,
  GLYPH_FONTS,
  GLYPH_SETS,
  glyphDataset,
  glyphSpecs,
  inkBox,
  placement,
  RENDER_SIDE,
  SUPERSAMPLE,
  type GlyphSet,
} from './glyphs';

const cache = new Map<GlyphSet, Dataset>();

/** The glyph dataset of a set (drawn once per page). */
export function renderGlyphs(set: GlyphSet): Dataset {
  const hit = cache.get(set);
  if (hit) return hit;
  const canvas = document.createElement('canvas');
  canvas.width = RENDER_SIDE;
  canvas.height = RENDER_SIDE;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('This page cannot draw on a canvas, so it cannot make glyph images.');
  const { chars } = GLYPH_SETS[set];
  const size = RENDER_SIDE * 0.7;
  const images: Float32Array[] = [];
  for (const spec of glyphSpecs(chars)) {
    const draw = (scale: number, tx: number, ty: number): Uint8ClampedArray => {
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, RENDER_SIDE, RENDER_SIDE);
      ctx.setTransform(scale, 0, 0, scale, tx, ty);
      ctx.font = fontCss(spec, size);
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillStyle = '#000';
      ctx.fillText(spec.char, RENDER_SIDE / 2, RENDER_SIDE / 2);
      return ctx.getImageData(0, 0, RENDER_SIDE, RENDER_SIDE).data;
    };
    const box = inkBox(draw(1, 0, 0), RENDER_SIDE);
    if (!box) continue;
    const p = placement(box, RENDER_SIDE, spec.dx, spec.dy);
    images.push(downsample(draw(p.scale, p.tx, p.ty), RENDER_SIDE, SUPERSAMPLE));
  }
  if (images.length === 0) throw new Error('No font on this system drew the glyphs.');
  const data = glyphDataset(images, chars, GLYPH_FONTS);
  cache.set(set, data);
  return data;
}
