import { memo, type ReactElement } from 'react';
import type { Note } from '../../../preload/contract';
import { BEATS_PER_BAR } from '../../../preload/melody';
import { endBeat } from './notes';

interface Props {
  notes: readonly Note[];
  /** Length shown, in bars (defaults to the notes' own length). */
  bars?: number;
  width?: number;
  height?: number;
  /** Notes from this beat on are drawn in the accent colour (a continuation's new part). */
  highlightFrom?: number;
}

/** A small piano-roll picture of notes (takes, clips): bars across, pitch up. */
export const MiniRoll = memo(function MiniRoll({
  notes,
  bars,
  width = 168,
  height = 40,
  highlightFrom,
}: Props): ReactElement {
  const beats = Math.max(BEATS_PER_BAR, (bars ?? Math.ceil(endBeat(notes) / BEATS_PER_BAR)) * BEATS_PER_BAR);
  let lo = 127;
  let hi = 0;
  for (const n of notes) {
    lo = Math.min(lo, n.pitch);
    hi = Math.max(hi, n.pitch);
  }
  if (notes.length === 0) {
    lo = 60;
    hi = 72;
  }
  const span = Math.max(12, hi - lo + 1);
  const mid = (lo + hi) / 2;
  const bottom = mid - span / 2;
  const rowH = height / span;
  const x = (b: number): number => (b / beats) * width;
  return (
    <svg
      className="melody-mini-roll"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      aria-hidden="true"
      focusable="false"
    >
      {Array.from({ length: Math.ceil(beats / BEATS_PER_BAR) - 1 }, (_, i) => (
        <line
          key={i}
          x1={x((i + 1) * BEATS_PER_BAR)}
          x2={x((i + 1) * BEATS_PER_BAR)}
          y1={0}
          y2={height}
          className="melody-mini-bar"
        />
      ))}
      {notes.map((n, i) => (
        <rect
          key={i}
          x={x(n.start)}
          y={height - (n.pitch - bottom + 1) * rowH}
          width={Math.max(1.5, x(n.duration) - 0.5)}
          height={Math.max(1.5, rowH - 0.5)}
          rx={1}
          className={
            highlightFrom !== undefined && n.start >= highlightFrom
              ? 'melody-mini-note is-new'
              : 'melody-mini-note'
          }
        />
      ))}
    </svg>
  );
});
