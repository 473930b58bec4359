import { describe, expect, it } from 'vitest';
import type { Generation, ModelStatus } from '../../../preload/contract';
import {
  bookmarksFor,
  cellView,
  formatSd,
  initialModelState,
  isPointFor,
  latentModelProblem,
  latentModels,
  mainView,
  nextBookmarkTitle,
  formatWhen,
  noLatentModelText,
  meanSpread,
  pointAttr,
  readBookmark,
  resolveEnd,
  shownModel,
  sliderCount,
  stateFor,
  varianceShare,
  directionLabel,
  type LatentInfo,
} from './explorer';

const latent = (over: Partial<LatentInfo> = {}): LatentInfo => ({
  dim: 3,
  width: 64,
  height: 64,
  channels: 1,
  ink: true,
  charset: 'ABCabc',
  pca: {
    mean: [0.1, 0.2, 0.3],
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

const model = (over: Partial<ModelStatus> = {}): ModelStatus => ({
  id: 'glyphs',
  name: 'Glyph Styles',
  family: 'vae',
  task: 'latent',
  version: '1',
  ok: true,
  sha256: '',
  sizeBytes: 0,
  license: 'MIT',
  latent: latent(),
  ...over,
});

const gen = (id: string, params: Record<string, unknown>, over: Partial<Generation> = {}): Generation => ({
  id,
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
  title: id,
  ...over,
});

describe('models', () => {
  it('lists only latent models', () => {
    const list = [model(), model({ id: 'texture', task: 'texture', latent: undefined })];
    expect(latentModels(list).map((m) => m.id)).toEqual(['glyphs']);
    expect(latentModels(null)).toEqual([]);
  });

  it('names what is wrong with a model', () => {
    expect(latentModelProblem(model())).toBeNull();
    expect(latentModelProblem(null)).toMatch(/No latent model/);
    expect(latentModelProblem(model({ ok: false, error: 'hash mismatch' }))).toMatch(/hash mismatch/);
    expect(latentModelProblem(model({ latent: undefined }))).toMatch(/no latent space/);
    expect(latentModelProblem(model({ latent: latent({ dim: 5 }) }))).toMatch(/principal directions/);
  });

  it('names unreadable model folders when no latent model is listed', () => {
    expect(noLatentModelText([])).toBe('No latent model is installed.');
    const broken = model({
      id: 'glyphs',
      task: 'unknown',
      ok: false,
      error: 'model.json is missing',
      latent: undefined,
    });
    expect(noLatentModelText([broken])).toBe(
      'No latent model is installed. Unreadable model folders: glyphs (model.json is missing).',
    );
  });

  it('shows the picked model, else the first usable, else the first listed', () => {
    const list = [model({ id: 'a', ok: false }), model({ id: 'b' }), model({ id: 'c' })];
    expect(shownModel(list, 'c')?.id).toBe('c');
    expect(shownModel(list, 'a')?.id).toBe('a');
    expect(shownModel(list, 'gone')?.id).toBe('b');
    expect(shownModel(list, null)?.id).toBe('b');
    expect(shownModel([model({ id: 'a', ok: false })], null)?.id).toBe('a');
    expect(shownModel([], 'a')).toBeNull();
  });

  it('shows at most 8 sliders', () => {
    expect(sliderCount(latent())).toBe(3);
    const many = Array.from({ length: 12 }, () => [0, 0, 0]);
    expect(
      sliderCount(latent({ pca: { mean: [0, 0, 0], directions: many, variance: many.map(() => 1) } })),
    ).toBe(8);
  });
});

describe('state and views', () => {
  it('starts at the mean with axes 0 and 1 and the default text', () => {
    const s = initialModelState(latent());
    expect(s.point).toEqual([0.1, 0.2, 0.3]);
    expect(s.axes).toEqual({ x: 0, y: 1 });
    expect(s.text).toBe('Atelier');
    expect(s.encodeChar).toBe('A');
    expect(s.interp).toMatchObject({ a: 'current', b: 'current', frames: 16 });
  });

  it('keeps a stored state that fits the model, else falls back to the mean', () => {
    const l = latent();
    const initial = initialModelState(l);
    expect(stateFor(l, undefined, initial)).toBe(initial);
    expect(stateFor(l, undefined)).toEqual(initial);
    const stored = { ...initial, point: [1, 2, 3], text: 'Hi', gridStep: 1 };
    expect(stateFor(l, stored, initial)).toBe(stored);
    // Another model's (or a broken) point: the mean, the rest as stored.
    const other = { ...stored, point: [1, 2] };
    expect(stateFor(l, other, initial)).toEqual({ ...stored, point: initial.point });
    expect(stateFor(l, other).point).toEqual([0.1, 0.2, 0.3]);
    expect(stateFor(l, other).point).not.toBe(l.pca.mean);
    // No latent space at all: nothing to move.
    expect(stateFor(undefined, stored).point).toEqual([]);
  });

  it('asks each grid cell for the chosen character, or the image', () => {
    expect(cellView(latent(), 'b')).toEqual({ kind: 'text', text: 'b' });
    expect(cellView(latent({ charset: undefined, channels: 3, ink: false }), '')).toEqual({ kind: 'image' });
    expect(cellView(undefined, 'b')).toBeNull();
  });

  it('asks glyph models for text (known characters only) and others for their image', () => {
    expect(mainView(latent(), { text: 'Ab!c' })).toEqual({ kind: 'text', text: 'Abc' });
    expect(mainView(latent(), { text: '!!' })).toBeNull();
    expect(mainView(latent({ charset: undefined, channels: 3, ink: false }), { text: '' })).toEqual({
      kind: 'image',
    });
  });

  it('writes the point with 4 decimals', () => {
    expect(pointAttr([0.123456, -0.00001, 2])).toBe('[0.1235,0,2]');
  });

  it('accepts only points of the right length with finite numbers', () => {
    expect(isPointFor(latent(), [1, 2, 3])).toBe(true);
    expect(isPointFor(latent(), [1, 2])).toBe(false);
    expect(isPointFor(latent(), [1, Number.NaN, 3])).toBe(false);
  });

  it('formats SD values with a sign', () => {
    expect(formatSd(1.234)).toBe('+1.23');
    expect(formatSd(-0.5)).toBe('−0.50');
    expect(formatSd(0)).toBe('0.00');
    expect(formatSd(-0.001)).toBe('0.00');
  });
});

describe('bookmarks', () => {
  it('reads latent records of this model with a usable point', () => {
    const b = readBookmark(
      gen('aaaa1111', { model: 'glyphs', point: [1, 2, 3], view: { kind: 'text', text: 'Hi' } }),
      'glyphs',
      3,
    );
    expect(b?.point).toEqual([1, 2, 3]);
    expect(b?.view).toEqual({ kind: 'text', text: 'Hi' });
    expect(readBookmark(gen('x', { model: 'other', point: [1, 2, 3] }), 'glyphs', 3)).toBeNull();
    expect(readBookmark(gen('x', { model: 'glyphs', point: [1, 2] }), 'glyphs', 3)).toBeNull();
    expect(readBookmark(gen('x', { point: [1, 2, 3] }, { kind: 'texture' }), 'glyphs', 3)).toBeNull();
  });

  it('lists a model’s bookmarks newest first', () => {
    const list = [
      gen('old', { model: 'glyphs', point: [0, 0, 0] }, { createdAt: 1 }),
      gen('new', { model: 'glyphs', point: [0, 0, 1] }, { createdAt: 5 }),
      gen('tex', { model: 'texture-vae', point: [0, 0, 1] }, { createdAt: 9, modelId: 'texture-vae' }),
    ];
    expect(bookmarksFor(list, 'glyphs', 3).map((b) => b.generation.id)).toEqual(['new', 'old']);
  });

  it('resolves interpolation ends', () => {
    const marks = bookmarksFor([gen('bm', { model: 'glyphs', point: [4, 5, 6] })], 'glyphs', 3);
    expect(resolveEnd('current', [1, 1, 1], marks)).toEqual([1, 1, 1]);
    expect(resolveEnd('bm', [1, 1, 1], marks)).toEqual([4, 5, 6]);
    expect(resolveEnd('gone', [1, 1, 1], marks)).toBeNull();
  });

  it('summarises the posterior spread', () => {
    expect(meanSpread([0.2, 0.4])).toBeCloseTo(0.3);
    expect(meanSpread([])).toBe(0);
  });
});

describe('direction labels', () => {
  it('gives each direction its share of the variance', () => {
    expect(varianceShare([3, 1])).toEqual([0.75, 0.25]);
    expect(varianceShare([0, 0])).toEqual([0, 0]);
    expect(directionLabel(2, 0.123)).toBe('Direction 3 · 12%');
    expect(directionLabel(0, undefined)).toBe('Direction 1');
  });
});

describe('bookmark titles and times', () => {
  it('numbers new bookmarks after the highest one', () => {
    const marks = bookmarksFor(
      [
        gen('a', { model: 'glyphs', point: [0, 0, 0] }, { title: 'Bookmark 2' }),
        gen('b', { model: 'glyphs', point: [0, 0, 0] }, { title: 'Glyph Styles · “Hi”' }),
        gen('c', { model: 'glyphs', point: [0, 0, 0] }, { title: 'Bookmark 7 · mine' }),
      ],
      'glyphs',
      3,
    );
    expect(nextBookmarkTitle(marks)).toBe('Bookmark 8');
    expect(nextBookmarkTitle([])).toBe('Bookmark 1');
  });

  it('shows the time for today and the date otherwise', () => {
    const utc = {
      time: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', timeStyle: 'short' }),
      dateTime: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', dateStyle: 'short', timeStyle: 'short' }),
    };
    const now = new Date(2024, 5, 10, 15, 0).getTime();
    expect(formatWhen(new Date(2024, 5, 10, 9, 30).getTime(), now, utc)).not.toMatch(/2024/);
    expect(formatWhen(new Date(2024, 5, 1, 9, 30).getTime(), now, utc)).toMatch(/2024/);
    expect(formatWhen(Number.NaN, now, utc)).toBe('—');
  });
});
