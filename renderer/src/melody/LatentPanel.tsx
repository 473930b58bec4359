import type { ReactElement } from 'react';
import { Icon } from '../shell/icons';
import { formatSd, SLIDER_RANGE } from './latentSliders';
import { SliderField, TemperatureField } from './fields';

interface Props {
  encoded: boolean;
  stale: boolean;
  values: readonly number[];
  shares: readonly number[];
  segments: number;
  encoding: boolean;
  decoding: boolean;
  previewing: boolean;
  disabled: boolean;
  canEncode: boolean;
  temperature: number;
  autoAudition: boolean;
  onEncode: () => void;
  onSlider: (k: number, v: number) => void;
  onTemperature: (v: number) => void;
  onAutoAudition: (on: boolean) => void;
  onApply: () => void;
  onReset: () => void;
}

/** The latent sliders: the roll's melody moved along the melody VAE's principal directions. */
export function LatentPanel(p: Props): ReactElement {
  return (
    <>
      <p className="field-hint">
        Encode the roll, then move it along the directions in which the model’s melodies vary most. The roll
        shows each result live; <em>Apply</em> keeps it as one undo step.
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button"
          data-testid="melody-latent-encode"
          disabled={p.disabled || !p.canEncode || p.encoding}
          onClick={p.onEncode}
        >
          {p.encoding ? 'Encoding…' : p.encoded ? 'Encode the roll again' : 'Encode the roll'}
        </button>
        {p.decoding ? <span className="spinner" aria-label="Decoding" /> : null}
      </div>
      {!p.canEncode && !p.encoded ? <p className="muted">Draw or generate some notes first.</p> : null}
      {p.stale ? (
        <p className="field-hint" data-testid="melody-latent-stale">
          The roll changed since it was encoded: encode it again to start from what is there now.
        </p>
      ) : null}
      {p.encoded ? (
        <>
          <div className="muted">
            {p.segments} segment{p.segments === 1 ? '' : 's'}; each slider moves all of them.
          </div>
          <div className="melody-latent-sliders">
            {p.values.map((v, k) => (
              <SliderField
                key={k}
                label={`D${k + 1} · ${Math.round((p.shares[k] ?? 0) * 100)}%`}
                value={v}
                min={-SLIDER_RANGE}
                max={SLIDER_RANGE}
                step={0.05}
                testId={`melody-latent-slider-${k}`}
                disabled={p.disabled}
                format={formatSd}
                onChange={(x) => p.onSlider(k, x)}
              />
            ))}
          </div>
          <TemperatureField
            value={p.temperature}
            disabled={p.disabled}
            hint="Decoded with a fixed seed, so a slider position always gives the same notes; 0 takes the most likely note at every step."
            onChange={p.onTemperature}
          />
          <label className="check">
            <input
              type="checkbox"
              data-testid="melody-latent-audition"
              checked={p.autoAudition}
              onChange={(e) => p.onAutoAudition(e.target.checked)}
            />
            Loop the roll while I move the sliders
          </label>
          <div className="button-row">
            <button
              type="button"
              className="button primary"
              data-testid="melody-latent-apply"
              disabled={p.disabled || !p.previewing}
              onClick={p.onApply}
            >
              Apply
            </button>
            <button
              type="button"
              className="button"
              data-testid="melody-latent-reset"
              disabled={p.disabled}
              onClick={p.onReset}
            >
              <Icon name="reset" />
              Reset
            </button>
          </div>
        </>
      ) : null}
    </>
  );
}
