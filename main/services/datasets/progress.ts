/** A Datasets job's progress line, the same for images, melodies and glyph sheets. */
import type { AugmentProgress } from './run';

/** "12/40 items · about 8 s left" */
export function progressMessage(p: Pick<AugmentProgress, 'done' | 'total' | 'etaMs'>): string {
  const eta = p.etaMs === null ? '' : ` · about ${formatEta(p.etaMs)} left`;
  return `${p.done}/${p.total} items${eta}`;
}

export function formatEta(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  if (s < 90) return `${s} s`;
  const m = Math.round(s / 60);
  return m < 90 ? `${m} min` : `${Math.round(m / 6) / 10} h`;
}
