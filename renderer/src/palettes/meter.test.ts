import { describe, expect, it } from 'vitest';
import { bandOf, createLatest, formatLogLik, meterView, ordinal } from './meter';

describe('the meter', () => {
  it('words the percentile', () => {
    expect(bandOf(3)).toBe('unusual');
    expect(bandOf(10)).toBe('distinctive');
    expect(bandOf(60)).toBe('typical');
    expect(bandOf(95)).toBe('very-typical');
    expect(meterView(61.4)).toEqual({
      position: 0.614,
      band: 'typical',
      word: 'Typical',
      detail: '61st percentile of real palettes',
    });
    expect(meterView(Number.NaN).position).toBe(0);
    expect(meterView(140).position).toBe(1);
  });

  it('writes ordinals and log-likelihoods', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 100].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
      '100th',
    ]);
    expect(formatLogLik(23.0699)).toBe('23.07');
    expect(formatLogLik(-1.5)).toBe('−1.50');
    expect(formatLogLik(Number.NEGATIVE_INFINITY)).toBe('–');
  });

  it('keeps only the newest answer', () => {
    const l = createLatest();
    const a = l.next();
    const b = l.next();
    expect(l.isLatest(a)).toBe(false);
    expect(l.isLatest(b)).toBe(true);
    l.cancel();
    expect(l.isLatest(b)).toBe(false);
  });
});
