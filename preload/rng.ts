/**
 * Seeded randomness for generators. Written here rather than taken from a library on purpose:
 * a seed must replay the same pixels forever, so the stream must never change under a
 * dependency upgrade. xoshiro128** seeded through splitmix32, Gaussians by Box–Muller.
 */
export class Rng {
  private s: Uint32Array;

  constructor(seed: number) {
    let x = seed >>> 0;
    const next = (): number => {
      // splitmix32
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s = new Uint32Array([next(), next(), next(), next()]);
  }

  /** The generator's whole state, to save a run and go on from it later ({@link Rng.fromState}). */
  state(): [number, number, number, number] {
    return [this.s[0]!, this.s[1]!, this.s[2]!, this.s[3]!];
  }

  /** A generator that continues exactly where the one that gave `state` was. */
  static fromState(state: readonly number[]): Rng {
    const rng = new Rng(0);
    rng.s = new Uint32Array(state.slice(0, 4));
    return rng;
  }

  /** Next uint32 (xoshiro128**). */
  nextU32(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1]!, 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1]! << 9) >>> 0;
    s[2]! ^= s[0]!;
    s[3]! ^= s[1]!;
    s[1]! ^= s[2]!;
    s[0]! ^= s[3]!;
    s[2]! ^= t;
    s[3] = rotl(s[3]!, 11);
    return result;
  }

  /** Uniform in (0, 1]: never 0, so log() in Box–Muller stays finite. */
  nextFloat(): number {
    return (this.nextU32() + 1) / 4294967296;
  }

  /** Fills `out` with standard normal samples. */
  fillNormal(out: Float32Array): Float32Array {
    for (let i = 0; i < out.length; i += 2) {
      const r = Math.sqrt(-2 * Math.log(this.nextFloat()));
      const theta = 2 * Math.PI * this.nextFloat();
      out[i] = r * Math.cos(theta);
      if (i + 1 < out.length) out[i + 1] = r * Math.sin(theta);
    }
    return out;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
