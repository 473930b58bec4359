/**
 * `datasets.augmentMidi` stopping and refusing, through the real router and models: cancelled
 * through `jobs.cancel` and rerun, it completes with the bytes of a run that never stopped (no
 * duplicate rows, no partial files); near-duplicates are dropped alike on a fresh and a resumed
 * run; an item that cannot be made is skipped with its reason; hostile payloads are refused with
 * a sentence naming the field, and nothing is written.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DatasetsAugmentResult } from '../../../../preload/contract';
import { sharedAtelier, tree } from '../testing';
import { midiFile, tinyMidiFolder, tune } from './testing';

const t = sharedAtelier({ input: tinyMidiFolder });
const { call, refusal } = t;

const payload = (out: string, more: object = {}) => ({
  input: t.input,
  out,
  methods: ['variations', 'continuations', 'transpositions'],
  k: 2,
  seed: 4,
  ...more,
});

const manifest = (out: string): string[] =>
  readFileSync(join(out, 'train', 'metadata.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean);

describe('datasets.augmentMidi, stopped and resumed', () => {
  it('stops on jobs.cancel, and a rerun completes with the bytes of an uninterrupted run', async () => {
    const whole = join(t.root, 'whole');
    await call('datasets.augmentMidi', payload(whole));
    const out = join(t.root, 'cancelled');
    const off = t.env.atelier.events.on('job.progress', (p) => {
      if (p.jobId === 'midi-cancel-1' && /^(9|1\d)\/35/.test(p.message))
        void t.env.atelier.router.call('jobs.cancel', { jobId: 'midi-cancel-1' });
    });
    const e = await refusal('datasets.augmentMidi', payload(out, { jobId: 'midi-cancel-1' }));
    off();
    expect(e.code).toBe('cancelled');
    const partial = manifest(out);
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(28);
    expect(existsSync(join(out, '.partial'))).toBe(false);
    expect(existsSync(join(out, 'README.md'))).toBe(false);
    const r = await call<DatasetsAugmentResult>('datasets.augmentMidi', payload(out));
    expect(r.reused).toBe(partial.length);
    expect(r.written + r.reused).toBe(28);
    const names = manifest(out).map((l) => (JSON.parse(l) as { file_name: string }).file_name);
    expect(new Set(names).size).toBe(names.length);
    expect(tree(out)).toEqual(tree(whole));
  });

  it('drops near-duplicates of a sibling, alike when run again', async () => {
    const out = join(t.root, 'near');
    // Item j moves by semitones[j mod 3]: items 0 and 1 are the same melody, so item 1 goes.
    const p = payload(out, {
      methods: ['transpositions'],
      k: 3,
      nearDuplicate: 0.5,
      params: { semitones: [2, 2, 5] },
    });
    const a = await call<DatasetsAugmentResult>('datasets.augmentMidi', p);
    expect(a).toMatchObject({ written: 12, reused: 0, dropped: 4 });
    expect(Object.keys(tree(out)).filter((f) => f.includes('transpositions-1'))).toEqual([]);
    const b = await call<DatasetsAugmentResult>('datasets.augmentMidi', p);
    expect(b).toMatchObject({ written: 0, reused: 12, dropped: 4 });
    expect(readFileSync(b.cardPath, 'utf8')).toContain('4 melodies were dropped as near-duplicates');
  });

  it('skips an item that cannot be made, with its reason in the card', async () => {
    const high = join(t.root, 'high-input');
    mkdirSync(high);
    writeFileSync(
      join(high, 'whistle.mid'),
      midiFile([
        {
          notes: tune([
            [118, 2],
            [122, 2],
            [120, 4],
          ]),
        },
      ]),
    );
    const out = join(t.root, 'high');
    const r = await call<DatasetsAugmentResult>('datasets.augmentMidi', {
      ...payload(out, { input: high, methods: ['transpositions'] }),
      params: { semitones: [12, -12] },
    });
    expect(r).toMatchObject({ written: 2, dropped: 0, corrupt: [] });
    const card = readFileSync(r.cardPath, 'utf8');
    expect(card).toContain('## Items not made');
    expect(card).toContain(
      "| whistle.mid.transpositions-0.mid | moving it by +12 semitones would take notes outside MIDI's 0–127 |",
    );
    expect(card).toContain('| (none) | 1 | 1 |');
  });

  it('skips a variation of a melody longer than the melody VAE reads', async () => {
    const long = join(t.root, 'long-input');
    mkdirSync(long);
    const notes = tune(Array.from({ length: 140 }, (_, i): [number, number] => [60 + (i % 8), 4]));
    writeFileSync(join(long, 'epic.mid'), midiFile([{ notes }]));
    const r = await call<DatasetsAugmentResult>('datasets.augmentMidi', {
      ...payload(join(t.root, 'long'), { input: long, methods: ['variations'], k: 1 }),
    });
    expect(r).toMatchObject({ written: 1, dropped: 0 });
    expect(readFileSync(r.cardPath, 'utf8')).toContain(
      '| epic.mid.variations-0.mid | it is 70 bars of 4/4 long; the melody VAE reads melodies of up to 64 bars |',
    );
  });
});

describe('datasets.augmentMidi, refused', () => {
  it('refuses hostile payloads naming the field, and writes nothing', async () => {
    const out = join(t.root, 'hostile');
    const empty = join(t.root, 'empty');
    mkdirSync(empty);
    const texts = join(t.root, 'texts');
    mkdirSync(join(texts, 'a'), { recursive: true });
    writeFileSync(join(texts, 'a', 'x.txt'), 'no');
    const cases: [object, string, RegExp][] = [
      [payload('relative/out'), 'out', /^Out must be an absolute path/],
      [payload(out, { input: 'midi' }), 'input', /^Input must be an absolute path/],
      [
        payload(join(t.input, 'train', 'more')),
        'out',
        /^The output folder must be outside the input folder\.$/,
      ],
      [
        payload(out, { methods: ['remix'] }),
        'methods.0',
        /must be "variations", "continuations" or "transpositions"/,
      ],
      [payload(out, { methods: [] }), 'methods', /at least one method/],
      [payload(out, { k: 0 }), 'k', /^K must be from 1 to 64\.$/],
      [payload(out, { nearDuplicate: 2 }), 'nearDuplicate', /must be from 0 to 1/],
      [
        payload(out, { params: { spread: 5 } }),
        'params.spread',
        /^Parameter "spread" must be from 0 to 3\.$/,
      ],
      [payload(out, { params: { semitones: [1, 40] } }), 'params.semitones', /from -12 to 12/],
      [payload(out, { params: { octave: 1 } }), 'params.octave', /is not one the MIDI augment takes/],
      [payload(out, { input: empty }), 'input', /holds no MIDI files to augment/],
      [payload(out, { input: texts }), 'input', /holds no MIDI files to augment/],
      [payload(out, { input: join(t.root, 'nowhere') }), 'input', /does not exist\.$/],
      [payload('/etc/atelier-midi'), 'out', /is a system folder/],
      [payload(join(t.env.dataDir, 'x')), 'out', /data folder/],
    ];
    for (const [p, field, message] of cases) {
      const e = await refusal('datasets.augmentMidi', p);
      expect([e.code, e.field], JSON.stringify(p)).toEqual(['invalid-input', field]);
      expect(e.message).toMatch(message);
    }
    expect(existsSync(out)).toBe(false);
    expect(existsSync(join(t.input, 'train', 'more'))).toBe(false);
  });
});
