/**
 * Clip names a musician can tell apart: an unnamed clip is named after how it was made, and a
 * name another clip already has gets the next free number, "Reel (2)", "Reel (3)" …
 */
import type { z } from 'zod';
import type { MelodyOrigin } from '../../../preload/contract';

const ORIGIN_LABELS: Record<z.output<typeof MelodyOrigin>, string> = {
  generate: 'Generate',
  variation: 'Variation',
  interpolate: 'Interpolation',
  continue: 'Continue',
  import: 'Import',
  edit: 'Sketch',
};

const MAX_TITLE = 120;

/**
 * "Generate · seed 21 · 8 bars", "Generate · seed 21 · take 2 · 8 bars", "Interpolation · step 3
 * · 4 bars", "Sketch · 2 bars": what made the clip, the seed that makes it again, its length.
 */
export function defaultTitle(c: {
  origin: z.output<typeof MelodyOrigin>;
  seed: number;
  bars: number;
  /** Made by a model (the seed then tells it apart). */
  model: boolean;
  params: Record<string, unknown>;
}): string {
  const parts = [ORIGIN_LABELS[c.origin]];
  const take = typeof c.params.take === 'number' && Number.isInteger(c.params.take) ? c.params.take : 0;
  if (c.origin === 'interpolate') parts.push(`step ${take + 1}`);
  else if (c.model) {
    parts.push(`seed ${c.seed}`);
    if (take > 0) parts.push(`take ${take + 1}`);
  }
  parts.push(`${c.bars} bar${c.bars === 1 ? '' : 's'}`);
  return parts.join(' · ');
}

const NUMBERED = /^(.*) \((\d+)\)$/;

/**
 * `name`, or when another clip has it, the same name with the first free number: "Reel" →
 * "Reel (2)"; "Reel (2)" → "Reel (3)". `taken` holds the titles in use (case-insensitive).
 */
export function uniqueTitle(name: string, taken: Iterable<string>): string {
  const base = name.trim().replace(/\s+/g, ' ');
  const used = new Set([...taken].map((t) => t.toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  const m = NUMBERED.exec(base);
  const stem = m ? m[1]! : base;
  for (let n = m ? Number(m[2]) + 1 : 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = `${stem.slice(0, MAX_TITLE - suffix.length).trimEnd()}${suffix}`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}

/** The stem whose numbered titles can collide with `name` ("Reel (2)" → "Reel"). */
export function titleStem(name: string): string {
  const base = name.trim().replace(/\s+/g, ' ');
  return NUMBERED.exec(base)?.[1] ?? base;
}
