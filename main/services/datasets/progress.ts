/**
 * A Datasets job's progress, the same for images, melodies and glyph sheets: the tracker every
 * driver settles its items into (done of total, and an ETA from the pace of real work), the
 * progress line, and the error a cancelled run ends with.
 */
import { AtelierError } from '../../../preload/contract';
import type { AugmentProgress } from './run';

export interface ProgressTracker {
  /**
   * `n` more items settled; `work` when they were made or copied now (they set the pace), not
   * found done or skipped. Reports done, total and the ETA (null before any real work).
   */
  settle(n: number, work: boolean): void;
}

export function progressTracker(
  total: number,
  report: (done: number, total: number, etaMs: number | null) => void,
): ProgressTracker {
  const started = performance.now();
  let done = 0;
  let worked = 0;
  return {
    settle(n, work) {
      done += n;
      if (work) worked += n;
      const elapsed = performance.now() - started;
      report(done, total, worked ? ((total - done) * elapsed) / worked : null);
    },
  };
}

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

/** A run stopped between items: what was written stays, and a rerun goes on from there. */
export const cancelled = (): AtelierError =>
  new AtelierError({
    code: 'cancelled',
    message: 'Cancelled; what was written is kept and a rerun goes on from there.',
  });
