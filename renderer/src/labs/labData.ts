/**
 * Where a lab's training data comes from, as the page sees it: a preset drawn from the lab's seed,
 * the points drawn or opened from a CSV, or the glyph images; and the other way, what to keep
 * for a run that was opened (its data as it was saved).
 */
import { DEFAULT_POINTS, isPreset, preset } from '../../../preload/labs/data';
import type { Dataset } from '../../../preload/labs/types';
import { GLYPH_SETS, type GlyphSet } from './glyphs';
import type { DataChoice } from './prefs';

export type GlyphRenderer = (set: GlyphSet) => Dataset;

export function datasetFor(
  choice: DataChoice,
  seed: number,
  images: { on: boolean; set: GlyphSet },
  render: GlyphRenderer,
): Dataset {
  if (images.on) return render(images.set);
  switch (choice.kind) {
    case 'preset':
      return preset(choice.name, DEFAULT_POINTS, seed);
    case 'drawn':
      return { dim: 2, points: choice.points, source: { kind: 'drawn' } };
    case 'csv':
      return { dim: 2, points: choice.points, source: { kind: 'csv', name: choice.name } };
  }
}

/** What the prefs keep for an opened run's data (images: the glyph set its characters were). */
export function choiceFor(data: Dataset): { data?: DataChoice; images: boolean; glyphs?: GlyphSet } {
  const src = data.source;
  if (data.dim > 2) {
    const set =
      src.kind === 'glyphs'
        ? (Object.keys(GLYPH_SETS) as GlyphSet[]).find((k) => GLYPH_SETS[k].chars === src.chars)
        : undefined;
    return { images: true, ...(set ? { glyphs: set } : {}) };
  }
  if (src.kind === 'preset' && isPreset(src.name))
    return { images: false, data: { kind: 'preset', name: src.name } };
  if (src.kind === 'csv')
    return { images: false, data: { kind: 'csv', name: src.name, points: data.points } };
  return { images: false, data: { kind: 'drawn', points: data.points } };
}

/** One line saying what the data is ("Ring of 8 Gaussians · 1,000 points"). */
export function dataLine(data: Dataset, presetLabel: (name: string) => string): string {
  const n = (data.points.length / data.dim).toLocaleString('en-US');
  const src = data.source;
  switch (src.kind) {
    case 'preset':
      return `${presetLabel(src.name)} · ${n} points`;
    case 'drawn':
      return `Drawn by hand · ${n} points`;
    case 'csv':
      return `${src.name} · ${n} points`;
    case 'glyphs':
      return `Glyphs ${src.chars} in ${src.fonts.length} font${src.fonts.length === 1 ? '' : 's'} · ${n} images of ${src.size}×${src.size}`;
  }
}
