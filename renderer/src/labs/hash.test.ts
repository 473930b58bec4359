import { describe, expect, it } from 'vitest';
import { viewHash } from './hash';

describe('viewHash', () => {
  it('is the same for equal views and differs when a number moves', () => {
    const a = { samples: new Float32Array([1, 2, 3]), grid: { side: 2, values: [0.5, 0.25] }, loss: 'hinge' };
    const b = { samples: new Float32Array([1, 2, 3]), grid: { side: 2, values: [0.5, 0.25] }, loss: 'hinge' };
    expect(viewHash(a)).toBe(viewHash(b));
    b.samples[2] = 3.0001;
    expect(viewHash(a)).not.toBe(viewHash(b));
    expect(viewHash(null)).toMatch(/^[0-9a-f]{8}$/);
  });
});
