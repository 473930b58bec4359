/** The right panel's tabs: the model controls of each (Generate, Continue, …) and the shared sampling fields. */
import { useId, type ReactElement, type ReactNode } from 'react';
import { KEYS, SCALE_LABELS, SCALE_NAMES } from '../../../preload/melody';
import { Icon } from '../shell/icons';
import { randomSeed } from '../textures/seed';
import type { MelodyRecord } from './clips';
import {
  BAR_PRESETS,
  CURRENT_ROLL,
  isKey,
  isScale,
  parseNumber,
  RULES,
  type MelodyForm,
  type NumberRule,
} from './form';

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
}: {
  label: string;
  value: string;
  rule: NumberRule;
  testId: string;
  disabled?: boolean;
  onChange: (text: string) => void;
  after?: ReactNode;
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
      {parsed.ok ? null : <div className="field-hint melody-invalid">{`${label} ${parsed.message}.`}</div>}
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

/** Seed (dice, lock), key and scale: shared by every model tab. */
export function SamplingFields({ form, setForm }: { form: MelodyForm; setForm: SetForm }): ReactElement {
  const id = useId();
  const seedOk = parseNumber(form.seed, RULES.seed).ok;
  return (
    <>
      <div className="field">
        <div className="field-row">
          <label className="field-label" htmlFor={`${id}-seed`}>
            Seed
          </label>
          <label
            className="check"
            title="Locked: every run uses this seed. Unlocked: each run draws a new one."
          >
            <input
              type="checkbox"
              data-testid="melody-seed-lock"
              checked={form.seedLocked}
              onChange={(e) => {
                const v = e.target.checked;
                setForm((f) => ({ ...f, seedLocked: v }));
              }}
            />
            Lock
          </label>
        </div>
        <div className="seed-row">
          <input
            id={`${id}-seed`}
            type="number"
            data-testid="melody-seed"
            min={0}
            max={RULES.seed.max}
            step={1}
            value={form.seed}
            aria-invalid={form.seedLocked && !seedOk ? true : undefined}
            onChange={(e) => {
              const v = e.target.value;
              // Typing a seed means "use this one".
              setForm((f) => ({ ...f, seed: v, seedLocked: true }));
            }}
          />
          <button
            type="button"
            className="icon-button bordered"
            data-testid="melody-seed-dice"
            aria-label="New random seed"
            title="New random seed"
            onClick={() => setForm((f) => ({ ...f, seed: String(randomSeed()) }))}
          >
            <Icon name="dice" />
          </button>
        </div>
        <div className="field-hint">
          {form.seedLocked ? 'Every run uses this seed.' : 'Each run draws a new seed (shown here).'}
        </div>
      </div>
      <div className="field-pair melody-key-row">
        <label className="inline-field">
          <span>Key</span>
          <select
            data-testid="melody-key"
            value={form.key}
            onChange={(e) => {
              const v = e.target.value;
              if (isKey(v)) setForm((f) => ({ ...f, key: v }));
            }}
          >
            {KEYS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>Scale lock</span>
          <select
            data-testid="melody-scale"
            value={form.scale}
            onChange={(e) => {
              const v = e.target.value;
              if (isScale(v)) setForm((f) => ({ ...f, scale: v }));
            }}
          >
            {SCALE_NAMES.map((s) => (
              <option key={s} value={s}>
                {SCALE_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
      </div>
    </>
  );
}

export function GenerateFields({
  form,
  setForm,
  disabled,
}: {
  form: MelodyForm;
  setForm: SetForm;
  disabled: boolean;
}): ReactElement {
  const g = form.generate;
  const set = (p: Partial<MelodyForm['generate']>): void =>
    setForm((f) => ({ ...f, generate: { ...f.generate, ...p } }));
  return (
    <>
      <NumberField
        label="Bars"
        value={g.bars}
        rule={RULES.bars}
        testId="melody-bars"
        disabled={disabled}
        onChange={(bars) => set({ bars })}
        after={
          <div className="melody-presets" role="group" aria-label="Bar presets">
            {BAR_PRESETS.map((b) => (
              <button
                key={b}
                type="button"
                className={`button small${g.bars === String(b) ? ' is-on' : ''}`}
                data-testid={`melody-bars-${b}`}
                aria-pressed={g.bars === String(b)}
                disabled={disabled}
                onClick={() => set({ bars: String(b) })}
              >
                {b}
              </button>
            ))}
          </div>
        }
      />
      <NumberField
        label="Count"
        value={g.count}
        rule={RULES.count}
        testId="melody-count"
        disabled={disabled}
        onChange={(count) => set({ count })}
      />
      <SliderField
        label="Temperature"
        value={g.temperature}
        min={0}
        max={2}
        step={0.05}
        testId="melody-temperature"
        disabled={disabled}
        hint="0 always takes the most likely note; higher is wilder."
        onChange={(temperature) => set({ temperature })}
      />
      <SliderField
        label="Coherence"
        value={g.coherence}
        min={0}
        max={1}
        step={0.05}
        testId="melody-coherence"
        disabled={disabled}
        hint="How alike successive phrases are (0 independent, 1 the same phrase)."
        onChange={(coherence) => set({ coherence })}
      />
    </>
  );
}

export function ContinueFields({
  form,
  setForm,
  disabled,
  selected,
}: {
  form: MelodyForm;
  setForm: SetForm;
  disabled: boolean;
  selected: number;
}): ReactElement {
  const c = form.continue;
  const set = (p: Partial<MelodyForm['continue']>): void =>
    setForm((f) => ({ ...f, continue: { ...f.continue, ...p } }));
  return (
    <>
      <p className="field-hint">
        {selected > 0
          ? `Continues the ${selected} selected note${selected === 1 ? '' : 's'}.`
          : 'Continues the whole roll (select notes to continue only those).'}
      </p>
      <NumberField
        label="Bars"
        value={c.bars}
        rule={RULES.continueBars}
        testId="melody-bars"
        disabled={disabled}
        onChange={(bars) => set({ bars })}
      />
      <NumberField
        label="Count"
        value={c.count}
        rule={RULES.continueCount}
        testId="melody-count"
        disabled={disabled}
        onChange={(count) => set({ count })}
      />
      <SliderField
        label="Temperature"
        value={c.temperature}
        min={0}
        max={2}
        step={0.05}
        testId="melody-temperature"
        disabled={disabled}
        onChange={(temperature) => set({ temperature })}
      />
    </>
  );
}

export function VariationsFields({
  form,
  setForm,
  disabled,
}: {
  form: MelodyForm;
  setForm: SetForm;
  disabled: boolean;
}): ReactElement {
  const v = form.variations;
  const set = (p: Partial<MelodyForm['variations']>): void =>
    setForm((f) => ({ ...f, variations: { ...f.variations, ...p } }));
  return (
    <>
      <NumberField
        label="Count"
        value={v.count}
        rule={RULES.count}
        testId="melody-count"
        disabled={disabled}
        onChange={(count) => set({ count })}
      />
      <SliderField
        label="Amount"
        value={v.amount}
        min={0}
        max={3}
        step={0.05}
        testId="melody-amount"
        disabled={disabled}
        hint="How far from the roll’s melody, in standard deviations of the model’s prior."
        onChange={(amount) => set({ amount })}
      />
      <SliderField
        label="Temperature"
        value={v.temperature}
        min={0}
        max={2}
        step={0.05}
        testId="melody-temperature"
        disabled={disabled}
        onChange={(temperature) => set({ temperature })}
      />
    </>
  );
}

export function InterpolateFields({
  form,
  setForm,
  disabled,
  records,
  rollNotes,
}: {
  form: MelodyForm;
  setForm: SetForm;
  disabled: boolean;
  records: readonly MelodyRecord[];
  rollNotes: number;
}): ReactElement {
  const id = useId();
  const ip = form.interpolate;
  const set = (p: Partial<MelodyForm['interpolate']>): void =>
    setForm((f) => ({ ...f, interpolate: { ...f.interpolate, ...p } }));
  const ends = (which: 'a' | 'b'): ReactElement => (
    <div className="field">
      <label className="field-label" htmlFor={`${id}-${which}`}>
        Clip {which.toUpperCase()}
      </label>
      <select
        id={`${id}-${which}`}
        data-testid={`melody-interp-${which}`}
        value={ip[which]}
        disabled={disabled}
        onChange={(e) => set({ [which]: e.target.value })}
      >
        <option value="">Choose a clip…</option>
        <option value={CURRENT_ROLL}>Current roll ({rollNotes} notes)</option>
        {records.map((r) => (
          <option key={r.id} value={r.id}>
            {r.title} · {r.bars} bar{r.bars === 1 ? '' : 's'}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <>
      {ends('a')}
      {ends('b')}
      <NumberField
        label="Steps"
        value={ip.steps}
        rule={RULES.steps}
        testId="melody-interp-steps"
        disabled={disabled}
        onChange={(steps) => set({ steps })}
      />
      <div className="field">
        <span className="field-label">Path</span>
        <div className="melody-segmented" role="radiogroup" aria-label="Interpolation path">
          {(['slerp', 'linear'] as const).map((m) => (
            <label key={m} className="check">
              <input
                type="radio"
                name={`${id}-mode`}
                data-testid={`melody-interp-${m}`}
                checked={ip.mode === m}
                disabled={disabled}
                onChange={() => set({ mode: m })}
              />
              {m === 'slerp' ? 'Spherical (slerp)' : 'Linear'}
            </label>
          ))}
        </div>
      </div>
      <SliderField
        label="Temperature"
        value={ip.temperature}
        min={0}
        max={2}
        step={0.05}
        testId="melody-temperature"
        disabled={disabled}
        onChange={(temperature) => set({ temperature })}
      />
    </>
  );
}
