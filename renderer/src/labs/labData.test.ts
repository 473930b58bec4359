import { describe, expect, it } from 'vitest';
import { preset, PRESET_LABELS, type PresetName } from '../../../preload/labs/data';
import type { Dataset } from '../../../preload/labs/types';
import { choiceFor, dataLine, datasetFor } from './labData';

const glyphs: Dataset = {
  dim: 256,
  side: 16,
  points: new Float32Array(512),
  source: { kind: 'glyphs', chars: '0123456789', fonts: ['serif'], size: 16 },
};
const render = () => glyphs;
const off = { on: false, set: 'digits' as const };

describe('lab data', () => {
  it('draws presets from the seed and keeps drawn points as they are', () => {
    const a = datasetFor({ kind: 'preset', name: 'spiral' }, 4, off, render);
    expect(a.points).toEqual(preset('spiral', 1000, 4).points);
    const pts = new Float32Array([1, 2, 3, 4]);
    expect(datasetFor({ kind: 'drawn', points: pts }, 4, off, render).points).toBe(pts);
    expect(datasetFor({ kind: 'csv', name: 'a.csv', points: pts }, 4, off, render).source).toEqual({
      kind: 'csv',
      name: 'a.csv',
    });
    expect(datasetFor({ kind: 'preset', name: 'ring8' }, 4, { on: true, set: 'digits' }, render)).toBe(
      glyphs,
    );
  });

  it('keeps what an opened run trained on', () => {
    expect(choiceFor(preset('two-moons', 10, 1))).toEqual({
      images: false,
      data: { kind: 'preset', name: 'two-moons' },
    });
    expect(choiceFor(glyphs)).toEqual({ images: true, glyphs: 'digits' });
    const drawn: Dataset = { dim: 2, points: new Float32Array(4), source: { kind: 'drawn' } };
    expect(choiceFor(drawn).data?.kind).toBe('drawn');
  });

  it('says what the data is in one line', () => {
    const label = (n: string) => PRESET_LABELS[n as PresetName] ?? n;
    expect(dataLine(preset('ring8', 1000, 1), label)).toBe('Ring of 8 Gaussians · 1,000 points');
    expect(dataLine(glyphs, label)).toBe('Glyphs 0123456789 in 1 font · 2 images of 16×16');
  });
});
