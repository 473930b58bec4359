/** The right panel's tabs: the model controls of each (Generate, Continue, …). */
import { useId, type ReactElement } from 'react';
import type { ModelStatus } from '../../../preload/contract';
import { meterBeats, meterLabel, type Meter } from '../../../preload/melody';
import { clipOptionLabel, type MelodyRecord } from './clips';
import { BarsField, CountField, NumberField, SliderField, TemperatureField, type SetForm } from './fields';
import { FormField, GenerateModelField } from './GenerateModelField';
import { CURRENT_ROLL, patchSection, RULES, type FormSection, type MelodyForm } from './form';

interface TabProps {
  form: MelodyForm;
  setForm: SetForm;
  disabled: boolean;
}

/** What "Bars" counts: "Bars of 3/4: 3 beats each." */
export function barsHint(meter: Meter): string {
  const beats = meterBeats(meter);
  return `Bars of ${meterLabel(meter)}: ${beats} beat${beats === 1 ? '' : 's'} each.`;
}

/** Sets fields of one tab's part of the form. */
const sectionSetter =
  <K extends FormSection>(setForm: SetForm, section: K) =>
  (patch: Partial<MelodyForm[K]>): void =>
    setForm((f) => patchSection(f, section, patch));

/**
 * Generate's fields: the model (where more than one can generate), bars of the clip's meter, count,
 * temperature, and the coherence slider only where Generate runs a melody VAE (it chains phrases).
 */
export function GenerateFields({
  form,
  setForm,
  disabled,
  meter,
  generators,
  model,
  coherence,
}: TabProps & {
  meter: Meter;
  generators: readonly ModelStatus[];
  model: string;
  coherence: boolean;
}): ReactElement {
  const g = form.generate;
  const set = sectionSetter(setForm, 'generate');
  return (
    <>
      <GenerateModelField models={generators} value={model} onChange={(id) => set({ model: id })} />
      <BarsField
        value={g.bars}
        rule={RULES.bars}
        presets
        disabled={disabled}
        hint={barsHint(meter)}
        onChange={(bars) => set({ bars })}
      />
      <CountField
        value={g.count}
        rule={RULES.count}
        disabled={disabled}
        onChange={(count) => set({ count })}
      />
      <TemperatureField
        value={g.temperature}
        disabled={disabled}
        hint="0 always takes the most likely note; higher is wilder."
        onChange={(temperature) => set({ temperature })}
      />
      {coherence ? null : <FormField value={g.form} disabled={disabled} onChange={(f) => set({ form: f })} />}
      {coherence ? (
        <SliderField
          label="Coherence"
          value={g.coherence}
          min={0}
          max={1}
          step={0.05}
          testId="melody-coherence"
          disabled={disabled}
          hint="How alike successive phrases are (0 independent, 1 the same phrase)."
          onChange={(c) => set({ coherence: c })}
        />
      ) : null}
    </>
  );
}

export function ContinueFields({
  form,
  setForm,
  disabled,
  meter,
  selected,
}: TabProps & { meter: Meter; selected: number }): ReactElement {
  const c = form.continue;
  const set = sectionSetter(setForm, 'continue');
  return (
    <>
      <p className="field-hint">
        {selected > 0
          ? `Continues the ${selected} selected note${selected === 1 ? '' : 's'}.`
          : 'Continues the whole roll (select notes to continue only those).'}
      </p>
      <BarsField
        value={c.bars}
        rule={RULES.continueBars}
        disabled={disabled}
        hint={barsHint(meter)}
        onChange={(bars) => set({ bars })}
      />
      <CountField
        value={c.count}
        rule={RULES.continueCount}
        disabled={disabled}
        onChange={(count) => set({ count })}
      />
      <TemperatureField
        value={c.temperature}
        disabled={disabled}
        onChange={(temperature) => set({ temperature })}
      />
    </>
  );
}

export function VariationsFields({ form, setForm, disabled }: TabProps): ReactElement {
  const v = form.variations;
  const set = sectionSetter(setForm, 'variations');
  return (
    <>
      <CountField
        value={v.count}
        rule={RULES.count}
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
      <TemperatureField
        value={v.temperature}
        disabled={disabled}
        onChange={(temperature) => set({ temperature })}
      />
    </>
  );
}

/** One end of an interpolation: the roll or a saved clip. */
function ClipEndSelect({
  which,
  value,
  disabled,
  records,
  rollNotes,
  onChange,
}: {
  which: 'a' | 'b';
  value: string;
  disabled: boolean;
  records: readonly MelodyRecord[];
  rollNotes: number;
  onChange: (v: string) => void;
}): ReactElement {
  const id = useId();
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        Clip {which.toUpperCase()}
      </label>
      <select
        id={id}
        data-testid={`melody-interp-${which}`}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">Choose a clip…</option>
        <option value={CURRENT_ROLL}>Current roll ({rollNotes} notes)</option>
        {records.map((r) => (
          <option key={r.id} value={r.id}>
            {clipOptionLabel(r)}
          </option>
        ))}
      </select>
    </div>
  );
}

export function InterpolateFields({
  form,
  setForm,
  disabled,
  records,
  rollNotes,
}: TabProps & { records: readonly MelodyRecord[]; rollNotes: number }): ReactElement {
  const id = useId();
  const ip = form.interpolate;
  const set = sectionSetter(setForm, 'interpolate');
  return (
    <>
      {(['a', 'b'] as const).map((which) => (
        <ClipEndSelect
          key={which}
          which={which}
          value={ip[which]}
          disabled={disabled}
          records={records}
          rollNotes={rollNotes}
          onChange={(v) => set({ [which]: v })}
        />
      ))}
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
      <TemperatureField
        value={ip.temperature}
        disabled={disabled}
        onChange={(temperature) => set({ temperature })}
      />
    </>
  );
}
