import { describe, expect, it } from 'vitest';
import { Rng } from './rng';

describe('Rng', () => {
  it('replays the same stream for the same seed', () => {
    const a = new Rng(7).fillNormal(new Float32Array(1000));
    const b = new Rng(7).fillNormal(new Float32Array(1000));
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
  });

  it('gives different streams for different seeds', () => {
    const a = new Rng(7).fillNormal(new Float32Array(64));
    const b = new Rng(8).fillNormal(new Float32Array(64));
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(false);
  });

  it('pins the stream so seeds replay across versions', () => {
    // If this changes, every stored generation stops replaying: never update it casually.
    const r = new Rng(42);
    expect([r.nextU32(), r.nextU32(), r.nextU32()]).toMatchInlineSnapshot(`
      [
        2837322924,
        544945897,
        479756282,
      ]
    `);
  });

  it('implements xoshiro128** exactly (reference C output for state 1,2,3,4)', () => {
    const r = new Rng(0);
    (r as unknown as { s: Uint32Array }).s = new Uint32Array([1, 2, 3, 4]);
    expect([r.nextU32(), r.nextU32(), r.nextU32()]).toEqual([11520, 0, 5927040]);
  });

  it('draws standard normals (mean ≈ 0, sd ≈ 1) with odd lengths filled', () => {
    const x = new Rng(1).fillNormal(new Float32Array(100_001));
    const mean = x.reduce((s, v) => s + v, 0) / x.length;
    const sd = Math.sqrt(x.reduce((s, v) => s + (v - mean) ** 2, 0) / x.length);
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(sd - 1)).toBeLessThan(0.02);
    expect(Number.isFinite(x[x.length - 1])).toBe(true);
    expect(x[x.length - 1]).not.toBe(0);
  });

  it('covers the full uint32 range for seeds', () => {
    expect(() => new Rng(0xffffffff).nextU32()).not.toThrow();
    expect(new Rng(0).nextU32()).not.toBe(new Rng(0xffffffff).nextU32());
  });
});
