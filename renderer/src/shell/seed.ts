/** Seeds are unsigned 32-bit integers (see the contract's `Seed`). */
export const MAX_SEED = 0xffffffff;

type FillRandom = (array: Uint32Array<ArrayBuffer>) => Uint32Array<ArrayBuffer>;

const cryptoFill: FillRandom = (array) => crypto.getRandomValues(array);

/** A uniformly random uint32 from the platform's CSPRNG (or `fill`, for tests). */
export function randomSeed(fill: FillRandom = cryptoFill): number {
  const out = fill(new Uint32Array(1))[0];
  if (out === undefined) throw new Error('random source returned nothing');
  return out >>> 0;
}

/**
 * The seed typed in the seed field, parsed but not validated: main checks the range and answers
 * with a readable error for the field, which the UI shows as it is. Empty text parses to NaN.
 */
export function parseSeed(text: string): number {
  const t = text.trim();
  return t === '' ? Number.NaN : Number(t);
}

/** A job id the contract accepts (8–64 of [A-Za-z0-9_-]): a UUID where available. */
export function makeJobId(fill: FillRandom = cryptoFill): string {
  if (fill === cryptoFill && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const words = fill(new Uint32Array(4));
  return `job-${Array.from(words, (w) => w.toString(16).padStart(8, '0')).join('')}`;
}
