import { describe, expect, it } from 'vitest';
import { chooseAxis, insidePad, padToSd, sdToPad, validAxes } from './pad';

const size = { width: 200, height: 200 };

describe('pad mapping', () => {
  it('maps the centre to 0, corners to ±3 with +y up', () => {
    expect(padToSd(100, 100, size)).toEqual({ x: 0, y: 0 });
    expect(padToSd(0, 0, size)).toEqual({ x: -3, y: 3 });
    expect(padToSd(200, 200, size)).toEqual({ x: 3, y: -3 });
  });

  it('clamps positions outside the pad (a captured drag may leave it)', () => {
    expect(padToSd(-50, 500, size)).toEqual({ x: -3, y: -3 });
  });

  it('round-trips SD → pixel → SD', () => {
    for (const [x, y] of [
      [0.5, -1.25],
      [2.9, 2.9],
      [-3, 0],
    ] as const) {
      const { px, py } = sdToPad(x, y, { width: 240, height: 180 });
      const back = padToSd(px, py, { width: 240, height: 180 });
      expect(back.x).toBeCloseTo(x, 10);
      expect(back.y).toBeCloseTo(y, 10);
    }
  });

  it('clamps SD coordinates beyond the range to the edge and says so', () => {
    expect(sdToPad(7, -9, size)).toEqual({ px: 200, py: 200 });
    expect(sdToPad(Number.NaN, 0, size)).toEqual({ px: 100, py: 100 });
    expect(insidePad(2, -3)).toBe(true);
    expect(insidePad(3.2, 0)).toBe(false);
    // The edge itself, after a round trip through the latent space's floating point.
    expect(insidePad(-3.0000004, 0)).toBe(true);
    expect(insidePad(-3.001, 0)).toBe(false);
  });
});

describe('axes', () => {
  it('swaps when one axis is set to the other', () => {
    expect(chooseAxis({ x: 0, y: 1 }, 'x', 1)).toEqual({ x: 1, y: 0 });
    expect(chooseAxis({ x: 0, y: 1 }, 'y', 4)).toEqual({ x: 0, y: 4 });
  });

  it('falls back to 0 and 1 when the axes do not fit the model', () => {
    expect(validAxes({ x: 5, y: 9 }, 8)).toEqual({ x: 0, y: 1 });
    expect(validAxes({ x: 3, y: 3 }, 8)).toEqual({ x: 0, y: 1 });
    expect(validAxes({ x: 3, y: 2 }, 8)).toEqual({ x: 3, y: 2 });
  });
});
