/**
 * `atelier augment glyphs`: a font's 62 glyphs → k style variations with the glyph VAE, written
 * as an ImageFolder (`train/<char>/…`, `train/metadata.jsonl`), contact sheets (`sheets/`) and a
 * README.md card. `augment glyphs --list` prints the fonts this machine has. Progress on stderr,
 * the result as JSON on stdout; Ctrl+C cancels (a rerun goes on from there).
 */
import { resolve } from 'node:path';
import { DATASET_MAX_K } from '../../preload/contract';
import { findFonts } from '../services/datasets/glyphs/fonts';
import { flags, intFlag, num } from './args';
import { UsageError } from './errors';
import { asJob } from './job';

export const usage = [
  'augment glyphs --font FILE --out DIR [--k N] [--seed S] [--spread X] [--model ID]',
  `(a font's A–Z a–z 0–9 → N style variations, each a whole sheet; N: 1–${DATASET_MAX_K}, X: 0–3 posterior sds)`,
  'augment glyphs --list   (the fonts this machine has, as JSON)',
];

export async function run(args: string[]): Promise<void> {
  const values = flags(args, {
    font: { type: 'string' },
    out: { type: 'string' },
    k: { type: 'string', default: '4' },
    seed: { type: 'string', default: '0' },
    spread: { type: 'string' },
    model: { type: 'string' },
    list: { type: 'boolean' },
    'data-dir': { type: 'string' },
  });
  if (values.list) {
    console.log(JSON.stringify(await findFonts(), null, 2));
    return;
  }
  if (!values.font)
    throw new UsageError('--font FILE is required (a .ttf, .otf or .woff file; --list shows them)');
  if (!values.out) throw new UsageError('--out DIR is required (a new or empty folder)');
  const spread = num('spread', values.spread);
  const input = {
    font: resolve(values.font),
    out: resolve(values.out),
    k: intFlag('k', values.k, 1, DATASET_MAX_K),
    seed: intFlag('seed', values.seed, 0, 0xffffffff),
    ...(spread !== undefined ? { spread } : {}),
    ...(values.model ? { model: values.model } : {}),
  };
  const r = await asJob(values['data-dir'], ({ call }, jobId) =>
    call('datasets.glyphSheet', { ...input, jobId }),
  );
  console.log(JSON.stringify(r, null, 2));
}
