import { useId, type ReactElement } from 'react';
import type { ModelStatus } from '../../../preload/contract';
import { LATENT_MAX_TEXT } from '../../../preload/contract';

interface Props {
  list: readonly ModelStatus[];
  modelId: string;
  onChoose: (id: string) => void;
  /** What keeps the model from being used (null: nothing). */
  blocker: ReactElement | string | null;
  /** A glyph model: the text field is shown. */
  conditional: boolean;
  text: string;
  /** Typed characters the model does not have (left out of the text). */
  dropped: readonly string[];
  disabled: boolean;
  onText: (text: string) => void;
}

/** The model picker, what keeps it from being used, and a glyph model's text. */
export function ModelControls({
  list,
  modelId,
  onChoose,
  blocker,
  conditional,
  text,
  dropped,
  disabled,
  onText,
}: Props): ReactElement {
  const id = useId();
  return (
    <section className="panel-section controls">
      <div className="field">
        <label className="field-label" htmlFor={`${id}-model`}>
          Model
        </label>
        <select
          id={`${id}-model`}
          data-testid="latent-model-select"
          value={modelId}
          disabled={list.length === 0}
          onChange={(e) => onChoose(e.target.value)}
        >
          {list.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
              {m.ok ? '' : ' (unavailable)'}
            </option>
          ))}
        </select>
      </div>
      {blocker ? (
        <div className="callout callout-bad" data-testid="latent-model-error">
          {blocker}
        </div>
      ) : null}
      {conditional ? (
        <div className="field">
          <label className="field-label" htmlFor={`${id}-text`}>
            Text
          </label>
          <input
            id={`${id}-text`}
            data-testid="latent-text"
            type="text"
            value={text}
            maxLength={LATENT_MAX_TEXT}
            disabled={disabled}
            spellCheck={false}
            onChange={(e) => onText(e.target.value)}
          />
          {dropped.length > 0 ? (
            <div className="field-hint">
              Not in this model, left out: {dropped.map((c) => `“${c}”`).join(' ')}
            </div>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
