/**
 * A library palette record back on the bench (its colours, locks, seed, temperature, name), and
 * the Library card's meta line. Records are read leniently: whatever an older Atelier left out
 * falls back to something that works.
 */
import type { Generation } from '../../../preload/contract';
import { initialPalette, parsePalette, type PaletteState } from './editor';
import { ordinal } from './meter';

export interface OpenedPalette {
  palette: PaletteState;
  seed: number;
  temperature: number | null;
  name: string;
}

/** The record as the studio opens it, or null when it holds no readable palette. */
export function openedPalette(gen: Generation): OpenedPalette | null {
  if (gen.kind !== 'palette') return null;
  const p = gen.params;
  const fallback = initialPalette();
  const palette = parsePalette({ colors: p.colors, locks: p.locks }, fallback);
  if (palette === fallback) return null;
  return {
    palette: { ...palette, openedId: gen.id },
    seed: gen.seed,
    temperature: typeof p.temperature === 'number' && Number.isFinite(p.temperature) ? p.temperature : null,
    name: typeof p.name === 'string' ? p.name : '',
  };
}

/** The card's meta line: how typical the palette was when saved ("61st percentile"). */
export function paletteMeta(gen: Generation): string {
  if (gen.kind !== 'palette') return '–';
  const p = gen.params.percentile;
  return typeof p === 'number' && Number.isFinite(p) ? `${ordinal(p)} percentile` : '–';
}
