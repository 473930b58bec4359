import type { Generation } from '../../../preload/contract';

/** A melody record's length and tempo ("4 bars · 120 bpm"), or "—" when its params lack them. */
export function melodyMeta(gen: Pick<Generation, 'params'>): string {
  const { bars, bpm } = gen.params;
  if (typeof bars !== 'number' || typeof bpm !== 'number') return '—';
  return `${bars} bar${bars === 1 ? '' : 's'} · ${Math.round(bpm)} bpm`;
}
