/**
 * The MIDI dataset's card: `README.md` at the output root, in the Hugging Face card layout like
 * the image one (../card.ts): counts per label and method, the methods with their models and
 * parameters, the command (folders as INPUT and OUTPUT), held-out splits left alone, unreadable
 * inputs and items not made, each with its reason, and the licences. No date or machine detail,
 * so the same run writes the same card.
 */
import {
  cardHead,
  cell,
  heldOutSection,
  issues,
  madeBy,
  methodsTable,
  modelLicences,
  sorted,
  type IssueList,
  type MethodStats,
} from '../card';

export interface MidiCardInfo {
  title: string;
  command: string;
  seed: number;
  k: number;
  nearDuplicate: number;
  /** Per label ('' = none): real melodies copied and synthetic ones per method. */
  labels: Map<string, { real: number; synthetic: Map<string, number> }>;
  methods: Map<string, MethodStats>;
  heldOut: Map<string, number>;
  skipped: IssueList;
  corrupt: IssueList;
  /** Synthetic items a method could not make (a transposition out of MIDI's range, …). */
  notMade: IssueList;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export function renderMidiCard(c: MidiCardInfo): string {
  const labels = sorted(c.labels);
  const methods = sorted(c.methods);
  const real = labels.reduce((n, [, v]) => n + v.real, 0);
  const synthetic = methods.reduce((n, [, m]) => n + m.made, 0);
  const dropped = methods.reduce((n, [, m]) => n + m.dropped, 0);
  return [
    ...cardHead(c.title, ['tags:', '- music', '- midi', '- synthetic', '- data-augmentation']),
    `${plural(real, 'real melody', 'real melodies')} and ${synthetic} synthetic ones as single-track MIDI files ` +
      'under `train/<label>/` (melodies without a label folder straight under `train/`), with ' +
      '`train/metadata.jsonl`: for every file its label, and for each synthetic one its source file, method, ' +
      'model and model hash, seed, parameters and sha256.',
    '',
    "Each source's melody is its top non-drum track (the highest average pitch); the real item is that track " +
      'written out with the source’s tempo, meter and key signature, so real and synthetic files are alike.',
    '',
    ...madeBy(c.command),
    `Run seed ${c.seed}, ${plural(c.k, 'new melody', 'new melodies')} per source and method. Each item's seed is ` +
      'derived from the run seed, its source path, method and index, so the same command gives the same bytes ' +
      'on any machine.',
    '',
    '## Labels',
    '',
    `| label | real | ${methods.map(([id]) => cell(id)).join(' | ')} |`,
    `| --- | ---: | ${methods.map(() => '---:').join(' | ')} |`,
    ...labels.map(
      ([name, v]) =>
        `| ${name ? cell(name) : '(none)'} | ${v.real} | ${methods.map(([id]) => v.synthetic.get(id) ?? 0).join(' | ')} |`,
    ),
    '',
    ...methodsTable(methods),
    '',
    'The melody models were trained on 4/4 and 2/4 folk tunes on a 16th-note grid: melodies in other meters ' +
      'are read on the same grid (their own bar lines kept in the files), and model output is moved by whole ' +
      "octaves to the source's register.",
    '',
    c.nearDuplicate > 0
      ? `${plural(dropped, 'melody was', 'melodies were')} dropped as near-duplicates: closer than ${c.nearDuplicate} ` +
        'to their source or to a kept melody of the same source and method, the distance being 1 − the share of ' +
        'notes in common (the Jaccard distance of their (16th-grid onset, pitch) sets: 0 = the same notes, 1 = none shared).'
      : 'No near-duplicate filter was used.',
    '',
    ...heldOutSection(c.heldOut, (n) => plural(n, 'file')),
    ...issues('Inputs that could not be read', c.corrupt),
    ...issues('Inputs skipped', c.skipped),
    ...issues('Items not made', c.notMade),
    '## Licences',
    '',
    '- Input melodies: not given',
    ...modelLicences(methods),
    '',
  ].join('\n');
}
