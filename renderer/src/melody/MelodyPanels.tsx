/** The right panel's tabs: the model controls of each (Generate, Continue, …). */
import { useId, type ReactElement } from 'react';
import { clipOptionLabel, type MelodyRecord } from './clips';
import { BarsField, CountField, NumberField, SliderField, TemperatureField, type SetForm } from './fields';
import { CURRENT_ROLL, patchSection, RULES, type FormSection, type MelodyForm } from './form';

interface TabProps {
  form: MelodyForm;
  setForm: SetForm;
  disabled: boolean;
}

/** Sets fields of one tab's part of the form. */
const sectionSetter =
  <K extends FormSection>(setForm: SetForm, section: K) =>
  (patch: Partial<MelodyForm[K]>): void =>
    setForm((f) => patchSection(f, section, patch));

export function GenerateFields({ form, setForm, disabled }: TabProps): ReactElement {
  const g = form.generate;
  const set = sectionSetter(setForm, 'generate');
  return (
    <>
      <BarsField
        value={g.bars}
        rule={RULES.bars}
        presets
        disabled={disabled}
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
}: TabProps & { selected: number }): ReactElement {
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
