import { describe, expect, it } from 'vitest';
import type { DatasetsBenchmark, DatasetsEvaluation, DatasetsSample } from '../../../preload/contract';
import { bestArms, classRows, groupSamples, meanSd, signedPoints } from './results';
import { splitFrontMatter } from './card';
import { canResume, statusLine } from './JobBar';
import { fieldShown, seedForRun, shownProblems } from './panel';

describe('numbers', () => {
  it('shows accuracy as a percentage with its spread', () => {
    expect(meanSd({ mean: 0.7234, sd: 0.031 })).toBe('72.3 ± 3.1 %');
  });
  it('signs differences and gives them a tone', () => {
    expect(signedPoints(0.032)).toEqual({ text: '+3.2 pts', tone: 'better' });
    expect(signedPoints(-0.01)).toEqual({ text: '−1.0 pts', tone: 'worse' });
    expect(signedPoints(0.0001)).toEqual({ text: '±0.0 pts', tone: 'same' });
  });
});

const arm = (perClass: (number | null)[]) => ({ accuracy: { mean: 0.5, sd: 0 }, perSeed: [0.5], perClass });
const ev: DatasetsEvaluation = {
  seeds: [1],
  classes: ['a', 'b', 'c'],
  testSplit: 'test',
  counts: { train: 6, synthetic: 12, test: 4, testPerClass: [2, 2, 0], skipped: 0 },
  realOnly: arm([0.5, 0.5, null]),
  withSynthetic: arm([0.4, 1, null]),
  difference: { mean: 0.2, sd: 0, perSeed: [0.2], perClass: [-0.1, 0.5, null] },
};

describe('classRows', () => {
  it('sorts classes by difference, most helped first, classes without test items last', () => {
    expect(classRows(ev).map((r) => [r.name, r.difference])).toEqual([
      ['b', 0.5],
      ['a', -0.1],
      ['c', null],
    ]);
  });
});

describe('bestArms', () => {
  it('finds the best arm of a row, ties included', () => {
    const s = (mean: number) => ({ mean, sd: 0, perSeed: [] });
    const row: DatasetsBenchmark['rows'][number] = {
      k: 1,
      counts: { train: 1, synthetic: 1, test: 1 },
      arms: { none: s(0.4), classic: s(0.6), 'vae-posterior': s(0.6) },
    };
    expect(bestArms(row)).toEqual(['classic', 'vae-posterior']);
  });
});

describe('groupSamples', () => {
  it('puts each real source first with what was made from it', () => {
    const s = (fileName: string, label: string, method: string, source: string): DatasetsSample => ({
      fileName,
      label,
      method,
      source,
      png: new Uint8Array(),
    });
    const groups = groupSamples([
      s('cat/a.png', 'cat', 'real', 'train/cat/a.png'),
      s('cat/a.png.classic-0.png', 'cat', 'classic', 'train/cat/a.png'),
      s('dog/a.png.classic-0.png', 'dog', 'classic', 'train/dog/a.png'),
      s('dog/a.png', 'dog', 'real', 'train/dog/a.png'),
    ]);
    expect(groups.map((g) => [g.label, g.real?.fileName, g.synthetic.map((x) => x.fileName)])).toEqual([
      ['cat', 'cat/a.png', ['cat/a.png.classic-0.png']],
      ['dog', 'dog/a.png', ['dog/a.png.classic-0.png']],
    ]);
  });
});

describe('card and panel helpers', () => {
  it('splits YAML front matter from the card body', () => {
    expect(splitFrontMatter('---\na: 1\n---\n# Title\n')).toEqual({ yaml: 'a: 1', body: '# Title\n' });
    expect(splitFrontMatter('# Title')).toEqual({ yaml: null, body: '# Title' });
  });
  it('offers Resume after a cancel or a crash, not after a refusal', () => {
    expect(canResume('cancelled', null)).toBe(true);
    expect(canResume('failed', { code: 'inference-crashed', message: '' })).toBe(true);
    expect(canResume('failed', { code: 'invalid-input', message: '', field: 'out' })).toBe(false);
    expect(canResume('failed', { code: 'unsupported', message: '' })).toBe(false);
    expect(canResume('done', null)).toBe(false);
  });
  it('says where a stopped job stopped', () => {
    expect(statusLine('running', '12/40 items · about 8 s left', 30, false)).toBe(
      '12/40 items · about 8 s left',
    );
    expect(statusLine('running', '12/40 items', 30, true)).toBe('Stopping after the item in hand…');
    expect(statusLine('cancelled', '12/40 items · about 8 s left', 30, false)).toBe(
      'Cancelled after 12/40 items: what was written is kept.',
    );
    expect(statusLine('failed', '', 30, false)).toBe('Stopped at 30%: what was written is kept.');
  });

  it('shows main’s refusal under its field', () => {
    const err = {
      code: 'invalid-input' as const,
      message: 'The output folder holds other files.',
      field: 'out',
    };
    expect(shownProblems({ k: 'x' }, err)).toEqual({ k: 'x', out: err.message });
    expect(fieldShown(err, ['input', 'out'])).toBe(true);
    expect(fieldShown({ code: 'unsupported', message: 'm' }, ['out'])).toBe(false);
  });
  it('draws a fresh seed per run unless locked', () => {
    const f = { seed: '5', locked: true };
    expect(seedForRun(f, () => 9)).toBe(f);
    expect(seedForRun({ ...f, locked: false }, () => 9).seed).toBe('9');
  });
});
