import { describe, expect, it } from 'vitest';
import { fromHalf, fromHalfBits, toHalf, toHalfBits } from './half';

describe('float16 conversion', () => {
  it('gives the bits IEEE 754 gives for known values', () => {
    expect(toHalfBits(1)).toBe(0x3c00);
    expect(toHalfBits(-2)).toBe(0xc000);
    expect(toHalfBits(65504)).toBe(0x7bff);
    expect(toHalfBits(1e6)).toBe(0x7c00);
    expect(toHalfBits(2 ** -24)).toBe(0x0001);
    expect(toHalfBits(0.1)).toBe(0x2e66);
    expect(toHalfBits(NaN) & 0x7c00).toBe(0x7c00);
    expect(fromHalfBits(0x3555)).toBeCloseTo(0.33325, 5);
  });

  it('round-trips within half precision and rounds to nearest even', () => {
    const xs = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 10 ** ((i % 9) - 4));
    const back = fromHalf(toHalf(xs));
    for (let i = 0; i < xs.length; i++)
      if (Math.abs(xs[i]!) > 6.2e-5)
        expect(Math.abs(back[i]! - xs[i]!) / Math.abs(xs[i]!)).toBeLessThan(1 / 1024);
    expect(toHalfBits(1 + 2 ** -11)).toBe(0x3c00);
    expect(toHalfBits(1 + 3 * 2 ** -11)).toBe(0x3c02);
  });
});
