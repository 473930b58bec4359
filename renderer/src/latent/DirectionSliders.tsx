import { useId, type ReactElement } from 'react';
import { coordinate, type Pca } from '../../../preload/latent';
import { directionLabel, formatSd } from './explorer';
import type { Axes } from './pad';
import { PAD_RANGE } from './pad';

interface Props {
  pca: Pca;
  point: readonly number[];
  count: number;
  shares: readonly number[];
  axes: Axes;
  disabled: boolean;
  onChange: (k: number, value: number) => void;
}

/** One slider per strongest direction, −3…+3 SD, each showing the point's coordinate. */
export function DirectionSliders({
  pca,
  point,
  count,
  shares,
  axes,
  disabled,
  onChange,
}: Props): ReactElement {
  const id = useId();
  const ready = point.length === pca.mean.length;
  return (
    <div className="latent-sliders">
      {Array.from({ length: count }, (_, k) => {
        const value = ready ? coordinate(pca, point, k) : 0;
        const tag = axes.x === k ? 'x' : axes.y === k ? 'y' : null;
        return (
          <div className="latent-slider" key={k}>
            <div className="field-row">
              <label className="field-label" htmlFor={`${id}-${k}`}>
                {directionLabel(k, shares[k])}
                {tag ? (
                  <span className="axis-tag" title={`The pad's ${tag} axis`}>
                    {tag}
                  </span>
                ) : null}
              </label>
              <output className="field-value" htmlFor={`${id}-${k}`}>
                {formatSd(value)}
              </output>
            </div>
            <input
              id={`${id}-${k}`}
              data-testid={`latent-slider-${k}`}
              type="range"
              min={-PAD_RANGE}
              max={PAD_RANGE}
              step={0.01}
              value={Math.min(PAD_RANGE, Math.max(-PAD_RANGE, value))}
              disabled={disabled}
              aria-valuetext={`${formatSd(value)} SD`}
              onChange={(e) => {
                const v = e.target.valueAsNumber;
                if (Number.isFinite(v)) onChange(k, v);
              }}
            />
          </div>
        );
      })}
    </div>
  );
}
