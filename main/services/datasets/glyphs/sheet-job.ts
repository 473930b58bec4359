/**
 * `datasets.glyphSheet`: a font's glyphs → k variations of its style, each a whole consistent
 * new font. The font's 62 glyphs are drawn in the glyph VAE's framing (./fonts.ts) and encoded
 * with their characters; the font's style is the mean posterior (./style.ts); variation j draws
 * one style point around it (spread in posterior standard deviations, seeded by `itemSeed`) and
 * decodes every character with that same point.
 *
 * Output: `train/<charFolder>/<font>-real.png` and `train/<charFolder>/<font>-v<j>.png` (an
 * ImageFolder for a 62-class classifier) with `train/metadata.jsonl`, `sheets/<font>.png` and
 * `sheets/<font>-v<j>.png` (contact sheets), and a README.md card. Deterministic, resumable (the
 * dataset writer keeps intact items; a variation whose files and sheet are all there is not
 * decoded again), cancellable between glyphs, progress with an ETA.
 */
import { randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import {
  invalid,
  type DatasetsGlyphSheetInput,
  type DatasetsGlyphSheetResult,
} from '../../../../preload/contract';
import { encodeRgbaPng, type Rgba } from '../../../inference/image';
import type { ServiceDeps } from '../../section';
import { renderCard, type CardInfo } from '../card';
import { REAL, sha256, type PlannedRow } from '../manifest';
import { itemSeed } from '../method';
import { DEFAULT_VAE_MODEL } from '../methods';
import { cancelled, progressMessage, progressTracker } from '../progress';
import { openDatasetWriter, writeWhole } from '../writer';
import { charFolder, FontError, GLYPH_CHARS, renderGlyphs } from './fonts';
import { checkGlyphPaths } from './paths';
import { contactSheet, fontStem } from './sheet';
import { decodeFont, fontStyle, glyphModel, variationPoint } from './style';

export const SHEET_METHOD = 'glyph-sheet';

type Input = Omit<DatasetsGlyphSheetInput, 'spread'> & { spread: number };

export async function glyphSheetJob(deps: ServiceDeps, input: Input): Promise<DatasetsGlyphSheetResult> {
  const { font, out } = await checkGlyphPaths(input.font, input.out, deps.dataDir);
  const m = glyphModel(deps, input.model ?? DEFAULT_VAE_MODEL);
  // Drawn before the job starts, so a damaged font is a refusal naming the field.
  const rendered = await renderGlyphs(font, m.manifest.latent.width).catch((e: unknown) => {
    throw e instanceof FontError ? invalid(e.message, 'font') : e;
  });
  return deps.jobs.run(
    input.jobId ?? randomUUID(),
    (ctx) =>
      glyphSheet(deps, m, rendered, { ...input, font, out }, ctx.signal, (done, total, etaMs) =>
        ctx.progress('inference', total ? done / total : 1, progressMessage({ done, total, etaMs })),
      ),
    { kind: 'datasets', label: `Glyph sheet · ${basename(font)}`, seed: input.seed, count: 0 },
  );
}

async function glyphSheet(
  deps: ServiceDeps,
  m: ReturnType<typeof glyphModel>,
  rendered: Awaited<ReturnType<typeof renderGlyphs>>,
  o: Input,
  signal: AbortSignal,
  onProgress: (done: number, total: number, etaMs: number | null) => void,
): Promise<DatasetsGlyphSheetResult> {
  const size = m.manifest.latent.width;
  const stem = fontStem(o.font);
  const fontBytes = await readFile(o.font);
  const present = rendered.filter((g) => g.image && m.charset.includes(g.char)) as {
    char: string;
    image: Rgba;
  }[];
  const missing = GLYPH_CHARS.filter((c) => !present.some((g) => g.char === c));
  const spread = o.spread;
  const params = (j: number): unknown => ({ spread, variation: j });
  const base = { source: basename(o.font), source_sha256: sha256(fontBytes) };
  const model = { id: m.id, sha256: m.sha256, licence: m.manifest.license };
  const seeds = Array.from({ length: o.k }, (_, j) => itemSeed(o.seed, basename(o.font), SHEET_METHOD, j));
  const rows = (j: number | null): PlannedRow[] =>
    present.map((g) => ({
      ...base,
      file_name: `${charFolder(g.char)}/${stem}-${j === null ? 'real' : `v${j}`}.png`,
      label: charFolder(g.char),
      method: j === null ? REAL : SHEET_METHOD,
      model: j === null ? null : m.id,
      model_sha256: j === null ? null : m.sha256,
      seed: j === null ? null : seeds[j]!,
      params: j === null ? null : params(j),
    }));

  const writer = await openDatasetWriter({ out: o.out, layout: 'beside' });
  const result = { written: 0, reused: 0 };
  const total = present.length * (2 + o.k);
  const tick = progressTracker(total, onProgress).settle;
  const sheetName = (j: number | null): string => `sheets/${stem}${j === null ? '' : `-v${j}`}.png`;
  const sheetOf = (images: readonly Rgba[]): Rgba =>
    contactSheet(
      GLYPH_CHARS.map((c) => {
        const i = present.findIndex((g) => g.char === c);
        return i < 0 ? null : images[i]!;
      }),
      size,
    );
  /** Writes a set of glyphs (real or one variation) and its sheet, unless all are there. */
  const put = async (list: PlannedRow[], images: () => Promise<Rgba[]>, sheet: string): Promise<void> => {
    const have = list.map((r) => writer.claim(r));
    const sheetThere = Boolean(await stat(join(o.out, sheet)).catch(() => null));
    if (have.every(Boolean) && sheetThere) {
      result.reused += list.length;
      tick(list.length, false);
      return;
    }
    const made = await images();
    for (let i = 0; i < list.length; i++) {
      if (signal.aborted) throw cancelled();
      if (have[i]) result.reused++;
      else {
        await writer.write(list[i]!, encodeRgbaPng(made[i]!));
        result.written++;
      }
    }
    await writeWhole(join(o.out, sheet), encodeRgbaPng(sheetOf(made)));
    tick(list.length, true);
  };

  try {
    await put(rows(null), () => Promise.resolve(present.map((g) => g.image)), sheetName(null));
    let style: Awaited<ReturnType<typeof fontStyle>> | null = null;
    const chars = present.map((g) => m.charset.indexOf(g.char));
    for (let j = 0; j < o.k; j++) {
      if (signal.aborted) throw cancelled();
      await put(
        rows(j),
        async () => {
          style ??= await fontStyle(
            deps,
            m,
            present.map((g, i) => ({ charIndex: chars[i]!, image: g.image })),
            signal,
            () => tick(1, true),
          );
          return decodeFont(deps, m, variationPoint(style, spread, seeds[j]!), chars, signal);
        },
        sheetName(j),
      );
    }
    if (!style) tick(present.length, false);
  } catch (e) {
    await writer.finish(false);
    throw e;
  }
  await writer.finish(true);

  const card: CardInfo = {
    title: `${stem}, ${o.k} style variation${o.k === 1 ? '' : 's'}`,
    command: `atelier augment glyphs --font FONT --out OUTPUT --k ${o.k} --seed ${o.seed} --spread ${spread}${o.model ? ` --model ${o.model}` : ''}`,
    seed: o.seed,
    k: o.k,
    layout: 'beside',
    nearDuplicate: 0,
    classes: new Map(present.map((g) => [charFolder(g.char), { real: 1, synthetic: o.k }])),
    methods: new Map([[SHEET_METHOD, { model, params: { spread }, made: present.length * o.k, dropped: 0 }]]),
    heldOut: new Map(),
    skipped: {
      count: missing.length,
      listed: missing.map((c) => ({
        path: `${charFolder(c)} (${c})`,
        reason: 'the font has no glyph for it',
      })),
    },
    corrupt: { count: 0, listed: [] },
  };
  const sheets = [null, ...seeds.map((_, j) => j)].map(sheetName);
  const cardPath = join(o.out, 'README.md');
  await writeWhole(cardPath, renderCard(card) + sheetSection(stem, o.k, spread, sheets));
  return { ...result, missing, sheets, cardPath, manifestPath: writer.manifestPath };
}

function sheetSection(stem: string, k: number, spread: number, sheets: string[]): string {
  return [
    '## Sheets',
    '',
    `Each variation is one style point drawn around the font's own style (the mean posterior of its glyphs in ` +
      `the glyph VAE, ${spread} posterior standard deviations of spread), with every character decoded from that ` +
      `same point, so a variation reads as one consistent new typeface. Sheets: \`${sheets[0]}\` (${stem} itself)` +
      `${k ? ` and ${k} variation${k === 1 ? '' : 's'} (\`${sheets[1]}\`…)` : ''}.`,
    '',
  ].join('\n');
}
