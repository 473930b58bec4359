import { useId, type ReactElement } from 'react';
import type { LatentPriorKind } from '../../../preload/contract';
import { Icon } from '../shell/icons';
import { PanelSection } from './PanelSection';
import { formatNats, meterFill, ordinal, typicality, typicalityText } from './prior';
import type { PriorState } from './usePrior';
import './latent-prior.css';

interface Props {
  prior: PriorState;
  /** Where Randomize draws from. */
  randomizeFrom: LatentPriorKind;
  disabled: boolean;
  onRandomizeFrom: (prior: LatentPriorKind) => void;
}

/**
 * The flow prior's section (only for a model that has one): the typicality meter of the point on
 * show, where Randomize draws from, and Nearest typical style.
 */
export function PriorPanel({ prior, randomizeFrom, disabled, onRandomizeFrom }: Props): ReactElement {
  const id = useId();
  const m = prior.meter;
  const state = m === null ? (prior.pending ? 'pending' : 'idle') : prior.pending ? 'updating' : 'ready';
  const band = m ? typicality(m.percentile) : null;
  return (
    <PanelSection title="Typicality">
      <div
        className="latent-typicality"
        data-testid="latent-typicality"
        data-state={state}
        data-percentile={m ? (Math.round(m.percentile * 10) / 10).toFixed(1) : ''}
        data-log-density={m ? m.logDensity.toFixed(3) : ''}
        data-band={band ?? ''}
      >
        <meter
          className="latent-typicality-bar"
          min={0}
          max={1}
          low={0.05}
          high={0.2}
          optimum={0.6}
          value={m ? meterFill(m.percentile) : 0}
          aria-label="Typicality: percentile of training glyphs"
        />
        <div className={`latent-typicality-text${band ? ` band-${band}` : ''}`} aria-live="polite">
          {m ? typicalityText(m.percentile) : prior.pending ? 'Measuring…' : '—'}
        </div>
        {m ? (
          <div className="field-hint" title="log-density under the flow prior; under N(0, I) in brackets">
            {formatNats(m.logDensity)} (N(0, I): {formatNats(m.normalLogDensity)})
          </div>
        ) : null}
      </div>
      <div className="button-row">
        <button
          type="button"
          className="button"
          data-testid="latent-nearest-typical"
          data-target={prior.target ?? ''}
          disabled={disabled || prior.moving || prior.target === null}
          title={
            prior.target === null
              ? 'The point is already among the most typical styles'
              : `Move the point along the flow towards its most likely style until it reaches the ${ordinal(prior.target)} percentile`
          }
          onClick={() => void prior.nearestTypical()}
        >
          <Icon name="fit" />
          Nearest typical style
        </button>
      </div>
      <fieldset className="latent-prior-choice" disabled={disabled}>
        <legend className="field-label">Randomize draws from</legend>
        {(
          [
            ['flow', 'the flow prior', 'Styles like the training fonts’'],
            ['normal', 'N(0, I)', 'The VAE’s own prior'],
          ] as const
        ).map(([value, label, hint]) => (
          <label key={value} className="latent-prior-option" title={hint}>
            <input
              type="radio"
              name={`${id}-prior`}
              value={value}
              data-testid={`latent-prior-${value}`}
              checked={randomizeFrom === value}
              onChange={() => onRandomizeFrom(value)}
            />
            {label}
          </label>
        ))}
      </fieldset>
    </PanelSection>
  );
}
