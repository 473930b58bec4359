/**
 * The flow prior as the explorer sees it: which installed prior (if any) is a density over the
 * model on show, and how its typicality reads — the point's log-density as a percentile of the
 * training styles', in words and as the meter's fill.
 */
import type { ModelStatus } from '../../../preload/contract';
import type { LatentInfo } from './explorer';

export type PriorInfo = NonNullable<ModelStatus['prior']>;

/** The usable flow prior for the latent model on show (first by id), or null. */
export function priorFor(
  models: readonly ModelStatus[] | null,
  latentId: string,
  latent: LatentInfo | undefined,
): (ModelStatus & { prior: PriorInfo }) | null {
  if (!latent || latentId === '') return null;
  const found = (models ?? [])
    .filter(
      (m): m is ModelStatus & { prior: PriorInfo } =>
        m.ok && m.prior !== undefined && m.prior.for === latentId && m.prior.dim === latent.dim,
    )
    .sort((a, b) => a.id.localeCompare(b.id));
  return found[0] ?? null;
}

/** "1st", "2nd", "3rd", "11th", "42nd". */
export function ordinal(n: number): string {
  const k = Math.round(n);
  const tens = k % 100;
  if (tens >= 11 && tens <= 13) return `${k}th`;
  return `${k}${['th', 'st', 'nd', 'rd'][k % 10] ?? 'th'}`;
}

export type Typicality = 'typical' | 'unusual' | 'rare' | 'outside';

/** How typical a percentile of the training styles reads. */
export function typicality(percentile: number): Typicality {
  if (percentile >= 20) return 'typical';
  if (percentile >= 5) return 'unusual';
  if (percentile >= 0.5) return 'rare';
  return 'outside';
}

const WORDS: Record<Typicality, string> = {
  typical: 'a typical style',
  unusual: 'an unusual style',
  rare: 'a rare style',
  outside: 'outside the training styles',
};

/** The meter's sentence: "42nd percentile of training glyphs · a typical style". */
export function typicalityText(percentile: number): string {
  const p = Math.min(100, Math.max(0, percentile));
  const at =
    p < 0.5
      ? 'Below every training glyph'
      : p > 99.5
        ? 'Above every training glyph'
        : `${ordinal(p)} percentile of training glyphs`;
  return `${at} · ${WORDS[typicality(p)]}`;
}

/** The meter's fill, 0..1. */
export function meterFill(percentile: number): number {
  return Number.isFinite(percentile) ? Math.min(1, Math.max(0, percentile / 100)) : 0;
}

/** "−31.2 nats" (a real minus sign). */
export function formatNats(v: number): string {
  if (!Number.isFinite(v)) return '—';
  const s = v.toFixed(1);
  return `${s.startsWith('-') ? `−${s.slice(1)}` : s} nats`;
}

/**
 * The typicality Nearest typical style aims for from a point at `percentile`: the median training
 * glyph (50) from below it; from there on each press asks for 20 percentiles more, up to 99; null
 * when the point is already among the most typical (nothing to climb).
 */
export function nearestTarget(percentile: number): number | null {
  if (!Number.isFinite(percentile) || percentile < 50) return 50;
  if (percentile >= 99) return null;
  return Math.min(99, percentile + 20);
}
