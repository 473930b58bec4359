/**
 * The Datasets section through the real router, with a real SQLite data dir in a temp folder:
 * augment a tiny ImageFolder made here (same seed → same bytes), refuse hostile payloads naming
 * the field with nothing written, cancel through `jobs.cancel` and resume, and evaluate with the
 * same numbers twice.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DatasetsAugmentResult, DatasetsEvaluation } from '../../../preload/contract';
import { sharedAtelier, tinyImageFolder, tree } from './testing';

const t = sharedAtelier({ input: tinyImageFolder });
const { call, refusal } = t;

const augment = (out: string, more: object = {}) => ({
  input: t.input,
  out,
  method: 'classic',
  k: 2,
  seed: 5,
  ...more,
});

describe('datasets.augment', () => {
  it('gives the same bytes twice for the same seed, with progress and the result counts', async () => {
    const progress: string[] = [];
    const off = t.env.atelier.events.on('job.progress', (p) => {
      if (p.kind === 'datasets') progress.push(p.message);
    });
    const a = await call<DatasetsAugmentResult>(
      'datasets.augment',
      augment(join(t.root, 'a'), { jobId: 'augment-a-1' }),
    );
    off();
    await call('datasets.augment', augment(join(t.root, 'b')));
    // 6 readable training images, each copied and augmented twice; one corrupt image listed.
    expect(a).toMatchObject({ written: 18, reused: 0, dropped: 0 });
    expect(a.corrupt).toEqual([{ path: 'train/dog/broken.png', reason: expect.any(String) }]);
    expect(a.manifestPath).toBe(join(t.root, 'a', 'train', 'metadata.jsonl'));
    expect(readFileSync(a.cardPath, 'utf8')).toContain('atelier augment');
    expect(tree(join(t.root, 'a'))).toEqual(tree(join(t.root, 'b')));
    expect(progress).toContainEqual(expect.stringMatching(/^\d+\/21 items · about \d+ (s|min) left$/));
    expect(progress.at(-1)).toBe('Done');
  });

  it('refuses hostile payloads naming the field, and writes nothing', async () => {
    const out = join(t.root, 'hostile');
    const cases: [object, string, RegExp][] = [
      [augment('relative/out'), 'out', /^Out must be an absolute path/],
      [augment(out, { input: 'input' }), 'input', /^Input must be an absolute path/],
      [
        augment(join(t.input, 'train', 'more')),
        'out',
        /^The output folder must be outside the input folder\.$/,
      ],
      [augment(out, { k: 0 }), 'k', /^K must be from 1 to 64\.$/],
      [
        augment(out, { method: 'paint' }),
        'method',
        /^Method must be "classic", "vae-posterior", "diffusion-img2img" or "texture-resynthesis"\.$/,
      ],
      [augment(out, { input: join(t.root, 'nowhere') }), 'input', /does not exist\.$/],
      [augment('/etc/atelier-out'), 'out', /is a system folder/],
      [augment(join(t.env.dataDir, 'x')), 'out', /data folder/],
      [augment(out, { params: { flip: 7 } }), 'params', /parameters are not valid: flip: flip probability/],
      [augment(out, { model: 'texture' }), 'model', /use no model/],
    ];
    for (const [payload, field, message] of cases) {
      const e = await refusal('datasets.augment', payload);
      expect([e.code, e.field]).toEqual(['invalid-input', field]);
      expect(e.message).toMatch(message);
    }
    const vae = await refusal(
      'datasets.augment',
      augment(out, { method: 'vae-posterior', model: 'no-such-model' }),
    );
    expect([vae.code, vae.field]).toEqual(['model-unavailable', 'model']);
    const full = join(t.root, 'full');
    mkdirSync(full);
    writeFileSync(join(full, 'README.md'), 'mine');
    expect((await refusal('datasets.augment', augment(full))).message).toMatch(/holds other files/);
    expect(readFileSync(join(full, 'README.md'), 'utf8')).toBe('mine');
    expect(existsSync(out)).toBe(false);
    expect(existsSync(join(t.input, 'train', 'more'))).toBe(false);
  });

  it('stops on jobs.cancel, and a rerun completes with the bytes of an uninterrupted run', async () => {
    const out = join(t.root, 'cancelled');
    const off = t.env.atelier.events.on('job.progress', (p) => {
      if (p.jobId === 'augment-cancel-1' && /^[3-9]\/21/.test(p.message))
        void t.env.atelier.router.call('jobs.cancel', { jobId: 'augment-cancel-1' });
    });
    const e = await refusal('datasets.augment', augment(out, { jobId: 'augment-cancel-1' }));
    off();
    expect(e.code).toBe('cancelled');
    const partial = readFileSync(join(out, 'train', 'metadata.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean);
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(18);
    const r = await call<DatasetsAugmentResult>('datasets.augment', augment(out));
    expect(r.reused).toBe(partial.length);
    expect(r.written + r.reused).toBe(18);
    expect(tree(out)).toEqual(tree(join(t.root, 'a')));
  });
});

describe('datasets.evaluate', () => {
  it('gives the same numbers twice on a fixed seed set', async () => {
    const payload = { input: t.input, augmented: join(t.root, 'a'), seeds: [1, 2], steps: 15 };
    const a = await call<DatasetsEvaluation>('datasets.evaluate', payload);
    const b = await call<DatasetsEvaluation>('datasets.evaluate', payload);
    expect(b).toEqual(a);
    expect(a.classes).toEqual(['cat', 'dog']);
    expect(a.testSplit).toBe('test');
    expect(a.counts).toMatchObject({ train: 6, synthetic: 12, test: 2, testPerClass: [1, 1] });
    expect(a.realOnly.perSeed).toHaveLength(2);
    expect(a.difference.mean).toBeCloseTo(a.withSynthetic.accuracy.mean - a.realOnly.accuracy.mean, 10);
  });

  it('refuses an input without a held-out split, and a folder that is no augment output', async () => {
    const noTest = join(t.root, 'no-test');
    mkdirSync(join(noTest, 'cat'), { recursive: true });
    writeFileSync(join(noTest, 'cat', 'a.png'), readFileSync(join(t.input, 'train/cat/a.png')));
    const e = await refusal('datasets.evaluate', { input: noTest, augmented: join(t.root, 'a') });
    expect([e.field, e.message]).toEqual(['input', expect.stringMatching(/no held-out split/)]);
    const f = await refusal('datasets.evaluate', { input: t.input, augmented: noTest });
    expect([f.field, f.message]).toEqual(['augmented', expect.stringMatching(/metadata\.jsonl/)]);
    const g = await refusal('datasets.evaluate', { input: t.input, augmented: join(t.root, 'a'), side: 20 });
    expect([g.field, g.message]).toEqual(['side', 'Side must be 16 or 32.']);
  });
});
