/** The model, seed (dice and lock), temperature and how many candidates Generate draws. */
import { useId, type ReactElement, type ReactNode } from 'react';
import type { ModelStatus } from '../../../preload/contract';
import { SeedRow } from '../shell/SeedControls';
import { paletteModelLabel } from './models';
import type { SettingsErrors } from './settings';
import type { PaletteSettingsState } from './usePaletteSettings';

interface Props {
  settings: PaletteSettingsState;
  errors: SettingsErrors;
  /** The control a failed call named ("temperature", …). */
  invalid: string | null;
  models: readonly ModelStatus[];
  model: ModelStatus | null;
  onChooseModel: (id: string) => void;
}

function Field({
  label,
  htmlFor,
  hint,
  children,
}: {
  label: string;
  htmlFor: string;
  hint?: ReactNode;
  children: ReactNode;
}): ReactElement {
  return (
    <div className="field">
      <label className="field-label" htmlFor={htmlFor}>
        {label}
      </label>
      {children}
      {hint ? <div className="field-hint">{hint}</div> : null}
    </div>
  );
}

export function SettingsPanel({
  settings,
  errors,
  invalid,
  models,
  model,
  onChooseModel,
}: Props): ReactElement {
  const id = useId();
  const { form } = settings;
  const bad = (f: 'seed' | 'temperature' | 'count'): boolean => Boolean(errors[f]) || invalid === f;
  const temperature = Number(form.temperature);
  return (
    <>
      {models.length > 1 ? (
        <Field label="Model" htmlFor={`${id}-model`}>
          <select
            id={`${id}-model`}
            data-testid="palette-model"
            value={model?.id ?? ''}
            onChange={(e) => onChooseModel(e.target.value)}
          >
            {models.map((m) => (
              <option key={m.id} value={m.id} disabled={!m.ok}>
                {paletteModelLabel(m)}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      <Field
        label="Seed"
        htmlFor={`${id}-seed`}
        hint={
          errors.seed ??
          (form.seedLocked
            ? 'Locked: Generate reuses this seed.'
            : 'Unlocked: each Generate rolls a new seed.')
        }
      >
        <SeedRow
          id={`${id}-seed`}
          testId="palette-seed"
          value={form.seed}
          invalid={bad('seed')}
          diceLabel="Roll a random seed"
          onText={(t) => settings.set('seed', t)}
          onSeed={(s) => settings.set('seed', String(s))}
          lock={{ checked: form.seedLocked, onChange: settings.setLocked }}
        />
      </Field>
      <div className="field">
        <div className="field-row">
          <label className="field-label" htmlFor={`${id}-temperature`}>
            Temperature
          </label>
          <output className="field-value" htmlFor={`${id}-temperature`}>
            {Number.isFinite(temperature) ? temperature.toFixed(2) : form.temperature}
          </output>
        </div>
        <input
          id={`${id}-temperature`}
          data-testid="palette-temperature"
          type="range"
          min={0}
          max={2}
          step={0.05}
          value={Number.isFinite(temperature) ? temperature : 1}
          aria-invalid={bad('temperature') || undefined}
          onChange={(e) => settings.set('temperature', String(e.target.valueAsNumber))}
        />
        <div className="field-hint">
          {errors.temperature ??
            'Below 1: safer, more typical palettes. Above 1: bolder ones. 0: the most typical.'}
        </div>
      </div>
      <Field label="Candidates" htmlFor={`${id}-count`} hint={errors.count}>
        <input
          id={`${id}-count`}
          data-testid="palette-count"
          type="number"
          inputMode="numeric"
          min={1}
          max={32}
          step={1}
          value={form.count}
          aria-invalid={bad('count') || undefined}
          onChange={(e) => settings.set('count', e.target.value)}
        />
      </Field>
    </>
  );
}
