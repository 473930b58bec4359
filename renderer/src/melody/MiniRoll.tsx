import { memo, type ReactElement } from 'react';
import type { Note } from '../../../preload/contract';
import { miniRollLayout } from './preview';

interface Props {
  notes: readonly Note[];
  /** Length shown, in bars (defaults to the notes' own length). */
  bars?: number;
  /** Beats in a bar of the clip's meter (4 in 4/4, 3 in 3/4 and 6/8): where the bar lines are. */
  barBeats: number;
  /** The beat at the left edge (default 0, the clip's start). */
  from?: number;
  width?: number;
  height?: number;
  /** Notes from this beat on are drawn in the accent colour (a continuation's new part). */
  highlightFrom?: number;
  testId?: string;
}

/**
 * A small piano-roll picture of notes (takes, clips): bars across, pitch up. `data-shown` counts the
 * notes drawn (the new ones, where `highlightFrom` is set).
 */
export const MiniRoll = memo(function MiniRoll({
  notes,
  bars,
  barBeats,
  from = 0,
  width = 168,
  height = 40,
  highlightFrom,
  testId,
}: Props): ReactElement {
  const { beats, rects } = miniRollLayout(notes, { from, bars, barBeats, width, height, highlightFrom });
  const x = (b: number): number => (b / beats) * width;
  const firstBar = Math.ceil(from / barBeats + 1e-9) * barBeats;
  const lines: number[] = [];
  for (let b = firstBar; b < from + beats - 1e-9; b += barBeats) if (b > from) lines.push(b - from);
  return (
    <svg
      className="melody-mini-roll"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      aria-hidden="true"
      focusable="false"
      data-testid={testId}
      data-bar-beats={barBeats}
      data-shown={highlightFrom === undefined ? rects.length : rects.filter((r) => r.isNew).length}
    >
      {lines.map((b) => (
        <line key={b} x1={x(b)} x2={x(b)} y1={0} y2={height} className="melody-mini-bar" />
      ))}
      {rects.map((r, i) => (
        <rect
          key={i}
          x={r.x}
          y={r.y}
          width={r.width}
          height={r.height}
          rx={1}
          className={
            highlightFrom === undefined
              ? 'melody-mini-note'
              : r.isNew
                ? 'melody-mini-note is-new'
                : 'melody-mini-note is-context'
          }
        />
      ))}
    </svg>
  );
});
