import { describe, expect, it } from 'vitest';
import { Generation } from '../../../preload/contract';
import { STARTER } from './editor';
import { openedPalette, paletteMeta } from './record';

const base = {
  id: 'abcdef12-0000',
  createdAt: 1,
  modelId: 'palettes',
  modelSha256: 'ab',
  provider: 'cpu',
  seed: 42,
  parentId: null,
  durationMs: 3,
  width: null,
  height: null,
  title: 'Harbour',
};
const gen = (params: Record<string, unknown>, kind = 'palette'): Generation =>
  Generation.parse({ ...base, kind, params });

describe('palette records', () => {
  it('open with their colours, locks, seed, temperature and name', () => {
    const o = openedPalette(
      gen({ colors: STARTER, locks: [true, false, false, true, false], temperature: 0.7, name: 'Harbour' }),
    );
    expect(o).toEqual({
      palette: { colors: [...STARTER], locks: [true, false, false, true, false], openedId: base.id },
      seed: 42,
      temperature: 0.7,
      name: 'Harbour',
    });
  });

  it('open leniently: missing locks unlock all, missing temperature keeps the form’s', () => {
    const o = openedPalette(gen({ colors: STARTER }));
    expect(o?.palette.locks).toEqual([false, false, false, false, false]);
    expect(o?.temperature).toBeNull();
    expect(openedPalette(gen({ colors: ['#fff'] }))).toBeNull();
    expect(openedPalette(gen({ notes: [] }, 'melody'))).toBeNull();
  });

  it('show their typicality on the card', () => {
    expect(paletteMeta(gen({ colors: STARTER, percentile: 61.4 }))).toBe('61st percentile');
    expect(paletteMeta(gen({ colors: STARTER }))).toBe('–');
  });
});
