/** The sampling settings: preset, temperature, top-k, top-p, repetition penalty, max tokens, stop sequences, seed. */
import { useId, type ReactElement } from 'react';
import { TEXT_PRESET_IDS, TEXT_PRESETS } from '../../../preload/text';
import { SeedRow } from '../shell/SeedControls';
import { effectivePreset, FIELD_LABELS, isPresetId, RULES, type SamplingField } from './settings';
import type { SamplingSettings, TextFormField } from './useSamplingSettings';

interface Props {
  s: SamplingSettings;
  disabled: boolean;
  /** The field a failed call named ("temperature"), marked invalid. */
  errorField: string | null;
  onPreset: (id: (typeof TEXT_PRESET_IDS)[number]) => void;
}

const NUMBER_FIELDS: readonly {
  field: Exclude<TextFormField, 'stop' | 'seed'>;
  testId: string;
  step: number;
}[] = [
  { field: 'temperature', testId: 'writer-temperature', step: 0.05 },
  { field: 'topK', testId: 'writer-top-k', step: 1 },
  { field: 'topP', testId: 'writer-top-p', step: 0.01 },
  { field: 'repetitionPenalty', testId: 'writer-repetition', step: 0.05 },
  { field: 'maxTokens', testId: 'writer-max-tokens', step: 1 },
];

function ruleHint(field: keyof typeof RULES): string {
  const r = RULES[field];
  const note = 'note' in r ? ` · ${r.note}` : '';
  return `${'exclusiveMin' in r ? '>' : ''}${r.min}–${r.max}${note}`;
}

export function SamplingPanel({ s, disabled, errorField, onPreset }: Props): ReactElement {
  const presetId = useId();
  const stopId = useId();
  const seedId = useId();
  const { form, errors } = s;
  const matching = effectivePreset(form);
  const invalid = (f: SamplingField): boolean => errors[f] !== undefined || errorField === f;

  return (
    <section className="panel-section writer-sampling" aria-label="Sampling">
      <h2 className="section-title">Sampling</h2>
      <div className="field">
        <label className="field-label" htmlFor={presetId}>
          Preset
        </label>
        <select
          id={presetId}
          data-testid="writer-preset"
          value={form.preset}
          disabled={disabled}
          onChange={(e) => {
            if (isPresetId(e.target.value)) onPreset(e.target.value);
          }}
        >
          <option value="">Custom</option>
          {TEXT_PRESET_IDS.map((id) => (
            <option key={id} value={id}>
              {TEXT_PRESETS[id].label}
            </option>
          ))}
        </select>
        <span className="field-hint muted">
          {form.preset === ''
            ? 'Your own settings.'
            : matching
              ? TEXT_PRESETS[form.preset].hint
              : `${TEXT_PRESETS[form.preset].label}, changed.`}
        </span>
      </div>
      <div className="writer-number-grid">
        {NUMBER_FIELDS.map(({ field, testId, step }) => (
          <NumberInput
            key={field}
            label={FIELD_LABELS[field]}
            hint={ruleHint(field)}
            testId={testId}
            step={step}
            value={form[field]}
            error={errors[field]}
            invalid={invalid(field)}
            disabled={disabled}
            onChange={(v) => s.setField(field, v)}
          />
        ))}
      </div>
      <div className="field">
        <label className="field-label" htmlFor={stopId}>
          Stop sequences
        </label>
        <textarea
          id={stopId}
          className="writer-stop-field"
          data-testid="writer-stop-sequences"
          rows={2}
          spellCheck={false}
          placeholder={'One per line; \\n for a line break'}
          value={form.stop}
          aria-invalid={invalid('stop') || undefined}
          disabled={disabled}
          onChange={(e) => s.setField('stop', e.target.value)}
        />
        {errors.stop ? (
          <span className="field-error">
            {FIELD_LABELS.stop} {errors.stop}.
          </span>
        ) : null}
      </div>
      <div className="field">
        <label className="field-label" htmlFor={seedId}>
          Seed
        </label>
        <SeedRow
          id={seedId}
          testId="writer-seed"
          value={form.seed}
          invalid={invalid('seed')}
          disabled={disabled}
          diceLabel="New random seed"
          onText={(t) => s.setField('seed', t)}
          onSeed={s.setSeed}
          lock={{
            checked: form.seedLocked,
            title:
              'Locked: Continue and Regenerate reuse this seed (same text). Unlocked: each run draws a new one.',
            onChange: s.setLocked,
          }}
        />
        {errors.seed && form.seedLocked ? <span className="field-error">Seed {errors.seed}.</span> : null}
      </div>
    </section>
  );
}

function NumberInput({
  label,
  hint,
  testId,
  step,
  value,
  error,
  invalid,
  disabled,
  onChange,
}: {
  label: string;
  hint: string;
  testId: string;
  step: number;
  value: string;
  error: string | undefined;
  invalid: boolean;
  disabled: boolean;
  onChange: (v: string) => void;
}): ReactElement {
  const id = useId();
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label} <span className="muted writer-rule">{hint}</span>
      </label>
      <input
        id={id}
        type="number"
        data-testid={testId}
        step={step}
        value={value}
        aria-invalid={invalid || undefined}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
      />
      {error ? (
        <span className="field-error">
          {label} {error}.
        </span>
      ) : null}
    </div>
  );
}
