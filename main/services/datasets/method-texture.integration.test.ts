/**
 * Texture re-synthesis through the real `datasets.augment` (router, job, writer, card) on a tiny
 * ImageFolder in a temp dir: manifest rows carry the method and the completed params and no
 * model, the same seed gives the same bytes, a model or a bad param is refused naming the field.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DatasetsAugmentResult } from '../../../preload/contract';
import { picture, pngBytes, put, sharedAtelier } from './testing';

const t = sharedAtelier({
  input: (root) => {
    const input = join(root, 'input');
    put(input, 'train/noise/a.png', pngBytes(picture(40, 36, 1)));
    put(input, 'train/noise/b.png', pngBytes(picture(24, 24, 2)));
    put(input, 'train/ramp/c.png', pngBytes(picture(10, 12, 3)));
    return input;
  },
});

const augment = (out: string, more: object = {}) => ({
  input: t.input,
  out: join(t.root, out),
  method: 'texture-resynthesis',
  k: 2,
  seed: 4,
  ...more,
});

const digest = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('datasets.augment with texture-resynthesis', () => {
  it('writes manifest rows with the method and completed params, no model, the same bytes twice', async () => {
    const runs: DatasetsAugmentResult[] = [];
    for (const out of ['a', 'b']) {
      const r = await t.env.atelier.router.call('datasets.augment', augment(out, { params: { patch: 16 } }));
      if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
      runs.push(r.value as DatasetsAugmentResult);
    }
    expect(runs[0]).toMatchObject({ written: 9, dropped: 0, corrupt: [] });
    const rows = readFileSync(join(t.root, 'a', 'train', 'metadata.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const made = rows.filter((row) => row.method !== 'real');
    expect(made).toHaveLength(6);
    for (const row of made) {
      expect(row).toMatchObject({
        method: 'quilt',
        model: null,
        model_sha256: null,
        params: { patch: 16, overlap: 0.25, tolerance: 0.1 },
      });
      const file = row.file_name as string;
      expect(digest(join(t.root, 'a', 'train', file))).toBe(digest(join(t.root, 'b', 'train', file)));
    }
  });

  it('refuses a model and a bad param naming the field, and writes nothing', async () => {
    const withModel = await t.env.atelier.router.call('datasets.augment', augment('m', { model: 'texture' }));
    expect(
      withModel.ok ? null : [withModel.error.code, withModel.error.field, withModel.error.message],
    ).toEqual(['invalid-input', 'model', 'Texture re-synthesis uses no model: leave the model out.']);
    const bad = await t.env.atelier.router.call(
      'datasets.augment',
      augment('p', { params: { overlap: 0.8 } }),
    );
    expect(bad.ok ? null : [bad.error.code, bad.error.field, bad.error.message]).toEqual([
      'invalid-input',
      'params.overlap',
      'overlap must be from 0.1 to 0.5 of the patch',
    ]);
    expect(existsSync(join(t.root, 'm'))).toBe(false);
    expect(existsSync(join(t.root, 'p'))).toBe(false);
  });
});
