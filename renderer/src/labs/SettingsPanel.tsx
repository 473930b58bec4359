/**
 * The model's settings: the common ones (learning rate, optimizer, batch size, width, depth),
 * then the lab's own, then the seed with its dice. A setting that keeps the model applies to the
 * running one; one marked "new model" starts again from the seed.
 */
import { useId, type ReactElement } from 'react';
import { MAX_SEED } from '../shell/seed';
import { SeedRow } from '../shell/SeedControls';
import type { FieldDef } from './lab-def';
import { fieldTestId, type Form, type FormValue } from './settings';

interface Props {
  fields: readonly FieldDef[];
  form: Form;
  errors: Record<string, string>;
  seed: number;
  disabled: boolean;
  onField: (key: string, value: FormValue, delay: number) => void;
  onSeed: (seed: number, delay: number) => void;
}

export function SettingsPanel({
  fields,
  form,
  errors,
  seed,
  disabled,
  onField,
  onSeed,
}: Props): ReactElement {
  const id = useId();
  return (
    <div className="labs-settings">
      {fields.map((f) => (
        <SettingField
          key={f.key}
          id={`${id}-${f.key}`}
          field={f}
          value={form[f.key]}
          error={errors[f.key]}
          disabled={disabled}
          onChange={(v, delay) => onField(f.key, v, delay)}
        />
      ))}
      <div className="field">
        <label className="field-label" htmlFor={`${id}-seed`}>
          Seed
        </label>
        <SeedRow
          id={`${id}-seed`}
          testId="lab-seed"
          value={seed}
          disabled={disabled}
          diceLabel="Roll a random seed (a new model)"
          onText={(_, n) => {
            if (Number.isInteger(n) && n >= 0 && n <= MAX_SEED) onSeed(n, 600);
          }}
          onSeed={(s) => onSeed(s, 0)}
        />
        <div className="field-hint">The same seed and settings replay the same run, number for number.</div>
      </div>
    </div>
  );
}

function SettingField({
  id,
  field: f,
  value,
  error,
  disabled,
  onChange,
}: {
  id: string;
  field: FieldDef;
  value: FormValue | undefined;
  error: string | undefined;
  disabled: boolean;
  onChange: (value: FormValue, delay: number) => void;
}): ReactElement {
  const testId = fieldTestId(f.key);
  const hint = error ?? f.help;
  const badge = f.rebuilds ? (
    <span className="labs-rebuilds" title="Changing it starts a new model from the seed">
      new model
    </span>
  ) : null;
  if (f.kind === 'toggle') {
    return (
      <div className="field">
        <label className="check" title={f.help}>
          <input
            type="checkbox"
            data-testid={testId}
            checked={value === true}
            disabled={disabled}
            onChange={(e) => onChange(e.target.checked, 0)}
          />
          {f.label} {badge}
        </label>
      </div>
    );
  }
  const text = value === undefined || typeof value === 'boolean' ? '' : value;
  return (
    <div className="field">
      <div className="field-row">
        <label className="field-label" htmlFor={id}>
          {f.label} {badge}
        </label>
        {f.kind === 'range' ? (
          <output className="field-value" htmlFor={id}>
            {text}
          </output>
        ) : null}
      </div>
      {f.kind === 'select' ? (
        <select
          id={id}
          data-testid={testId}
          value={text}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value, 0)}
        >
          {(f.options ?? []).map((o) => (
            <option key={String(o.value)} value={String(o.value)}>
              {o.label}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          data-testid={testId}
          type={f.kind === 'range' ? 'range' : 'number'}
          min={f.min}
          max={f.max}
          step={f.step ?? 'any'}
          value={text}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          onChange={(e) => onChange(e.target.value, f.kind === 'range' ? 150 : 600)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') onChange(e.currentTarget.value, 0);
          }}
        />
      )}
      {hint ? <div className={`field-hint${error ? ' labs-field-error' : ''}`}>{hint}</div> : null}
    </div>
  );
}
