import { describe, expect, it } from 'vitest';
import { clampSlider, formatSd, moveLatents, sliderCount, varianceShares } from './latentSliders';

const pca = {
  mean: [0, 0, 0],
  directions: [
    [1, 0, 0],
    [0, 1, 0],
  ],
  variance: [4, 0.25],
};

describe('moveLatents', () => {
  it('moves every segment by s × √variance along each direction', () => {
    const base = [
      [1, 1, 1],
      [0, 0, 0],
    ];
    expect(moveLatents(base, pca, [1.5, -2])).toEqual([
      [1 + 1.5 * 2, 1 - 2 * 0.5, 1],
      [3, -1, 0],
    ]);
    // the base is left as it was
    expect(base[0]).toEqual([1, 1, 1]);
  });

  it('is the base itself at zero', () => {
    expect(moveLatents([[0.3, 0.2, 0.1]], pca, [0, 0])).toEqual([[0.3, 0.2, 0.1]]);
  });
});

describe('slider helpers', () => {
  it('offers at most 8 sliders of the latent size', () => {
    expect(sliderCount(pca, 3)).toBe(2);
    expect(sliderCount(pca, 4)).toBe(0);
    expect(sliderCount(null, 3)).toBe(0);
    const many = {
      mean: [0],
      directions: Array.from({ length: 12 }, () => [1]),
      variance: new Array(12).fill(1),
    };
    expect(sliderCount(many, 1)).toBe(8);
  });
  it('clamps, formats and shares', () => {
    expect(clampSlider(5)).toBe(3);
    expect(clampSlider(Number.NaN)).toBe(0);
    expect(formatSd(1.25)).toBe('+1.25 SD');
    expect(formatSd(-0.5)).toBe('−0.50 SD');
    expect(formatSd(0)).toBe('±0.00 SD');
    expect(varianceShares([3, 1])).toEqual([0.75, 0.25]);
  });
});
