import { describe, expect, it } from 'vitest';
import { outOfScale, velocityColor } from './paint';

const C_MAJOR = [true, false, true, false, true, true, false, true, false, true, false, true];

describe('outOfScale', () => {
  it('shades the pitch classes outside the scale, in every octave', () => {
    expect(outOfScale(C_MAJOR, 60)).toBe(false);
    expect(outOfScale(C_MAJOR, 61)).toBe(true);
    expect(outOfScale(C_MAJOR, 6)).toBe(true);
    expect(outOfScale(C_MAJOR, 127)).toBe(false); // G
  });

  it('shades nothing without a scale', () => {
    expect(outOfScale(null, 61)).toBe(false);
    expect(outOfScale([true], 61)).toBe(false);
  });
});

describe('velocityColor', () => {
  const hue = (c: string): number => Number(/hsl\((\d+)/.exec(c)![1]);
  const light = (c: string): number => Number(/(\d+)%\)$/.exec(c)![1]);

  it('runs from cool (soft) to warm (loud)', () => {
    expect(hue(velocityColor(1))).toBeGreaterThan(hue(velocityColor(64)));
    expect(hue(velocityColor(64))).toBeGreaterThan(hue(velocityColor(127)));
  });

  it('makes selected notes lighter', () => {
    expect(light(velocityColor(90, true))).toBeGreaterThan(light(velocityColor(90)));
  });
});
