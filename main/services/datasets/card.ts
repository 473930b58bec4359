/**
 * The dataset card: `README.md` at the output root, in the Hugging Face card layout (a short
 * YAML header, then prose and tables). It holds no date or machine detail, so the same run
 * writes the same card.
 */
import type { ModelRef } from './method';

export interface CardIssue {
  path: string;
  reason: string;
}

export interface CardInfo {
  title: string;
  /** The command (or studio action) that made the dataset, as the caller words it. */
  command: string;
  seed: number;
  k: number;
  layout: 'beside' | 'apart';
  /** Near-duplicate threshold (mean absolute difference of 16×16 signatures, 0..1; 0 = off). */
  nearDuplicate: number;
  /** Per class: real images copied and synthetic images in the dataset. */
  classes: Map<string, { real: number; synthetic: number }>;
  /** Per method: images in the dataset and images dropped as near-duplicates. */
  methods: Map<string, { model: ModelRef | null; params: unknown; made: number; dropped: number }>;
  /** Held-out split images left where they are, per split. */
  heldOut: Map<string, number>;
  skipped: { count: number; listed: CardIssue[] };
  corrupt: { count: number; listed: CardIssue[] };
  /** The input data's licence as the user gave it. */
  licence?: string;
}

/** Table cells: a '|' or a line break would break the row. */
const cell = (s: string): string => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const sorted = <V>(m: Map<string, V>): [string, V][] =>
  [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

function issues(title: string, what: { count: number; listed: CardIssue[] }): string[] {
  if (!what.count) return [];
  const more = what.count - what.listed.length;
  return [
    `## ${title}`,
    '',
    '| file | reason |',
    '| --- | --- |',
    ...what.listed.map((i) => `| ${cell(i.path)} | ${cell(i.reason)} |`),
    ...(more > 0 ? ['', `…and ${more} more.`] : []),
    '',
  ];
}

export function renderCard(c: CardInfo): string {
  const classes = sorted(c.classes);
  const real = classes.reduce((n, [, v]) => n + v.real, 0);
  const synthetic = classes.reduce((n, [, v]) => n + v.synthetic, 0);
  const dropped = [...c.methods.values()].reduce((n, m) => n + m.dropped, 0);
  const licences = [
    `- Input images: ${c.licence ? cell(c.licence) : 'not given'}`,
    ...sorted(c.methods)
      .filter(([, m]) => m.model)
      .map(
        ([id, m]) =>
          `- Model ${m.model!.id} (${id}): ${m.model!.licence ? cell(m.model!.licence) : 'not given'}`,
      ),
  ];
  return [
    '---',
    `pretty_name: ${JSON.stringify(c.title)}`,
    'task_categories:',
    '- image-classification',
    'tags:',
    '- synthetic',
    '- data-augmentation',
    '---',
    '',
    `# ${c.title}`,
    '',
    `${real} real and ${synthetic} synthetic training images in ${classes.length} classes, ImageFolder layout ` +
      `(\`train/<class>/\`${c.layout === 'apart' ? ', synthetic images under `train/synthetic/<class>/`' : ''}) ` +
      'with `train/metadata.jsonl`: for every file its label, and for each synthetic one its source file, method, ' +
      'model and model hash, seed, parameters and sha256.',
    '',
    '## How it was made',
    '',
    '```',
    c.command,
    '```',
    '',
    `Run seed ${c.seed}, ${c.k} synthetic image${c.k === 1 ? '' : 's'} per source. Each item's seed is derived from ` +
      'the run seed, its source path, method and index, so the same command gives the same bytes on any machine.',
    '',
    '## Classes',
    '',
    '| class | real | synthetic |',
    '| --- | ---: | ---: |',
    ...classes.map(([name, v]) => `| ${cell(name)} | ${v.real} | ${v.synthetic} |`),
    '',
    '## Methods',
    '',
    '| method | model | made | near-duplicates dropped | parameters |',
    '| --- | --- | ---: | ---: | --- |',
    ...sorted(c.methods).map(
      ([id, m]) =>
        `| ${cell(id)} | ${m.model ? `${cell(m.model.id)} (sha256 ${m.model.sha256.slice(0, 12)}…)` : '—'} | ${m.made} | ${m.dropped} | \`${cell(JSON.stringify(m.params))}\` |`,
    ),
    '',
    c.nearDuplicate > 0
      ? `${dropped} image${dropped === 1 ? ' was' : 's were'} dropped as near-duplicates: closer than ${c.nearDuplicate} ` +
        '(mean absolute difference of 16×16 colour signatures, 0..1) to their source or to an earlier image of the same source.'
      : 'No near-duplicate filter was used.',
    '',
    ...(c.heldOut.size
      ? [
          '## Held-out splits',
          '',
          'Left untouched in the input folder and not copied:',
          ...sorted(c.heldOut).map(([split, n]) => `- ${cell(split)}: ${n} images`),
          '',
        ]
      : []),
    ...issues('Inputs that could not be read or augmented', c.corrupt),
    ...issues('Inputs skipped', c.skipped),
    '## Licences',
    '',
    ...licences,
    '',
  ].join('\n');
}
