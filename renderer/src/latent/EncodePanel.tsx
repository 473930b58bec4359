import { useId, useRef, type ReactElement } from 'react';
import type { AtelierApi } from '../../../preload/contract';
import { Icon } from '../shell/icons';
import { CharSelect } from './CharSelect';
import { meanSpread } from './explorer';
import { meanSquaredError } from './pixels';
import { PixelTile } from './PixelTile';

export type EncodeOutput = Awaited<ReturnType<AtelierApi['latent']['encode']>>;

export interface EncodeResult extends EncodeOutput {
  fileName: string;
}

interface Props {
  charset: string | null;
  char: string;
  onChar: (c: string) => void;
  result: EncodeResult | null;
  busy: boolean;
  disabled: boolean;
  reconThreshold: number;
  onFile: (file: File) => void;
  onPick: (point: number[]) => void;
}

/** Encode an image (drop or open): its normalised input, reconstruction and posterior samples. */
export function EncodePanel({
  charset,
  char,
  onChar,
  result,
  busy,
  disabled,
  reconThreshold,
  onFile,
  onPick,
}: Props): ReactElement {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const mse = result ? meanSquaredError(result.input, result.reconstruction) : null;
  const spread = result ? meanSpread(result.std) : null;
  return (
    <div className="controls latent-encode">
      <p className="field-hint">
        Drop a PNG or JPEG anywhere on the explorer, or open one.
        {charset ? ' Say which character it shows.' : ''}
      </p>
      <div className="encode-row">
        {charset ? (
          <CharSelect
            label="Character"
            charset={charset}
            value={char}
            disabled={disabled || busy}
            onChange={onChar}
            id={`${id}-char`}
            testId="latent-encode-char"
          />
        ) : null}
        <button
          type="button"
          className="button"
          disabled={disabled || busy}
          onClick={() => input.current?.click()}
        >
          <Icon name="open" />
          {busy ? 'Encoding…' : 'Open image…'}
        </button>
        <input
          ref={input}
          className="visually-hidden"
          data-testid="latent-encode-input"
          type="file"
          accept="image/png,image/jpeg,.png,.jpg,.jpeg"
          disabled={disabled}
          tabIndex={-1}
          aria-label="Image to encode"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) onFile(file);
          }}
        />
      </div>
      {result ? (
        <div className="encode-result" data-testid="latent-encode-result">
          <div className="encode-pair">
            <figure>
              <PixelTile image={result.input} label={`Input ${result.fileName}, as the model sees it`} />
              <figcaption>Input</figcaption>
            </figure>
            <figure>
              <PixelTile image={result.reconstruction} label="Reconstruction from the encoded point" />
              <figcaption>Reconstruction</figcaption>
            </figure>
          </div>
          <dl className="encode-stats">
            {mse !== null ? (
              <div className={mse > reconThreshold ? 'is-bad' : undefined}>
                <dt>Reconstruction error</dt>
                <dd>
                  {mse.toFixed(4)}{' '}
                  <span className="muted">
                    ({mse > reconThreshold ? 'above' : 'within'} the {reconThreshold.toFixed(4)} that 95% of
                    held-out images stay under)
                  </span>
                </dd>
              </div>
            ) : null}
            {spread !== null ? (
              <div>
                <dt>Posterior spread</dt>
                <dd>
                  mean σ {spread.toFixed(3)} <span className="muted">(the prior’s is 1)</span>
                </dd>
              </div>
            ) : null}
          </dl>
          {result.sampleImages.length > 0 ? (
            <>
              <div className="section-subtitle">Posterior samples · click one to go there</div>
              <div className="encode-samples">
                {result.sampleImages.map((img, i) => (
                  <button
                    key={i}
                    type="button"
                    className="encode-sample"
                    disabled={disabled || !result.samples[i]}
                    title={`Sample ${i + 1}: go there`}
                    onClick={() => {
                      const p = result.samples[i];
                      if (p) onPick(p);
                    }}
                  >
                    <PixelTile image={img} label={`Posterior sample ${i + 1}`} size={40} />
                  </button>
                ))}
              </div>
            </>
          ) : null}
        </div>
      ) : null}
      <p className="field-hint">
        The encoder gives an approximate posterior over latent points for the image — amortized Bayesian
        inference: one network pass instead of an optimisation per image. Its mean becomes the current point;
        the samples are draws from that posterior, and their spread shows how certain the model is (close
        together: confident; very different: the image is ambiguous or unlike the training set).
      </p>
    </div>
  );
}
