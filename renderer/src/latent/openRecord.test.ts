import { describe, expect, it } from 'vitest';
import type { Generation, ModelStatus } from '../../../preload/contract';
import { bookmarksFor, type LatentInfo } from './explorer';
import { markedBookmark, openTarget } from './openRecord';

const latent = (over: Partial<LatentInfo> = {}): LatentInfo => ({
  dim: 3,
  width: 64,
  height: 64,
  channels: 1,
  ink: true,
  pca: {
    mean: [0, 0, 0],
    directions: [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ],
    variance: [3, 2, 1],
  },
  reconThreshold: 0.02,
  ...over,
});

const model = (id: string, over: Partial<ModelStatus> = {}): ModelStatus => ({
  id,
  name: id === 'glyphs' ? 'Glyph Styles' : 'Texture VAE',
  family: 'vae',
  task: 'latent',
  version: '1',
  ok: true,
  sha256: '',
  sizeBytes: 0,
  license: 'MIT',
  latent: latent(id === 'glyphs' ? { charset: 'ABCabc' } : {}),
  ...over,
});
const models = [model('texture-vae'), model('glyphs')];

const record = (params: Record<string, unknown>, over: Partial<Generation> = {}): Generation =>
  ({
    id: 'aaaa0001',
    kind: 'latent',
    createdAt: 1,
    modelId: 'glyphs',
    modelSha256: '',
    provider: 'cpu',
    seed: 0,
    params,
    parentId: null,
    durationMs: 1,
    width: 64,
    height: 64,
    title: 'Bookmark 2',
    ...over,
  }) as Generation;

describe('openTarget', () => {
  it('a glyph record opens on its model at its point, with the text it was saved with', () => {
    expect(
      openTarget(record({ model: 'glyphs', point: [1, 2, 3], view: { kind: 'text', text: 'Cab' } }), models),
    ).toEqual({ ok: true, modelId: 'glyphs', point: [1, 2, 3], text: 'Cab' });
  });

  it('an image record opens on its model (the record’s modelId when params name none), no text', () => {
    expect(
      openTarget(
        record({ point: [0.5, 0, -1], view: { kind: 'image' } }, { modelId: 'texture-vae' }),
        models,
      ),
    ).toEqual({ ok: true, modelId: 'texture-vae', point: [0.5, 0, -1], text: null });
  });

  it('says why a record cannot open: model missing or broken, or a point of another size', () => {
    const missing = openTarget(record({ model: 'gone', point: [1, 2, 3] }), models);
    expect(missing).toEqual({ ok: false, message: expect.stringMatching(/“gone”, which is not installed/) });
    const broken = openTarget(record({ model: 'glyphs', point: [1, 2, 3] }), [
      model('glyphs', { ok: false, error: 'hash mismatch' }),
    ]);
    expect(broken).toEqual({ ok: false, message: expect.stringMatching(/hash mismatch/) });
    const short = openTarget(record({ model: 'glyphs', point: [1, 2] }), models);
    expect(short).toEqual({ ok: false, message: '“Bookmark 2” holds no point of Glyph Styles.' });
  });
});

describe('markedBookmark', () => {
  const list = bookmarksFor(
    [
      record({ model: 'glyphs', point: [1, 2, 3] }, { id: 'aaaa0001' }),
      record({ model: 'glyphs', point: [1, 2, 3] }, { id: 'aaaa0002', createdAt: 2 }),
    ],
    'glyphs',
    3,
  );
  it('marks the bookmark opened while the point is still its point', () => {
    expect(markedBookmark(list, 'aaaa0001', [1, 2, 3])).toBe('aaaa0001');
    expect(markedBookmark(list, 'aaaa0002', [1, 2, 3])).toBe('aaaa0002');
  });
  it('marks none once the point moved, for another model’s record, or before the list is known', () => {
    expect(markedBookmark(list, 'aaaa0001', [1, 2, 3.5])).toBeNull();
    expect(markedBookmark(list, 'bbbb0001', [1, 2, 3])).toBeNull();
    expect(markedBookmark(null, 'aaaa0001', [1, 2, 3])).toBeNull();
    expect(markedBookmark(list, null, [1, 2, 3])).toBeNull();
  });
});
