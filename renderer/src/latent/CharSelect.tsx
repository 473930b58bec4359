import type { ReactElement } from 'react';

interface Props {
  /** The visible label beside the select. */
  label: string;
  /** The glyph model's characters, one option each. */
  charset: string;
  value: string;
  disabled: boolean;
  onChange: (c: string) => void;
  id?: string;
  testId?: string;
  ariaLabel?: string;
}

/** A labelled select of one of a glyph model's characters. */
export function CharSelect({
  label,
  charset,
  value,
  disabled,
  onChange,
  id,
  testId,
  ariaLabel,
}: Props): ReactElement {
  return (
    <label className="inline-field">
      <span>{label}</span>
      <select
        id={id}
        data-testid={testId}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
        aria-label={ariaLabel}
      >
        {[...charset].map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </label>
  );
}
