/** The model tabs' form fields, one component per field group, so every tab asks the same way. */
import { useId, type ReactElement, type ReactNode } from 'react';
import { KEYS, SCALE_LABELS, SCALE_NAMES } from '../../../preload/melody';
import { SeedLock, SeedRow } from '../shell/SeedControls';
import { BAR_PRESETS, isKey, isScale, parseNumber, RULES, type MelodyForm, type NumberRule } from './form';
import { lockLine, type ClipLock } from './lock';

export type SetForm = (update: (f: MelodyForm) => MelodyForm) => void;

/** A typed number field that shows when its text is not valid. */
export function NumberField({
  label,
  value,
  rule,
  testId,
  disabled,
  onChange,
  after,
  hint,
}: {
  label: string;
  value: string;
  rule: NumberRule;
  testId: string;
  disabled?: boolean;
  onChange: (text: string) => void;
  after?: ReactNode;
  /** A line under the field (while its text is valid). */
  hint?: string;
}): ReactElement {
  const id = useId();
  const parsed = parseNumber(value, rule);
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <div className="melody-number-row">
        <input
          id={id}
          type="number"
          data-testid={testId}
          min={rule.min}
          max={rule.max}
          step={rule.integer ? 1 : 'any'}
          value={value}
          disabled={disabled}
          aria-invalid={parsed.ok ? undefined : true}
          onChange={(e) => onChange(e.target.value)}
        />
        {after}
      </div>
      {parsed.ok ? (
        hint ? (
          <div className="field-hint">{hint}</div>
        ) : null
      ) : (
        <div className="field-hint melody-invalid">{`${label} ${parsed.message}.`}</div>
      )}
    </div>
  );
}

/** A slider with its value shown. */
export function SliderField({
  label,
  value,
  min,
  max,
  step,
  testId,
  disabled,
  hint,
  format = (v) => v.toFixed(2),
  onChange,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  testId: string;
  disabled?: boolean;
  hint?: string;
  format?: (v: number) => string;
  onChange: (v: number) => void;
}): ReactElement {
  const id = useId();
  return (
    <div className="field">
      <div className="field-row">
        <label className="field-label" htmlFor={id}>
          {label}
        </label>
        <output className="field-value" htmlFor={id}>
          {format(value)}
        </output>
      </div>
      <input
        id={id}
        type="range"
        data-testid={testId}
        min={min}
        max={max}
        step={step}
        value={value}
        disabled={disabled}
        onChange={(e) => {
          const v = e.target.valueAsNumber;
          if (Number.isFinite(v)) onChange(v);
        }}
      />
      {hint ? <div className="field-hint">{hint}</div> : null}
    </div>
  );
}

interface FieldProps<T> {
  value: T;
  disabled: boolean;
  onChange: (v: T) => void;
}

/** The sampling temperature of every model tab (0–2). */
export function TemperatureField({ hint, ...p }: FieldProps<number> & { hint?: string }): ReactElement {
  return (
    <SliderField
      label="Temperature"
      min={RULES.temperature.min}
      max={RULES.temperature.max}
      step={0.05}
      testId="melody-temperature"
      hint={hint}
      {...p}
    />
  );
}

/** How many takes a run makes. */
export function CountField({ rule, ...p }: FieldProps<string> & { rule: NumberRule }): ReactElement {
  return <NumberField label="Count" rule={rule} testId="melody-count" {...p} />;
}

/** How many bars a take has, with one-click presets where `presets` is set. */
export function BarsField({
  rule,
  presets = false,
  ...p
}: FieldProps<string> & { rule: NumberRule; presets?: boolean; hint?: string }): ReactElement {
  const { value, disabled, onChange } = p;
  return (
    <NumberField
      label="Bars"
      rule={rule}
      testId="melody-bars"
      {...p}
      after={
        presets ? (
          <div className="melody-presets" role="group" aria-label="Bar presets">
            {BAR_PRESETS.map((b) => (
              <button
                key={b}
                type="button"
                className={`button small${value === String(b) ? ' is-on' : ''}`}
                data-testid={`melody-bars-${b}`}
                aria-pressed={value === String(b)}
                disabled={disabled}
                onClick={() => onChange(String(b))}
              >
                {b}
              </button>
            ))}
          </div>
        ) : undefined
      }
    />
  );
}

/** The run's seed: typed (which locks it), drawn by the dice, or drawn afresh each run while unlocked. */
export function SeedField({ form, setForm }: { form: MelodyForm; setForm: SetForm }): ReactElement {
  const id = useId();
  const seedOk = parseNumber(form.seed, RULES.seed).ok;
  return (
    <div className="field">
      <div className="field-row">
        <label className="field-label" htmlFor={id}>
          Seed
        </label>
        <SeedLock
          testId="melody-seed-lock"
          checked={form.seedLocked}
          title="Locked: every run uses this seed. Unlocked: each run draws a new one."
          onChange={(seedLocked) => setForm((f) => ({ ...f, seedLocked }))}
        />
      </div>
      <SeedRow
        id={id}
        testId="melody-seed"
        value={form.seed}
        max={RULES.seed.max}
        invalid={form.seedLocked && !seedOk}
        diceLabel="New random seed"
        // Typing a seed means "use this one".
        onText={(seed) => setForm((f) => ({ ...f, seed, seedLocked: true }))}
        onSeed={(seed) => setForm((f) => ({ ...f, seed: String(seed) }))}
      />
      <div className="field-hint">
        {form.seedLocked ? 'Every run uses this seed.' : 'Each run draws a new seed (shown here).'}
      </div>
    </div>
  );
}

/** One labelled inline select over a fixed list. */
function InlineSelect<T extends string>({
  label,
  testId,
  value,
  options,
  optionLabel = (o) => o,
  accept,
  onChange,
}: {
  label: string;
  testId: string;
  value: T;
  options: readonly T[];
  optionLabel?: (o: T) => string;
  accept: (v: string) => v is T;
  onChange: (v: T) => void;
}): ReactElement {
  return (
    <label className="inline-field">
      <span>{label}</span>
      <select
        data-testid={testId}
        value={value}
        onChange={(e) => {
          const v = e.target.value;
          if (accept(v)) onChange(v);
        }}
      >
        {options.map((o) => (
          <option key={o} value={o}>
            {optionLabel(o)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The clip's key and scale lock that every model note is kept in (the same in every tab). */
export function KeyScaleFields({
  lock,
  onLock,
}: {
  lock: ClipLock;
  onLock: (lock: ClipLock) => void;
}): ReactElement {
  return (
    <div className="field melody-key-field">
      <div className="field-pair melody-key-row">
        <InlineSelect
          label="Key"
          testId="melody-key"
          value={lock.key}
          options={KEYS}
          accept={isKey}
          onChange={(key) => onLock({ ...lock, key, source: 'set' })}
        />
        <InlineSelect
          label="Scale lock"
          testId="melody-scale"
          value={lock.scale}
          options={SCALE_NAMES}
          optionLabel={(s) => SCALE_LABELS[s]}
          accept={isScale}
          onChange={(scale) => onLock({ ...lock, scale, source: 'set' })}
        />
      </div>
      <div className="field-hint" data-testid="melody-key-source" data-source={lock.source}>
        {lockLine(lock)}
      </div>
    </div>
  );
}

/** Seed (dice, lock), and the clip's key and scale: shared by every model tab. */
export function SamplingFields({
  form,
  setForm,
  lock,
  onLock,
}: {
  form: MelodyForm;
  setForm: SetForm;
  lock: ClipLock;
  onLock: (lock: ClipLock) => void;
}): ReactElement {
  return (
    <>
      <SeedField form={form} setForm={setForm} />
      <KeyScaleFields lock={lock} onLock={onLock} />
    </>
  );
}
