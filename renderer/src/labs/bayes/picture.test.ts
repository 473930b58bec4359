import { describe, expect, it } from 'vitest';
import type { BayesPosterior } from '../../../../preload/labs/bayes-types';
import { pxX, pxY, sidePanels } from '../vae/picture';
import { agreement, clickRequest, heatColor, pair, posteriorPixels } from './picture';
import { BAYES_INITIAL_REQUEST, withMcmc } from './request';

describe('the Bayesian picture', () => {
  it('the posterior heatmap puts z₂ = +half on the top row and scales by the top cell', () => {
    // 2×2 grid: cells (i, j) with j = 0 the bottom row
    const values = new Float32Array([0, 0, 0, 1]); // only the top-right cell
    const px = posteriorPixels({ side: 2, half: 4, values });
    expect(Array.from(px.slice(4, 8))).toEqual([...heatColor(1), 255]); // image row 0, column 1
    expect(Array.from(px.slice(0, 4))).toEqual([...heatColor(0), 255]);
    expect(Array.from(px.slice(12, 16))).toEqual([...heatColor(0), 255]);
    expect(heatColor(0)).toEqual([24, 24, 28]);
  });

  it('a click on the data panel observes that point; a click on the latent panel does nothing', () => {
    const { data, latent } = sidePanels(408);
    const next = clickRequest(BAYES_INITIAL_REQUEST, data, pxX(data, 1.5), pxY(data, -0.75))!;
    expect(next.observed).toEqual([1.5, -0.75]);
    expect(next.mcmc).toEqual(BAYES_INITIAL_REQUEST.mcmc);
    expect(clickRequest(BAYES_INITIAL_REQUEST, data, latent.x + 10, 10)).toBeNull();
  });

  it('the sampler’s method and count change alone', () => {
    expect(withMcmc(BAYES_INITIAL_REQUEST, { method: 'hmc' }).mcmc).toEqual({ samples: 1000, method: 'hmc' });
    expect(withMcmc({ observed: null }, { samples: 250 }).mcmc).toEqual({
      samples: 250,
      method: 'metropolis',
    });
  });

  it('the agreement sentence measures the answers in posterior σ', () => {
    const p = {
      posteriorMean: [0, 0],
      posteriorVar: [1, 4],
      q: { mean: [0.5, 0], sigma: [1, 2] },
      mcmcMean: [0, 1],
    } as unknown as BayesPosterior;
    expect(agreement(p)).toBe('the encoder’s mean is 0.5 posterior σ from the exact mean, MCMC’s is 0.5 σ.');
    expect(pair([1, -2])).toBe('(1.00, −2.00)');
    expect(pair(null)).toBe('–');
  });
});
