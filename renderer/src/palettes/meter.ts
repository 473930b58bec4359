/**
 * The typicality meter: where the palette's log-likelihood falls among the training palettes'
 * (the percentile the service answers), in words a designer reads, and "latest wins" for the
 * score requests made while a colour is edited.
 */

export type MeterBand = 'unusual' | 'distinctive' | 'typical' | 'very-typical';

export interface MeterView {
  /** 0..1 along the meter. */
  position: number;
  band: MeterBand;
  /** "Typical", "Unusual", … */
  word: string;
  /** "61st percentile of real palettes" */
  detail: string;
}

const WORDS: Record<MeterBand, string> = {
  unusual: 'Unusual',
  distinctive: 'Distinctive',
  typical: 'Typical',
  'very-typical': 'Very typical',
};

export function bandOf(percentile: number): MeterBand {
  if (percentile < 10) return 'unusual';
  if (percentile < 40) return 'distinctive';
  if (percentile < 80) return 'typical';
  return 'very-typical';
}

/** 1 → "1st", 22 → "22nd", 13 → "13th". */
export function ordinal(n: number): string {
  const v = Math.round(n);
  const t = v % 100;
  if (t >= 11 && t <= 13) return `${v}th`;
  const d = v % 10;
  return `${v}${d === 1 ? 'st' : d === 2 ? 'nd' : d === 3 ? 'rd' : 'th'}`;
}

export function meterView(percentile: number): MeterView {
  const p = Number.isFinite(percentile) ? Math.min(100, Math.max(0, percentile)) : 0;
  const band = bandOf(p);
  return { position: p / 100, band, word: WORDS[band], detail: `${ordinal(p)} percentile of real palettes` };
}

/** A log-likelihood as shown: two decimals, a real minus sign. */
export const formatLogLik = (v: number): string =>
  Number.isFinite(v) ? v.toFixed(2).replace('-', '−') : '–';

/**
 * Numbers requests so only the newest answer is used: `next()` before each request, `isLatest(n)`
 * when it answers; `cancel()` makes every request in flight stale.
 */
export function createLatest(): { next: () => number; isLatest: (n: number) => boolean; cancel: () => void } {
  let current = 0;
  return {
    next: () => ++current,
    isLatest: (n) => n === current,
    cancel: () => void ++current,
  };
}
