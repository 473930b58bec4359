import { describe, expect, it } from 'vitest';
import { modelStatus } from '../shell/testing';
import { PALETTE_MODELS, paletteModelLabel } from './models';

const flow = (id: string, over = {}) =>
  modelStatus(id, {
    task: 'palette',
    family: 'flow',
    palette: {
      colors: 5,
      space: 'oklab',
      heldOutMeanLogLikelihood: 19.63,
      logLikelihood: { p5: 14, p50: 22, p95: 28 },
    },
    ...over,
  });

describe('palette models', () => {
  it('lists the palette task only and runs the bundled one unless another is chosen', () => {
    const list = PALETTE_MODELS.list([flow('palettes'), modelStatus('text'), flow('mine')]);
    expect(list.map((m) => m.id)).toEqual(['palettes', 'mine']);
    expect(PALETTE_MODELS.pick(list, null)?.id).toBe('palettes');
    expect(PALETTE_MODELS.pick(list, 'mine')?.id).toBe('mine');
  });

  it('says why none can run', () => {
    expect(PALETTE_MODELS.problem([], null)).toBe('No palette model is installed.');
    const broken = flow('palettes', { ok: false, error: 'file forward.onnx is missing' });
    expect(PALETTE_MODELS.problem([broken], PALETTE_MODELS.pick([broken], null))).toMatch(
      /cannot be used: file forward\.onnx is missing/,
    );
  });

  it('labels a model with its held-out log-likelihood', () => {
    expect(paletteModelLabel(flow('palettes'))).toBe('PALETTES · 2.5 MB · bundled · held-out log p 19.6');
  });
});
