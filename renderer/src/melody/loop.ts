/** The transport's loop: the region set in the roll's ruler, or the whole clip in bars. */
import { BEATS_PER_BAR } from '../../../preload/melody';
import { endBeat } from './notes';

export interface LoopRegion {
  start: number;
  end: number;
}

/** Where a loop over the clip runs: the region, or the whole clip in bars (at least one bar). */
export function loopBounds(
  notes: readonly { start: number; duration: number }[],
  region: LoopRegion | null,
): LoopRegion {
  if (region && region.end > region.start) return region;
  const bars = Math.max(1, Math.ceil(endBeat(notes) / BEATS_PER_BAR - 1e-9));
  return { start: 0, end: bars * BEATS_PER_BAR };
}
