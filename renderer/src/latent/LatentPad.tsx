import { useRef, type PointerEvent, type ReactElement, type ReactNode } from 'react';
import { insidePad, PAD_RANGE, padToSd, sdToPad } from './pad';

interface Props {
  /** The current point's coordinates along the pad's directions, in SDs. */
  x: number;
  y: number;
  xLabel: string;
  yLabel: string;
  disabled: boolean;
  /** Each pointer position while dragging, in SDs (clamped to ±3). */
  onMove: (x: number, y: number) => void;
  /** Drawn over the pad, under the point (e.g. a glyph set's marks); transparent to the pointer. */
  overlay?: ReactNode;
}

const TICKS = [-2, -1, 1, 2];

/**
 * The 2-D pad: drag anywhere to move the point along two principal directions (x right, y up),
 * ±3 SD across. Pointer capture keeps the drag going outside the square.
 */
export function LatentPad({ x, y, xLabel, yLabel, disabled, onMove, overlay }: Props): ReactElement {
  const rect = useRef<DOMRect | null>(null);
  const dragging = useRef<number | null>(null);

  const move = (e: PointerEvent<HTMLDivElement>): void => {
    const r = rect.current;
    if (!r) return;
    const p = padToSd(e.clientX - r.left, e.clientY - r.top, r);
    onMove(p.x, p.y);
  };

  const onPointerDown = (e: PointerEvent<HTMLDivElement>): void => {
    if (disabled || e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.focus({ preventScroll: true });
    e.currentTarget.setPointerCapture(e.pointerId);
    // The pad does not move during a drag: measure once, not on every move.
    rect.current = e.currentTarget.getBoundingClientRect();
    dragging.current = e.pointerId;
    move(e);
  };

  const onPointerMove = (e: PointerEvent<HTMLDivElement>): void => {
    if (dragging.current !== e.pointerId) return;
    move(e);
  };

  const end = (e: PointerEvent<HTMLDivElement>): void => {
    if (dragging.current !== e.pointerId) return;
    dragging.current = null;
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
  };

  const { px, py } = sdToPad(x, y, { width: 100, height: 100 });
  const inside = insidePad(x, y);

  return (
    <div className="latent-pad-wrap">
      <div
        className={`latent-pad${disabled ? ' is-disabled' : ''}`}
        data-testid="latent-pad"
        role="group"
        aria-label={`Latent pad: ${xLabel} across, ${yLabel} up, ±${PAD_RANGE} standard deviations. Drag to move; arrow keys nudge.`}
        aria-disabled={disabled || undefined}
        tabIndex={disabled ? -1 : 0}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={end}
        onPointerCancel={end}
        onLostPointerCapture={() => {
          dragging.current = null;
        }}
      >
        {TICKS.map((t) => {
          const p = sdToPad(t, t, { width: 100, height: 100 });
          return (
            <span key={t} aria-hidden="true">
              <span className="pad-tick pad-tick-v" style={{ left: `${p.px}%` }} />
              <span className="pad-tick pad-tick-h" style={{ top: `${p.py}%` }} />
            </span>
          );
        })}
        <span className="pad-axis pad-axis-v" aria-hidden="true" />
        <span className="pad-axis pad-axis-h" aria-hidden="true" />
        {overlay}
        <span className="pad-cross pad-cross-v" style={{ left: `${px}%` }} aria-hidden="true" />
        <span className="pad-cross pad-cross-h" style={{ top: `${py}%` }} aria-hidden="true" />
        <span
          className={`pad-dot${inside ? '' : ' is-outside'}`}
          style={{ left: `${px}%`, top: `${py}%` }}
          aria-hidden="true"
        />
        <span className="pad-label pad-label-x" aria-hidden="true">
          {xLabel} →
        </span>
        <span className="pad-label pad-label-y" aria-hidden="true">
          {yLabel} ↑
        </span>
      </div>
    </div>
  );
}
