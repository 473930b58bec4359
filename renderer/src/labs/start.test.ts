import { describe, expect, it } from 'vitest';
import { preset } from '../../../preload/labs/data';
import type { Dataset } from '../../../preload/labs/types';
import type { LabDef } from './lab-def';
import { defaultLabPrefs } from './prefs';
import { freshRun, imageMode } from './start';

const def = {
  id: 'gan',
  fields: [{ key: 'noiseDim', label: 'Noise', kind: 'number', rebuilds: true }],
  imageSettings: { noiseDim: 16, width: 128 },
} as unknown as LabDef;
const info = { defaults: { learningRate: 0.001, width: 64, noiseDim: 2, depth: 2 }, images: true };
const glyphs: Dataset = {
  dim: 256,
  side: 16,
  points: new Float32Array(256),
  source: { kind: 'glyphs', chars: '0', fonts: [], size: 16 },
};

describe('a fresh run', () => {
  it('starts from the defaults with the typed settings over them, the seed and its preset', () => {
    const p = { ...defaultLabPrefs(), seed: 9, form: { learningRate: '0.01', noiseDim: 'abc' } };
    const init = freshRun('gan', p, info, def, { samples: 10 }, () => glyphs);
    expect(init.settings).toEqual({ learningRate: 0.01, width: 64, noiseDim: 2, depth: 2 });
    expect(init.seed).toBe(9);
    expect(init.data.points).toEqual(preset('ring8', 1000, 9).points);
    expect(init.request).toEqual({ samples: 10 });
  });

  it('merges the image settings and trains on the glyphs in image mode', () => {
    const p = { ...defaultLabPrefs(), images: true };
    expect(imageMode(p, info, def)).toBe(true);
    const init = freshRun('gan', p, info, def, {}, () => glyphs);
    expect(init.settings.noiseDim).toBe(16);
    expect(init.settings.width).toBe(128);
    expect(init.data).toBe(glyphs);
    expect(imageMode(p, { ...info, images: false }, def)).toBe(false);
  });
});
