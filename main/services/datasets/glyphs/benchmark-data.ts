/**
 * The few-shot glyph benchmark's data: the machine's fonts that have all 62 characters, grouped
 * into families (the typographic family with width words such as "Narrow" or "Condensed"
 * dropped, so Liberation Sans Narrow is Liberation Sans), every glyph drawn in the glyph VAE's
 * framing, and the split.
 *
 * The split, so a table over k reads like a paper's: the test set is every font of a fixed third
 * of the families (every third family in name order, starting with the second; at least one),
 * the same for every k and seed and never trained on; for each seed and character, the training
 * fonts are the first k of one seeded order of the other families' fonts, so k = 1 ⊂ 3 ⊂ 5.
 */
import { invalid } from '../../../../preload/contract';
import { Rng } from '../../../../preload/rng';
import type { Rgba } from '../../../inference/image';
import { itemSeed } from '../method';
import { cancelled } from '../progress';
import { findFonts, GLYPH_CHARS, renderGlyphs, type FontFace } from './fonts';
import { fontStem } from './sheet';

const WIDTH_WORDS = /\b(?:ultra|extra|semi)?[- ]?(?:narrow|condensed|compressed|extended|expanded|wide)\b/gi;

/** "Liberation Sans Narrow" → "Liberation Sans". */
export function familyGroup(family: string): string {
  return family.replace(WIDTH_WORDS, ' ').replace(/\s+/g, ' ').trim() || family;
}

export interface BenchFont {
  face: FontFace;
  /** A short unique name (its file's stem) used in item seeds. */
  name: string;
  group: string;
  /** The 62 glyphs, 64×64, in GLYPH_CHARS order. */
  glyphs: Rgba[];
}

export interface BenchFonts {
  found: number;
  families: string[];
  testFamilies: string[];
  test: BenchFont[];
  pool: BenchFont[];
}

/** The fonts of `dirs` (default: the system's), drawn and split; a refusal if too few. */
export async function benchmarkFonts(
  maxK: number,
  dirs?: readonly string[],
  signal?: AbortSignal,
): Promise<BenchFonts> {
  const faces = (await findFonts(dirs)).filter((f) => f.chars === GLYPH_CHARS.length);
  const fonts: BenchFont[] = [];
  const names = new Set<string>();
  for (const face of faces) {
    if (signal?.aborted) throw cancelled();
    const drawn = await renderGlyphs(face.path, 64).catch(() => null);
    if (!drawn || drawn.some((g) => !g.image)) continue;
    let name = fontStem(face.path);
    while (names.has(name)) name += '_';
    names.add(name);
    fonts.push({ face, name, group: familyGroup(face.family), glyphs: drawn.map((g) => g.image!) });
  }
  const families = [...new Set(fonts.map((f) => f.group))].sort();
  if (families.length < 2)
    throw invalid(
      `The benchmark needs fonts of at least 2 families with all of A–Z, a–z, 0–9; this machine has ${fonts.length} such font${fonts.length === 1 ? '' : 's'} in ${families.length} famil${families.length === 1 ? 'y' : 'ies'}.`,
      'ks',
    );
  const testFamilies = families.filter((_, i) => i % 3 === 1);
  const test = fonts.filter((f) => testFamilies.includes(f.group));
  const pool = fonts.filter((f) => !testFamilies.includes(f.group));
  if (pool.length < maxK)
    throw invalid(
      `k = ${maxK} needs ${maxK} training fonts per character, but this machine has ${pool.length} outside the held-out families.`,
      'ks',
    );
  return { found: faces.length, families, testFamilies, test, pool };
}

/** For each character (GLYPH_CHARS order), the pool's fonts in this seed's order; the first k train. */
export function trainingOrder(pool: readonly BenchFont[], seed: number): BenchFont[][] {
  return GLYPH_CHARS.map((ch) => {
    const rng = new Rng(itemSeed(seed, ch, 'benchmark-fonts', 0));
    const order = [...pool];
    for (let i = order.length - 1; i > 0; i--) {
      const j = rng.nextU32() % (i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    return order;
  });
}
