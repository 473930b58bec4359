import { describe, expect, it } from 'vitest';
import { formatMetric, metricItems, verdict } from './metrics-text';

describe('metrics line', () => {
  it('names the known measures first and formats numbers for reading', () => {
    const items = metricItems({ zeta: 2, swdGaussian: 0.51234, swd: 0.123456, modesCovered: 7 });
    expect(items.map((i) => i.key)).toEqual(['swd', 'swdGaussian', 'modesCovered', 'zeta']);
    expect(items[0]!.text).toBe('0.1235');
    expect(items[2]!.text).toBe('7');
    expect(formatMetric(0.00001234)).toBe('1.23e-5');
    expect(formatMetric(-3.5)).toBe('-3.5');
    expect(formatMetric(12345)).toBe('12,345');
  });

  it('compares the model with the fitted Gaussian', () => {
    expect(verdict({ swd: 0.1, swdGaussian: 0.4 })?.beats).toBe(true);
    expect(verdict({ swd: 0.5, swdGaussian: 0.4 })?.text).toMatch(/^Not yet/);
    expect(verdict({ elbo: 1 })).toBeNull();
  });
});
