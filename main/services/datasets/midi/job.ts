/**
 * `datasets.augmentMidi`: a folder of MIDI melodies into an augmented training set (./run.ts) as
 * a job (kind `datasets`, "Augment MIDI · <folder>", progress "done/total items · about N s
 * left", `jobs.cancel`). Everything a page sends is checked before the job starts: the folders
 * (../folders.ts), the parameters, the models the methods need, and that the input holds MIDI.
 */
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import {
  invalid,
  MIDI_AUGMENT_METHODS,
  type DatasetsAugmentMidiInput,
  type DatasetsAugmentResult,
} from '../../../../preload/contract';
import type { ServiceDeps } from '../../section';
import { checkAugmentFolders } from '../folders';
import { progressMessage } from '../progress';
import { midiMethods } from './methods';
import { parseMidiParams } from './params';
import { augmentMidiFolder } from './run';
import { countMidiFolder } from './scan';

export async function augmentMidiJob(
  deps: ServiceDeps,
  input: DatasetsAugmentMidiInput,
): Promise<DatasetsAugmentResult> {
  const folders = await checkAugmentFolders(input.input, input.out, deps.dataDir);
  const params = parseMidiParams(input.params);
  // The methods in one fixed order, whatever order they were named in: the same dataset either way.
  const ids = MIDI_AUGMENT_METHODS.filter((m) => input.methods.includes(m));
  const methods = midiMethods(deps, ids);
  const counted = await countMidiFolder(folders.input);
  if (!counted.train)
    throw invalid(
      `The input folder ${folders.input} holds no MIDI files to augment (.mid or .midi, straight in it, in label folders, or under train/).`,
      'input',
    );
  const seed = input.seed;
  const k = input.k;
  return deps.jobs.run(
    input.jobId ?? randomUUID(),
    async (ctx) => {
      ctx.progress('preparing', 0, 'Counting melodies');
      return augmentMidiFolder({
        inference: deps.inference,
        ...folders,
        methods,
        params,
        k,
        seed,
        nearDuplicate: input.nearDuplicate ?? 0,
        title: `${basename(folders.input)}, augmented`,
        command: midiCommand(input),
        signal: ctx.signal,
        onProgress: (p) => ctx.progress('inference', p.total ? p.done / p.total : 1, progressMessage(p)),
      });
    },
    { kind: 'datasets', label: `Augment MIDI · ${basename(folders.input)}`, seed, count: 0 },
  );
}

/**
 * The command line that makes the same dataset, for its card; the folders are INPUT and OUTPUT
 * (a card travels with the dataset and must not show where the user keeps files).
 */
export function midiCommand(i: DatasetsAugmentMidiInput): string {
  const methods = MIDI_AUGMENT_METHODS.filter((m) => i.methods.includes(m));
  const parts = ['atelier augment midi --in INPUT --out OUTPUT', '--methods', methods.join(',')];
  parts.push('--k', String(i.k), '--seed', String(i.seed));
  if (i.nearDuplicate) parts.push('--near-duplicate', String(i.nearDuplicate));
  for (const [key, v] of Object.entries(i.params ?? {})) parts.push('--set', `'${key}=${JSON.stringify(v)}'`);
  return parts.join(' ');
}
