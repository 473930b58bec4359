/** The transport's loop: the region set in the roll's ruler, or the whole clip in bars of its meter. */
import { barsOf } from './notes';

export interface LoopRegion {
  start: number;
  end: number;
}

/**
 * Where a loop over the clip runs: the region, or the whole clip in bars of `barBeats` beats (the
 * meter's bar; at least one bar).
 */
export function loopBounds(
  notes: readonly { start: number; duration: number }[],
  region: LoopRegion | null,
  barBeats: number,
): LoopRegion {
  if (region && region.end > region.start) return region;
  return { start: 0, end: barsOf(notes, barBeats) * barBeats };
}
