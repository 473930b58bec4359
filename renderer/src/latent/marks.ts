/**
 * The measurement hooks the bench and the e2e tests read (names are part of their contract):
 *  - `latent-pointer-<seq>`: a mark on each pad pointer move;
 *  - `latent-paint`: a mark when a decode's pixels have been handed to the canvas;
 *  - `latent-pointer-to-paint`: a measure from the latest pointer move a painted request
 *    included, to that paint.
 * Pointer marks are pruned to the last `keep`; paint marks and measures are cleared in bulk
 * once they pass `keep` × 4, so a long session's memory stays bounded.
 */
export const POINTER_MARK_PREFIX = 'latent-pointer-';
export const PAINT_MARK = 'latent-paint';
export const POINTER_TO_PAINT = 'latent-pointer-to-paint';

export type PerfLike = Pick<Performance, 'mark' | 'measure' | 'clearMarks' | 'clearMeasures'>;

export interface LatentMarks {
  /** Marks a pointer move and returns its sequence number. */
  pointer(): number;
  /** Marks a paint, and measures from pointer move `seq` when the paint included one. */
  painted(seq: number | null): void;
  /** The last sequence number handed out (0 before any). */
  readonly lastSeq: number;
}

export function createLatentMarks(perf: PerfLike = performance, keep = 2000): LatentMarks {
  let seq = 0;
  let oldestKept = 1;
  let paintsSinceClear = 0;

  return {
    pointer() {
      seq++;
      perf.mark(POINTER_MARK_PREFIX + seq);
      // Prune in chunks of 10 % so the cost is spread thin.
      const chunk = Math.max(1, Math.floor(keep / 10));
      if (seq - oldestKept + 1 > keep + chunk) {
        const until = seq - keep;
        for (let s = oldestKept; s <= until; s++) perf.clearMarks(POINTER_MARK_PREFIX + s);
        oldestKept = until + 1;
      }
      return seq;
    },
    painted(pointerSeq) {
      if (++paintsSinceClear > keep * 4) {
        perf.clearMarks(PAINT_MARK);
        perf.clearMeasures(POINTER_TO_PAINT);
        paintsSinceClear = 1;
      }
      perf.mark(PAINT_MARK);
      if (pointerSeq === null || pointerSeq < oldestKept || pointerSeq > seq) return;
      try {
        perf.measure(POINTER_TO_PAINT, POINTER_MARK_PREFIX + pointerSeq);
      } catch {
        // The start mark was cleared by someone else (a bench resetting between runs): no measure.
      }
    },
    get lastSeq() {
      return seq;
    },
  };
}

/** The page's one sequence of marks (pad moves and main-view paints), so names never repeat across remounts. */
export const pageMarks: LatentMarks = createLatentMarks();
