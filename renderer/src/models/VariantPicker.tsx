/** The variants of a repository's graphs as radio buttons: the suggested one marked (and picked at first), the ones that cannot run here disabled with why. */
import { useId, type ReactElement } from 'react';
import type { HubVariant } from '../../../preload/contract';
import { formatBytes } from './downloads';

interface Props {
  variants: readonly HubVariant[];
  chosen: string | null;
  onChoose: (id: string) => void;
  disabled: boolean;
}

export function VariantPicker({ variants, chosen, onChoose, disabled }: Props): ReactElement {
  const name = useId();
  return (
    <fieldset className="models-variants" data-testid="models-variants">
      <legend className="section-title">Variant</legend>
      {variants.map((v) => (
        <label
          key={v.id}
          className="models-variant"
          data-unsupported={v.unsupported ? true : undefined}
          title={v.unsupported}
        >
          <input
            type="radio"
            name={name}
            value={v.id}
            data-testid="models-variant"
            data-variant={v.id}
            data-suggested={v.suggested}
            checked={v.id === chosen}
            disabled={disabled || v.unsupported !== undefined}
            onChange={() => onChoose(v.id)}
          />
          <span className="models-variant-text">
            <span>
              {v.label}
              {v.suggested ? <span className="models-badge is-curated">Suggested here</span> : null}
            </span>
            <span className="muted">
              {formatBytes(v.bytes)} · {v.files.length} file{v.files.length === 1 ? '' : 's'}
            </span>
            {v.unsupported ? <span className="models-error">{v.unsupported}</span> : null}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
