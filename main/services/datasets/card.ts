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
  methods: Map<string, MethodStats>;
  /** Held-out split images left where they are, per split. */
  heldOut: Map<string, number>;
  skipped: IssueList;
  corrupt: IssueList;
  /** The input data's licence as the user gave it. */
  licence?: string;
}

/** Files listed with their reason: `count` of them, the first `LISTED` kept. */
export interface IssueList {
  count: number;
  listed: CardIssue[];
}

/** How many issues of a kind a card lists; the rest are counted. */
export const LISTED = 200;

export function noteIssue(list: IssueList, issue: CardIssue): void {
  list.count++;
  if (list.listed.length < LISTED) list.listed.push(issue);
}

export type MethodStats = { model: ModelRef | null; params: unknown; made: number; dropped: number };

/** Table cells: a '|' or a line break would break the row. */
export const cell = (s: string): string =>
  s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
/** A map's entries by key in code-point order. */
export const sorted = <V>(m: Map<string, V>): [string, V][] =>
  [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** The card's YAML header (`meta`: its lines after `pretty_name`) and its title. */
export const cardHead = (title: string, meta: string[]): string[] => [
  '---',
  `pretty_name: ${JSON.stringify(title)}`,
  ...meta,
  '---',
  '',
  `# ${title}`,
  '',
];

/** The command that made the dataset, as a code block. */
export const madeBy = (command: string): string[] => ['## How it was made', '', '```', command, '```', ''];

/** A section listing files and their reasons; nothing when there are none. */
export function issues(title: string, what: IssueList): string[] {
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

/** The methods table: each method's model and hash, items made and dropped, its parameters. */
export function methodsTable(methods: [string, MethodStats][]): string[] {
  return [
    '## Methods',
    '',
    '| method | model | made | near-duplicates dropped | parameters |',
    '| --- | --- | ---: | ---: | --- |',
    ...methods.map(
      ([id, m]) =>
        `| ${cell(id)} | ${m.model ? `${cell(m.model.id)} (sha256 ${m.model.sha256.slice(0, 12)}…)` : '—'} | ${m.made} | ${m.dropped} | \`${cell(JSON.stringify(m.params))}\` |`,
    ),
  ];
}

/** One licence line per method that used a model. */
export const modelLicences = (methods: [string, MethodStats][]): string[] =>
  methods
    .filter(([, m]) => m.model)
    .map(
      ([id, m]) =>
        `- Model ${m.model!.id} (${id}): ${m.model!.licence ? cell(m.model!.licence) : 'not given'}`,
    );

/** Held-out splits left in the input, with a count each (`count` words it); nothing when none. */
export const heldOutSection = (heldOut: Map<string, number>, count: (n: number) => string): string[] =>
  heldOut.size
    ? [
        '## Held-out splits',
        '',
        'Left untouched in the input folder and not copied:',
        ...sorted(heldOut).map(([split, n]) => `- ${cell(split)}: ${count(n)}`),
        '',
      ]
    : [];

export function renderCard(c: CardInfo): string {
  const classes = sorted(c.classes);
  const real = classes.reduce((n, [, v]) => n + v.real, 0);
  const synthetic = classes.reduce((n, [, v]) => n + v.synthetic, 0);
  const dropped = [...c.methods.values()].reduce((n, m) => n + m.dropped, 0);
  const licences = [
    `- Input images: ${c.licence ? cell(c.licence) : 'not given'}`,
    ...modelLicences(sorted(c.methods)),
  ];
  return [
    ...cardHead(c.title, [
      'task_categories:',
      '- image-classification',
      'tags:',
      '- synthetic',
      '- data-augmentation',
    ]),
    `${real} real and ${synthetic} synthetic training images in ${classes.length} classes, ImageFolder layout ` +
      `(\`train/<class>/\`${c.layout === 'apart' ? ', synthetic images under `train/synthetic/<class>/`' : ''}) ` +
      'with `train/metadata.jsonl`: for every file its label, and for each synthetic one its source file, method, ' +
      'model and model hash, seed, parameters and sha256.',
    '',
    ...madeBy(c.command),
    `Run seed ${c.seed}, ${c.k} synthetic image${c.k === 1 ? '' : 's'} per source. Each item's seed is derived from ` +
      'the run seed, its source path, method and index, so the same command gives the same bytes on any machine.',
    '',
    '## Classes',
    '',
    '| class | real | synthetic |',
    '| --- | ---: | ---: |',
    ...classes.map(([name, v]) => `| ${cell(name)} | ${v.real} | ${v.synthetic} |`),
    '',
    ...methodsTable(sorted(c.methods)),
    '',
    c.nearDuplicate > 0
      ? `${dropped} image${dropped === 1 ? ' was' : 's were'} dropped as near-duplicates: closer than ${c.nearDuplicate} ` +
        '(mean absolute difference of 16×16 colour signatures, 0..1) to their source or to an earlier image of the same source.'
      : 'No near-duplicate filter was used.',
    '',
    ...heldOutSection(c.heldOut, (n) => `${n} images`),
    ...issues('Inputs that could not be read or augmented', c.corrupt),
    ...issues('Inputs skipped', c.skipped),
    '## Licences',
    '',
    ...licences,
    '',
  ].join('\n');
}
