import { useId, type ReactElement } from 'react';
import type { LatentPriorKind } from '../../../preload/contract';
import type { Pca } from '../../../preload/latent';
import { Icon } from '../shell/icons';
import { DirectionSliders } from './DirectionSliders';
import type { Axes } from './pad';
import { PanelSection } from './PanelSection';

interface Props {
  /** The model's principal directions (null without a model: no sliders). */
  pca: Pca | null;
  point: readonly number[];
  /** Sliders shown, for the strongest directions. */
  sliders: number;
  shares: readonly number[];
  axes: Axes;
  temperature: number;
  /** The last Randomize's seed. */
  seed: number | null;
  /** Where Randomize draws from, for a model with a flow prior (null: N(0, I), no choice). */
  randomizeFrom?: LatentPriorKind | null;
  disabled: boolean;
  onSlider: (k: number, value: number) => void;
  onReset: () => void;
  onRandomize: () => void;
  onTemperature: (t: number) => void;
}

/** The directions section: a slider per strong direction, Reset, Randomize and its temperature. */
export function DirectionsPanel({
  pca,
  point,
  sliders,
  shares,
  axes,
  temperature,
  seed,
  randomizeFrom = null,
  disabled,
  onSlider,
  onReset,
  onRandomize,
  onTemperature,
}: Props): ReactElement {
  const id = useId();
  return (
    <PanelSection title="Directions">
      {pca ? (
        <DirectionSliders
          pca={pca}
          point={point}
          count={sliders}
          shares={shares}
          axes={axes}
          disabled={disabled}
          onChange={onSlider}
        />
      ) : null}
      <div className="button-row">
        <button
          type="button"
          className="button"
          data-testid="latent-reset"
          disabled={disabled}
          aria-keyshortcuts="0"
          onClick={onReset}
        >
          <Icon name="reset" />
          Reset
        </button>
        <button
          type="button"
          className="button"
          data-testid="latent-randomize"
          data-prior={randomizeFrom ?? 'normal'}
          disabled={disabled}
          aria-keyshortcuts="R"
          onClick={onRandomize}
        >
          <Icon name="dice" />
          Randomize
        </button>
      </div>
      <div className="field">
        <div className="field-row">
          <label className="field-label" htmlFor={`${id}-temp`}>
            Temperature
          </label>
          <output className="field-value" htmlFor={`${id}-temp`}>
            {temperature.toFixed(2)}
            {seed !== null ? ` · seed ${seed}` : ''}
          </output>
        </div>
        <input
          id={`${id}-temp`}
          data-testid="latent-temperature"
          type="range"
          min={0}
          max={2}
          step={0.05}
          value={temperature}
          disabled={disabled}
          onChange={(e) => {
            const v = e.target.valueAsNumber;
            if (Number.isFinite(v)) onTemperature(v);
          }}
        />
        <div className="field-hint">
          {randomizeFrom === 'flow'
            ? 'Randomize draws from the flow prior (styles like the training fonts’), its spread scaled by this.'
            : 'Randomize draws from the prior, its spread scaled by this.'}
        </div>
      </div>
    </PanelSection>
  );
}
