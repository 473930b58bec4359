/**
 * `atelier augment midi`: a folder of MIDI melodies (optionally in label folders, with a held-out
 * test/ split left alone) augmented with the bundled melody models — variations near each melody
 * in the melody VAE, continuations by the melody RNN, transpositions — into `train/<label>/`,
 * `train/metadata.jsonl` and a README.md card. Progress on stderr, the result as JSON on stdout;
 * Ctrl+C cancels (a rerun goes on from there).
 */
import { resolve } from 'node:path';
import { DATASET_MAX_K, MIDI_AUGMENT_METHODS } from '../../preload/contract';
import { flags, intFlag, num } from './args';
import { parseSet } from './augment';
import { UsageError } from './errors';
import { asJob } from './job';

export const usage = [
  'augment midi --in DIR --out DIR [--methods variations,continuations,transpositions] [--k N] [--seed S]',
  '[--near-duplicate X] [--set spread=0.7] [--set temperature=0.9] [--set bars=4] [--set semitones=-5,-2,2,5]',
  '[--set keyLock=false]   (a folder of .mid files, optionally in label folders; N: 1–64, X: 0–1)',
];

/** "variations,continuations" → the method names, each checked. */
export function parseMethods(text: string): string[] {
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!names.length) throw new UsageError('--methods must name at least one method');
  for (const n of names)
    if (!(MIDI_AUGMENT_METHODS as readonly string[]).includes(n))
      throw new UsageError(`--methods takes ${MIDI_AUGMENT_METHODS.join(', ')}; got "${n.slice(0, 40)}"`);
  return names;
}

/** `--set` values; "semitones=-5,2" (a comma list) reads as the list [-5, 2]. */
export function parseMidiSet(text: string): [string, unknown] {
  const [key, value] = parseSet(text);
  if (key === 'semitones' && typeof value === 'string' && /^\s*-?\d+(\s*,\s*-?\d+)*\s*$/.test(value))
    return [key, value.split(',').map((v) => Number(v.trim()))];
  return [key, value];
}

export async function run(args: string[]): Promise<void> {
  const values = flags(args, {
    in: { type: 'string' },
    out: { type: 'string' },
    methods: { type: 'string', default: MIDI_AUGMENT_METHODS.join(',') },
    k: { type: 'string', default: '4' },
    seed: { type: 'string', default: '0' },
    'near-duplicate': { type: 'string' },
    set: { type: 'string', multiple: true },
    'data-dir': { type: 'string' },
  });
  if (!values.in) throw new UsageError('--in DIR is required (a folder of .mid files, or of label folders)');
  if (!values.out) throw new UsageError('--out DIR is required (a new or empty folder outside --in)');
  const nearDuplicate = num('near-duplicate', values['near-duplicate']);
  const input = {
    input: resolve(values.in),
    out: resolve(values.out),
    methods: parseMethods(values.methods),
    k: intFlag('k', values.k, 1, DATASET_MAX_K),
    seed: intFlag('seed', values.seed, 0, 0xffffffff),
    ...(nearDuplicate !== undefined ? { nearDuplicate } : {}),
    ...(values.set ? { params: Object.fromEntries(values.set.map(parseMidiSet)) } : {}),
  };
  const r = await asJob(values['data-dir'], ({ call }, jobId) =>
    call('datasets.augmentMidi', { ...input, jobId }),
  );
  console.log(JSON.stringify(r, null, 2));
}
