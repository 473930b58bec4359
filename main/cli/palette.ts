/**
 * `atelier palette`: palettes from the palette flow on the command line. One line per palette on
 * stdout — the five colours, comma-separated, a space, the log-likelihood (2 decimals), and for
 * `score` a space and the typicality percentile:
 *
 *   #ecd078,#d95b43,#c02942,#542437,#53777a 23.07 61%
 *
 * Colours are "#rrggbb" ("rrggbb" and "#rgb" are read too). `--lock` lists the five slots left to
 * right, comma-separated: a colour keeps that slot, an empty (or missing) slot is drawn by the
 * model — "#aabbcc,,#112233,," keeps colours 1 and 3; "#aabbcc,#112233" keeps 1 and 2.
 * A bad colour or count is one line on stderr and exit 2.
 *
 * `palette apply --id ID --colors "…" [--strength S] --out FILE.png` recolours a library texture,
 * image or latent glyph sheet with the palette: a new record of the same kind, written to FILE.png
 * (checked before anything runs), and one line saying what was written.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { PALETTE_MAX_COUNT, type PaletteResult } from '../../preload/contract';
import { normalizeHex, PALETTE_COLORS } from '../../preload/palette';
import { flags, intFlag, num } from './args';
import { UsageError } from './errors';
import { checkOutFile, copyOut } from './output';
import { cancelOnInterrupt, deliverRecords, withAtelier } from './session';

export const name = 'palette';

export const usage = [
  `palette sample [--seed N] [--count K] [--temperature T] [--model ID]   (K: 1–${PALETTE_MAX_COUNT}, T: 0–2)`,
  'palette score "#aabbcc,#112233,#445566,#778899,#ddeeff" [--model ID]   (exactly 5 colours)',
  'palette complete --lock "#aabbcc,,#112233,," [--seed N] [--count K] [--temperature T] [--model ID]',
  '(--lock: 5 slots left to right; a colour is kept in its place, an empty or missing slot is drawn)',
  'palette apply --id GENERATION_ID --colors "#aabbcc,#112233,#445566,#778899,#ddeeff" [--strength S] --out FILE.png',
  '(apply: recolours a library texture, image or latent glyph sheet, S 0–1, default 1; a new library record)',
  '(one line per palette: 5 colours, the log-likelihood; score adds the typicality percentile)',
];

const ordinal = (k: number): string => `colour ${k + 1}`;

/** One colour as typed; a UsageError naming where it was otherwise. */
function colorAt(text: string, k: number, where: string): string {
  const hex = normalizeHex(text);
  if (hex === null)
    throw new UsageError(`${where}: ${ordinal(k)} "${text.trim().slice(0, 24)}" is not a colour as #rrggbb`);
  return hex;
}

/** "#aabbcc,#112233,…" → exactly five colours. */
export function parseColors(text: string, where = 'palette score'): string[] {
  const parts = text.split(',');
  if (parts.length !== PALETTE_COLORS || parts.some((p) => p.trim() === ''))
    throw new UsageError(
      `${where} needs exactly ${PALETTE_COLORS} colours separated by commas, got ${parts.filter((p) => p.trim() !== '').length}`,
    );
  return parts.map((p, k) => colorAt(p, k, where));
}

/** "#aabbcc,,#112233" → five slots, a colour to keep or null (drawn); missing trailing slots are drawn. */
export function parseLock(text: string): (string | null)[] {
  const parts = text.split(',');
  if (parts.length > PALETTE_COLORS)
    throw new UsageError(`--lock has ${parts.length} slots; a palette has ${PALETTE_COLORS}`);
  const slots = Array.from({ length: PALETTE_COLORS }, (_, k) => {
    const p = parts[k]?.trim() ?? '';
    return p === '' ? null : colorAt(p, k, '--lock');
  });
  if (slots.every((s) => s !== null))
    throw new UsageError('--lock keeps all 5 colours; leave at least one slot empty for the model to draw');
  return slots;
}

/** One output line: "#…,#…,#…,#…,#… 12.34" (+ " 87%" with the percentile). */
export function formatPalette(p: PaletteResult, withPercentile = false): string {
  const line = `${p.colors.join(',')} ${p.logLik.toFixed(2)}`;
  return withPercentile ? `${line} ${Math.round(p.percentile)}%` : line;
}

const SAMPLING = {
  seed: { type: 'string', default: '0' },
  count: { type: 'string', default: '1' },
  temperature: { type: 'string' },
  model: { type: 'string' },
  'data-dir': { type: 'string' },
} as const;

function sampling(values: { seed: string; count: string; temperature?: string; model?: string }) {
  return {
    seed: num('seed', values.seed),
    count: intFlag('count', values.count, 1, PALETTE_MAX_COUNT),
    ...(values.temperature !== undefined ? { temperature: num('temperature', values.temperature) } : {}),
    ...(values.model ? { model: values.model } : {}),
  };
}

export async function run(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'sample') {
    const values = flags(rest, SAMPLING);
    const input = sampling(values);
    const r = await withAtelier(values['data-dir'], ({ call }) => call('palette.generate', input));
    for (const p of r.palettes) console.log(formatPalette(p));
  } else if (sub === 'complete') {
    const values = flags(rest, { ...SAMPLING, lock: { type: 'string' } });
    if (values.lock === undefined) throw new UsageError('--lock "#aabbcc,,#112233,," is required');
    const input = { ...sampling(values), colors: parseLock(values.lock) };
    const r = await withAtelier(values['data-dir'], ({ call }) => call('palette.complete', input));
    for (const p of r.palettes) console.log(formatPalette(p));
  } else if (sub === 'score') {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { model: { type: 'string' }, 'data-dir': { type: 'string' } },
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length !== 1)
      throw new UsageError(
        `palette score takes one argument, the ${PALETTE_COLORS} colours: "#aabbcc,#112233,#445566,#778899,#ddeeff"`,
      );
    const input = { colors: parseColors(positionals[0]!), ...(values.model ? { model: values.model } : {}) };
    const p = await withAtelier(values['data-dir'], ({ call }) => call('palette.score', input));
    console.log(formatPalette(p, true));
  } else if (sub === 'apply') await apply(rest);
  else
    throw new UsageError(
      `palette needs a subcommand: sample, score, complete or apply${sub ? ` (got "${sub}")` : ''}`,
    );
}

async function apply(args: string[]): Promise<void> {
  const values = flags(args, {
    id: { type: 'string' },
    colors: { type: 'string' },
    strength: { type: 'string' },
    out: { type: 'string' },
    'data-dir': { type: 'string' },
  });
  if (!values.id)
    throw new UsageError(
      '--id GENERATION_ID is required (the texture, image or latent record to recolour; `atelier library` lists them)',
    );
  if (values.colors === undefined)
    throw new UsageError('--colors "#aabbcc,#112233,#445566,#778899,#ddeeff" is required');
  if (!values.out) throw new UsageError('--out FILE.png is required');
  const colors = parseColors(values.colors, '--colors');
  const strength = num('strength', values.strength);
  // Before anything runs: a folder that is not there or a .jpg name would waste the recolour.
  const out = checkOutFile(values.out, 'png');
  await withAtelier(values['data-dir'], async (session) => {
    const { atelier, call } = session;
    const jobId = randomUUID();
    const stopOnInterrupt = cancelOnInterrupt(atelier, jobId);
    try {
      const gen = await call('palette.apply', {
        generationId: values.id!,
        colors,
        jobId,
        ...(strength !== undefined ? { strength } : {}),
      });
      await deliverRecords(session, [
        { id: gen.id, write: () => copyOut(atelier.library.assetPath(gen.id, 'image'), out) },
      ]);
      console.log(
        `Wrote ${out} (${gen.width}×${gen.height}, ${gen.title}; ${Math.round(gen.durationMs)} ms; library id ${gen.id})`,
      );
    } finally {
      stopOnInterrupt();
    }
  });
}
