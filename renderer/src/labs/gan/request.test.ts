import { expect, it } from 'vitest';
import type { GanView } from '../../../../preload/labs/gan-view';
import { GAN_INITIAL_REQUEST, legendText, requestFlags, toggled } from './request';

it('starts with every layer on and toggles each one alone', () => {
  expect(requestFlags(GAN_INITIAL_REQUEST)).toEqual({ heatmap: true, manifold: true, gradients: true });
  const noHeat = toggled(GAN_INITIAL_REQUEST, 'heatmap');
  expect(noHeat.grid).toBe(0);
  expect(requestFlags(noHeat)).toEqual({ heatmap: false, manifold: true, gradients: true });
  expect(toggled(noHeat, 'heatmap').grid).toBe(48);
  expect(toggled(GAN_INITIAL_REQUEST, 'gradients')).toEqual({ ...GAN_INITIAL_REQUEST, gradients: false });
  expect(requestFlags({})).toEqual({ heatmap: true, manifold: true, gradients: true });
});

it('says what the background means for each loss', () => {
  const view = (kind: 'probability' | 'score') =>
    ({
      heatmap: { side: 2, values: new Float32Array(4), min: -1.234, max: 5.5, kind },
    }) as unknown as GanView;
  expect(legendText(view('probability'), false)).toContain('P(real)');
  expect(legendText(view('score'), false)).toContain('violet -1.2 → green 5.5');
  expect(legendText(null, true)).toContain('glyphs');
});
