import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { invalid } from '../../../preload/contract';
import { ManifestRow } from './manifest';
import { classicMethod } from './method';
import { augmentImageFolder, type AugmentOptions } from './run';
import { tempRoots, tinyImageFolder, tree } from './testing';

const newRoot = tempRoots();

function setup(): { input: string; root: string } {
  const root = newRoot();
  return { input: tinyImageFolder(root), root };
}

const options = (input: string, out: string, more: Partial<AugmentOptions<unknown>> = {}) => ({
  input,
  out,
  method: classicMethod as AugmentOptions<unknown>['method'],
  k: 3,
  seed: 11,
  command: 'atelier augment input --method classic --k 3 --seed 11',
  licence: 'CC-BY-4.0',
  ...more,
});

const manifestLines = (out: string): string[] =>
  readFileSync(join(out, 'train/metadata.jsonl'), 'utf8').split('\n').filter(Boolean);

describe('augmentImageFolder with classic transforms', () => {
  it('gives byte-identical files, manifest and card for the same seed, and a different set for another', async () => {
    const { input, root } = setup();
    const a = await augmentImageFolder(options(input, join(root, 'a')));
    await augmentImageFolder(options(input, join(root, 'b')));
    await augmentImageFolder(options(input, join(root, 'c'), { seed: 12 }));
    expect(a.written).toBe(6 * 4);
    const ta = tree(join(root, 'a'));
    expect(ta).toEqual(tree(join(root, 'b')));
    expect(Object.keys(ta)).toContain('train/cat/c.jpg.classic-2.png');
    expect(ta['train/metadata.jsonl']).not.toBe(tree(join(root, 'c'))['train/metadata.jsonl']);
    // A rerun on a finished dataset makes nothing and changes nothing.
    const again = await augmentImageFolder(options(input, join(root, 'a')));
    expect([again.written, again.reused]).toEqual([0, 24]);
    expect(tree(join(root, 'a'))).toEqual(ta);
  });

  it('writes a manifest of JSON lines with every field, real copies byte for byte', async () => {
    const { input, root } = setup();
    const out = join(root, 'out');
    await augmentImageFolder(options(input, out, { layout: 'apart' }));
    const rows = manifestLines(out).map((l) => ManifestRow.strict().parse(JSON.parse(l)));
    expect(rows).toHaveLength(24);
    const real = rows.find((r) => r.file_name === 'cat/c.jpg')!;
    expect(real).toMatchObject({ label: 'cat', source: 'train/cat/c.jpg', method: 'real', seed: null });
    expect(
      readFileSync(join(out, 'train/cat/c.jpg')).equals(readFileSync(join(input, 'train/cat/c.jpg'))),
    ).toBe(true);
    const synth = rows.find((r) => r.file_name === 'synthetic/dog/a.png.classic-1.png')!;
    expect(synth).toMatchObject({ label: 'dog', source: 'train/dog/a.png', method: 'classic', model: null });
    expect(synth.seed).toEqual(expect.any(Number));
    expect(synth.params).toMatchObject({ flip: 0.5, crop: { scale: [0.6, 1] } });
    for (const r of rows)
      expect(
        createHash('sha256')
          .update(readFileSync(join(out, 'train', r.file_name)))
          .digest('hex'),
      ).toBe(r.sha256);
  });

  it('skips a corrupt input, lists it in the card, and never touches the test split', async () => {
    const { input, root } = setup();
    const before = tree(input);
    const out = join(root, 'out');
    const r = await augmentImageFolder(options(input, out));
    expect(r.corrupt).toEqual([
      { path: 'train/dog/broken.png', reason: expect.stringMatching(/could not be read/) },
    ]);
    const card = readFileSync(r.cardPath, 'utf8');
    expect(card).toMatch(/\| train\/dog\/broken\.png \| This PNG file could not be read/);
    expect(card).toMatch(/\| train\/dog\/notes\.txt \| not a PNG or JPEG \(\.txt\) \|/);
    expect(card).toContain('| cat | 3 | 9 |');
    expect(card).toContain('- test: 2 images');
    expect(card).toContain('CC-BY-4.0');
    expect(card).toContain('atelier augment input --method classic --k 3 --seed 11');
    expect(tree(input)).toEqual(before);
    expect(existsSync(join(out, 'test'))).toBe(false);
    expect(Object.keys(tree(out)).filter((p) => !p.startsWith('train/') && p !== 'README.md')).toEqual([]);
    await expect(augmentImageFolder(options(input, join(input, 'test/out')))).rejects.toThrow(
      /outside the input/,
    );
  });

  it('resumes after a cancel at item n with no duplicate lines, no partial files and the same bytes', async () => {
    const { input, root } = setup();
    await augmentImageFolder(options(input, join(root, 'fresh')));
    const out = join(root, 'out');
    const controller = new AbortController();
    const progress: number[] = [];
    await expect(
      augmentImageFolder(
        options(input, out, {
          signal: controller.signal,
          onProgress: (p) => {
            progress.push(p.done);
            expect(p.total).toBe(28);
            if (p.done >= 10) controller.abort();
          },
        }),
      ),
    ).rejects.toMatchObject({ code: 'cancelled' });
    expect(progress.at(-1)).toBe(10);
    expect(existsSync(join(out, 'README.md'))).toBe(false);
    expect(manifestLines(out)).toHaveLength(10);
    // A crash mid-line leaves a torn last line; the rerun drops it.
    appendFileSync(join(out, 'train/metadata.jsonl'), '{"file_name":"dog/a.png","lab');
    const etas: (number | null)[] = [];
    const r = await augmentImageFolder(options(input, out, { onProgress: (p) => etas.push(p.etaMs) }));
    expect([r.reused, r.written]).toEqual([10, 14]);
    expect(etas.at(-1)).toBe(0);
    const lines = manifestLines(out);
    expect(new Set(lines).size).toBe(lines.length);
    expect(tree(out)).toEqual(tree(join(root, 'fresh')));
    expect(existsSync(join(out, '.partial'))).toBe(false);
  });

  it('makes again a file changed or lost after the run, in place in the manifest', async () => {
    const { input, root } = setup();
    const out = join(root, 'out');
    await augmentImageFolder(options(input, out));
    const first = tree(out);
    writeFileSync(join(out, 'train/cat/a.png.classic-0.png'), 'damaged');
    rmSync(join(out, 'train/dog/b.png'));
    const r = await augmentImageFolder(options(input, out));
    expect([r.written, r.reused]).toEqual([2, 22]);
    expect(tree(out)).toEqual(first);
  });

  it('drops outputs identical to their source or to an earlier item of the same source', async () => {
    const { input, root } = setup();
    // Nothing changes the image: all three items equal the source.
    const same = await augmentImageFolder(
      options(input, join(root, 'same'), {
        params: { flip: 0, crop: null, jitter: null },
        nearDuplicate: 0.01,
      }),
    );
    expect([same.written, same.dropped]).toEqual([6, 18]);
    // Always flipped: item 0 differs from the source, items 1 and 2 equal item 0.
    const flipped = await augmentImageFolder(
      options(input, join(root, 'flip'), {
        params: { flip: 1, crop: null, jitter: null },
        nearDuplicate: 0.01,
      }),
    );
    expect([flipped.written, flipped.dropped]).toEqual([12, 12]);
    expect(readFileSync(flipped.cardPath, 'utf8')).toMatch(/\| classic \| — \| 6 \| 12 \|/);
    // Threshold 0 keeps them all.
    const off = await augmentImageFolder(
      options(input, join(root, 'off'), { params: { flip: 0, crop: null, jitter: null } }),
    );
    expect([off.written, off.dropped]).toEqual([24, 0]);
  });
});

describe('augmentImageFolder when the method refuses one source', () => {
  it('keeps that source as a real image, lists it with the reason, and augments the others', async () => {
    const { input, root } = setup();
    const picky: AugmentOptions<unknown>['method'] = {
      ...(classicMethod as AugmentOptions<unknown>['method']),
      generate: (source, seeds, params, signal) =>
        source.label === 'dog'
          ? Promise.reject(invalid(`The class "dog" is not a character this model knows.`, 'label'))
          : classicMethod.generate(source, seeds, params as never, signal),
    };
    const out = join(root, 'out');
    const r = await augmentImageFolder(options(input, out, { method: picky }));
    const refused = r.corrupt.filter((c) => c.reason.startsWith('kept as a real image only'));
    expect(refused.map((c) => c.path).sort()).toEqual([
      'train/dog/a.png',
      'train/dog/b.png',
      'train/dog/c.jpg',
    ]);
    expect(refused[0]!.reason).toMatch(/not a character this model knows/);
    const rows = manifestLines(out).map((l) => ManifestRow.parse(JSON.parse(l)));
    expect(rows.filter((x) => x.label === 'dog').map((x) => x.method)).toEqual(['real', 'real', 'real']);
    expect(rows.filter((x) => x.label === 'cat' && x.method !== 'real')).toHaveLength(9);
    expect(readFileSync(r.cardPath, 'utf8')).toContain('kept as a real image only');
  });

  it('stops the run on any other failure of the method', async () => {
    const { input, root } = setup();
    const broken: AugmentOptions<unknown>['method'] = {
      ...(classicMethod as AugmentOptions<unknown>['method']),
      generate: () => Promise.reject(new Error('the inference process crashed')),
    };
    await expect(augmentImageFolder(options(input, join(root, 'out'), { method: broken }))).rejects.toThrow(
      'the inference process crashed',
    );
  });
});
