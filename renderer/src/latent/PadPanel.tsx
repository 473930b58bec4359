import type { ReactElement, ReactNode } from 'react';
import { formatSd } from './explorer';
import { LatentPad } from './LatentPad';
import type { Axes } from './pad';
import { PanelSection } from './PanelSection';

interface Props {
  /** The model's principal directions. */
  count: number;
  shares: readonly number[];
  axes: Axes;
  /** The point's coordinates along the pad's directions, in SDs. */
  x: number;
  y: number;
  disabled: boolean;
  onAxis: (which: 'x' | 'y', direction: number) => void;
  onMove: (x: number, y: number) => void;
  /** Drawn over the pad (a glyph set's marks and ellipse). */
  overlay?: ReactNode;
}

/** The pad section: which direction runs across and which up, the 2-D pad and its readout. */
export function PadPanel({
  count,
  shares,
  axes,
  x,
  y,
  disabled,
  onAxis,
  onMove,
  overlay,
}: Props): ReactElement {
  return (
    <PanelSection title="Pad">
      <div className="field-pair">
        {(['x', 'y'] as const).map((which) => (
          <label key={which} className="inline-field">
            <span>{which === 'x' ? 'Across' : 'Up'}</span>
            <select
              value={String(axes[which])}
              disabled={disabled}
              aria-label={which === 'x' ? "The pad's horizontal direction" : "The pad's vertical direction"}
              onChange={(e) => onAxis(which, Number(e.target.value))}
            >
              {Array.from({ length: count }, (_, k) => (
                <option key={k} value={String(k)}>
                  D{k + 1} · {Math.round((shares[k] ?? 0) * 100)}%
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <LatentPad
        x={x}
        y={y}
        xLabel={`D${axes.x + 1}`}
        yLabel={`D${axes.y + 1}`}
        disabled={disabled}
        onMove={onMove}
        overlay={overlay}
      />
      <div className="pad-readout muted">
        D{axes.x + 1} {formatSd(x)} · D{axes.y + 1} {formatSd(y)} SD
      </div>
    </PanelSection>
  );
}
