import { describe, expect, it } from 'vitest';
import { MAX_SEED, makeJobId, parseSeed, randomSeed } from './seed';

describe('randomSeed', () => {
  it('returns uint32 values from the platform source', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const s = randomSeed();
      expect(Number.isInteger(s)).toBe(true);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(MAX_SEED);
      seen.add(s);
    }
    expect(seen.size).toBeGreaterThan(190);
  });

  it('uses the full range, including the extremes', () => {
    expect(randomSeed((a) => a.fill(0xffffffff))).toBe(MAX_SEED);
    expect(randomSeed((a) => a.fill(0))).toBe(0);
    expect(randomSeed((a) => a.fill(0x80000000))).toBe(2147483648);
  });
});

describe('parseSeed', () => {
  it('parses numbers without validating them', () => {
    expect(parseSeed(' 42 ')).toBe(42);
    expect(parseSeed('-1')).toBe(-1);
    expect(parseSeed('4294967296')).toBe(4294967296);
    expect(parseSeed('1.5')).toBe(1.5);
  });

  it('gives NaN for empty or non-numeric text', () => {
    expect(parseSeed('')).toBeNaN();
    expect(parseSeed('   ')).toBeNaN();
    expect(parseSeed('abc')).toBeNaN();
  });
});

describe('makeJobId', () => {
  const JOB_ID = /^[A-Za-z0-9_-]{8,64}$/;
  it('matches the contract pattern and is unique', () => {
    const a = makeJobId();
    const b = makeJobId();
    expect(a).toMatch(JOB_ID);
    expect(b).toMatch(JOB_ID);
    expect(a).not.toBe(b);
  });

  it('falls back to random words when given a custom source', () => {
    const id = makeJobId((arr) => arr.fill(0xabcdef));
    expect(id).toMatch(JOB_ID);
    expect(id).toBe('job-' + '00abcdef'.repeat(4));
  });
});
