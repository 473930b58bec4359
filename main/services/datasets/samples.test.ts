/**
 * `datasets.samples` on real augment outputs in a temp dir: real sources beside their synthetic
 * items, every class shown, PNG bytes (a JPEG real copy re-encoded), and the refusals: names not
 * in the manifest, `..` and absolute names, a listed file swapped for a link out of the folder.
 */
import { mkdirSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetSamples, pickSamples, plainName } from './samples';
import { augmentedTiny, picture, pngBytes, rejection as refusal, tempRoots } from './testing';
import type { ManifestRow } from './manifest';

const newRoot = tempRoots();
const augmented = (k = 2): Promise<{ root: string; out: string; data: string }> =>
  augmentedTiny(newRoot(), k, 5);

const isPng = (b: Uint8Array): boolean => Buffer.from(b.subarray(0, 4)).toString('latin1') === '\x89PNG';

const row = (label: string, source: string, method: string, i = 0): ManifestRow => ({
  file_name: `${label}/${source}${method === 'real' ? '' : `.${method}-${i}.png`}`,
  label,
  source,
  source_sha256: '0'.repeat(64),
  method,
  model: null,
  model_sha256: null,
  seed: null,
  params: null,
  sha256: '0'.repeat(64),
});

describe('pickSamples', () => {
  it('keeps each source with its synthetic items, classes in turn, within the limit', () => {
    const rows = ['a.png', 'b.png'].flatMap((s) =>
      ['cat', 'dog'].flatMap((l) => [row(l, s, 'real'), row(l, s, 'classic', 0), row(l, s, 'classic', 1)]),
    );
    const picked = pickSamples(rows, 9);
    expect(picked.map((r) => `${r.label}:${r.source}:${r.method}`)).toEqual([
      'cat:a.png:real',
      'cat:a.png:classic',
      'cat:a.png:classic',
      'dog:a.png:real',
      'dog:a.png:classic',
      'dog:a.png:classic',
      'cat:b.png:real',
      'cat:b.png:classic',
      'cat:b.png:classic',
    ]);
    expect(pickSamples(rows, 2)).toHaveLength(2);
  });
});

describe('plainName', () => {
  it('refuses absolute names, .. and backslashes', () => {
    expect(plainName('cat/a.png')).toBe(true);
    for (const bad of ['/etc/passwd', '../x.png', 'cat/../../x.png', 'C:/x.png', 'cat\\a.png', 'cat//a.png'])
      expect(plainName(bad)).toBe(false);
  });
});

describe('datasetSamples', () => {
  it('answers real sources beside their synthetic items, as PNG bytes, every class shown', async () => {
    const { out, data } = await augmented(2);
    const samples = await datasetSamples({ out }, data);
    expect(new Set(samples.map((s) => s.label))).toEqual(new Set(['cat', 'dog']));
    expect(samples[0]!.method).toBe('real');
    expect(samples[1]!.method).toBe('classic');
    expect(samples[1]!.source).toBe(samples[0]!.source);
    for (const s of samples) expect(isPng(s.png)).toBe(true);
    // The JPEG real copy (c.jpg) comes back re-encoded as PNG.
    const jpeg = await datasetSamples({ out, files: ['cat/c.jpg'] }, data);
    expect(jpeg).toHaveLength(1);
    expect(isPng(jpeg[0]!.png)).toBe(true);
    expect(jpeg[0]!.source).toBe('train/cat/c.jpg');
  });

  it('answers the files asked for, byte for byte, up to the limit', async () => {
    const { out, data } = await augmented(2);
    const files = ['cat/a.png', 'cat/a.png.classic-1.png', 'dog/b.png'];
    const samples = await datasetSamples({ out, files }, data);
    expect(samples.map((s) => s.fileName)).toEqual(files);
    expect(Buffer.from(samples[1]!.png)).toEqual(readFileSync(join(out, 'train', files[1]!)));
    expect(await datasetSamples({ out, files, limit: 1 }, data)).toHaveLength(1);
    expect(await datasetSamples({ out, limit: 3 }, data)).toHaveLength(3);
  });

  it('refuses names outside the manifest, .. and absolute names, naming the field', async () => {
    const { root, out, data } = await augmented(1);
    writeFileSync(join(out, 'train', 'cat', 'extra.png'), pngBytes(picture(4, 4, 1)));
    for (const files of [
      ['cat/extra.png'],
      ['../README.md'],
      ['/etc/passwd'],
      [join(root, 'input/train/cat/a.png')],
    ]) {
      const e = await refusal(datasetSamples({ out, files }, data));
      expect(e.field).toBe('files');
      expect(e.message).toMatch(/files\[0\]/);
    }
  });

  it('answers a glyph sheet output’s contact sheets from sheets/, PNG only', async () => {
    const { out, data } = await augmented(1);
    mkdirSync(join(out, 'sheets'));
    writeFileSync(join(out, 'sheets', 'Font-v1.png'), pngBytes(picture(6, 4, 3)));
    writeFileSync(join(out, 'sheets', 'fake.png'), 'not a png');
    const sheets = await datasetSamples(
      { out, files: ['sheets/Font-v1.png', 'sheets/fake.png', 'cat/a.png'] },
      data,
    );
    expect(sheets.map((s) => [s.fileName, s.label, s.method])).toEqual([
      ['sheets/Font-v1.png', 'Font-v1', 'sheet'],
      ['cat/a.png', 'cat', 'real'],
    ]);
    const deeper = await refusal(datasetSamples({ out, files: ['sheets/../README.md'] }, data));
    expect(deeper.field).toBe('files');
  });

  it('leaves out a listed file swapped for a link out of the folder', async () => {
    const { root, out, data } = await augmented(1);
    const outside = join(root, 'outside.png');
    writeFileSync(outside, pngBytes(picture(4, 4, 2)));
    unlinkSync(join(out, 'train', 'cat', 'a.png'));
    symlinkSync(outside, join(out, 'train', 'cat', 'a.png'));
    expect(await datasetSamples({ out, files: ['cat/a.png', 'dog/a.png'] }, data)).toHaveLength(1);
  });

  it('refuses a folder that is not an augment output', async () => {
    const { root, data } = await augmented(1);
    const e = await refusal(datasetSamples({ out: join(root, 'input') }, data));
    expect(e.code).toBe('not-found');
    expect(e.field).toBe('out');
  });
});
