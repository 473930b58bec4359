/**
 * `datasets.augmentMidi` through the real router with the real melody models: a tiny folder of
 * melodies made here is augmented twice with the same seed (same bytes), the manifest rows hold
 * every field, and each method's items are what it promises — transpositions shift every pitch
 * by exactly their semitones, continuations start with the source and add the bars, variations
 * keep the length and key and differ from the source. The corrupt file is listed, test/ untouched.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatasetsAugmentResult, JobInfo, Note } from '../../../../preload/contract';
import { estimateKey, inScale, scalePitchClasses } from '../../../../preload/melody';
import { ManifestRow } from '../manifest';
import { sharedAtelier, tree } from '../testing';
import { melodyDistance, noteSet } from './melody';
import { notesOf, tinyMidiFolder } from './testing';

const t = sharedAtelier({ input: tinyMidiFolder });
let result: DatasetsAugmentResult;
let rows: ManifestRow[];
const progress: string[] = [];
beforeAll(async () => {
  const off = t.env.atelier.events.on('job.progress', (p) => {
    if (p.jobId === 'midi-run-a') progress.push(p.message);
  });
  result = await t.call('datasets.augmentMidi', payload(join(t.root, 'a'), { jobId: 'midi-run-a' }));
  off();
  rows = readFileSync(result.manifestPath, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => ManifestRow.strict().parse(JSON.parse(l)));
}, 120_000);

function payload(out: string, more: object = {}) {
  return {
    input: t.input,
    out,
    methods: ['transpositions', 'variations', 'continuations'],
    k: 2,
    seed: 11,
    params: { semitones: [3, -7], bars: 2, spread: 0.7 },
    ...more,
  };
}

const file = (name: string): Note[] => notesOf(readFileSync(join(t.root, 'a', 'train', name)));
const itemsOf = (method: string) => rows.filter((r) => r.method === method);

describe('datasets.augmentMidi', () => {
  it('writes 4 real melodies and 2 items per method each, with progress, and the same bytes twice', async () => {
    // 4 readable training melodies (one corrupt) × (1 real + 2 × 3 methods).
    expect(result).toMatchObject({ written: 28, reused: 0, dropped: 0 });
    expect(result.corrupt).toEqual([{ path: 'train/reel/broken.mid', reason: expect.any(String) }]);
    expect(progress).toContainEqual(expect.stringMatching(/^\d+\/35 items · about \d+ (s|min) left$/));
    expect(progress.at(-1)).toBe('Done');
    const jobs = await t.call<JobInfo[]>('jobs.list', {});
    expect(jobs.find((j) => j.jobId === 'midi-run-a')).toMatchObject({
      kind: 'datasets',
      label: 'Augment MIDI · midi-input',
    });
    await t.call('datasets.augmentMidi', payload(join(t.root, 'b')));
    expect(tree(join(t.root, 'b'))).toEqual(tree(join(t.root, 'a')));
    expect(Object.keys(tree(join(t.root, 'a')))).toContain('train/reel/band.mid.variations-1.mid');
  });

  it('lists every field in every manifest row, each item its seed, model and parameters', () => {
    expect(rows).toHaveLength(28);
    expect(rows.filter((r) => r.method === 'real').map((r) => r.file_name)).toEqual([
      'march/d.midi',
      'march/g.mid',
      'reel/band.mid',
      'reel/g.mid',
    ]);
    const vae = t.env.atelier.registry.get('melody-vae')!;
    expect(itemsOf('variations')[0]).toMatchObject({
      file_name: 'march/d.midi.variations-0.mid',
      label: 'march',
      source: 'train/march/d.midi',
      model: 'melody-vae',
      model_sha256: vae.sha256,
      seed: expect.any(Number),
      params: { spread: 0.7, temperature: 0.9, keyLock: true, key: 'D', scale: 'major' },
    });
    expect(itemsOf('continuations')[0]!.params).toMatchObject({ bars: 2, temperature: 0.9 });
    expect(itemsOf('transpositions')[0]!.params).toEqual({ semitones: [3, -7], shift: 3 });
    expect(new Set(rows.map((r) => r.seed).filter((s) => s !== null)).size).toBe(24);
  });

  it('shifts every pitch of a transposition by exactly its semitones (item j by semitones[j mod n])', () => {
    for (const r of itemsOf('transpositions')) {
      const source = file(rows.find((x) => x.method === 'real' && x.source === r.source)!.file_name);
      const shift = r.file_name.endsWith('-0.mid') ? 3 : -7;
      expect(file(r.file_name)).toEqual(source.map((n) => ({ ...n, pitch: n.pitch + shift })));
    }
  });

  it('continues: the source notes first, then new notes within the added bars', () => {
    for (const r of itemsOf('continuations')) {
      const source = file(rows.find((x) => x.method === 'real' && x.source === r.source)!.file_name);
      const notes = file(r.file_name);
      expect(notes.slice(0, source.length)).toEqual(source);
      const sourceEnd = Math.max(...source.map((n) => n.start + n.duration));
      const bar = r.source.endsWith('d.midi') ? 2 : 4; // d.midi is in 2/4
      const added = notes.slice(source.length);
      expect(added.length).toBeGreaterThan(0);
      for (const n of added) {
        expect(n.start).toBeGreaterThanOrEqual(sourceEnd - 1e-9);
        expect(n.start + n.duration).toBeLessThanOrEqual(Math.ceil(sourceEnd / bar) * bar + 2 * bar + 1e-9);
      }
    }
  });

  it('varies: the same length and key, other notes than the source', () => {
    for (const r of itemsOf('variations')) {
      const source = file(rows.find((x) => x.method === 'real' && x.source === r.source)!.file_name);
      const notes = file(r.file_name);
      const end = (ns: Note[]) => Math.max(...ns.map((n) => n.start + n.duration));
      expect(end(notes)).toBeLessThanOrEqual(Math.ceil(end(source) / 2) * 2 + 1e-9);
      expect(end(notes)).toBeGreaterThan(end(source) / 2);
      expect(melodyDistance(noteSet(notes), noteSet(source))).toBeGreaterThan(0);
      const key = estimateKey(source)!;
      const mask = scalePitchClasses(key.key, key.scale);
      expect(notes.every((n) => inScale(n.pitch, mask))).toBe(true);
    }
  });

  it('lists the corrupt file and the command in the card, and leaves test/ alone', () => {
    const card = readFileSync(result.cardPath, 'utf8');
    expect(card).toContain('| train/reel/broken.mid |');
    expect(card).toContain(
      'atelier augment midi --in INPUT --out OUTPUT --methods variations,continuations,transpositions --k 2 --seed 11',
    );
    expect(card).toMatch(/\| reel \| 2 \| 4 \| 4 \| 4 \|/);
    expect(card).toContain('GPL-3.0-or-later');
    expect(card).toContain('test: 1 file');
    expect(card).not.toContain(t.root);
    expect(existsSync(join(t.root, 'a', 'test'))).toBe(false);
    expect(existsSync(join(t.root, 'a', '.partial'))).toBe(false);
    expect(Object.keys(tree(t.input))).toContain('test/reel/held.mid');
  });
});
