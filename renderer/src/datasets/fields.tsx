/**
 * The form's fields: a labelled input with its hint and, when the page or main refused it, the
 * sentence in red beside it (`aria-invalid`, `datasets-<id>-error`); a path field with Choose…
 * where the host can show a folder picker; the seed with the shell's dice and lock; k beside the
 * near-duplicate threshold; a select. A method's parameters are `ParamFields.tsx`.
 */
import { useId, type ReactElement, type ReactNode } from 'react';
import { SeedRow } from '../shell/SeedControls';
import type { SeedField as SeedForm } from './form';
import type { Bound } from './useTabForm';

export function Problem({ id, text }: { id: string; text: string | undefined }): ReactElement | null {
  if (!text) return null;
  return (
    <div className="datasets-problem" role="alert" data-testid={`datasets-${id}-error`}>
      {text}
    </div>
  );
}

export function Field({
  id,
  label,
  hint,
  problem,
  wide,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  problem?: string;
  /** Spans both columns of a parameter grid. */
  wide?: boolean;
  children: (props: { id: string; invalid: boolean }) => ReactNode;
}): ReactElement {
  const htmlId = useId();
  return (
    <div className={wide ? 'field is-wide' : 'field'}>
      <label className="field-label" htmlFor={htmlId}>
        {label}
      </label>
      {children({ id: htmlId, invalid: Boolean(problem) })}
      {hint ? <span className="field-hint">{hint}</span> : null}
      <Problem id={id} text={problem} />
    </div>
  );
}

/** What a text field and a path field both take. */
interface TextProps {
  /** `datasets-<id>` on the input, `datasets-<id>-error` on its problem. */
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  hint?: string;
  problem?: string;
}

export function TextField(
  props: TextProps & { placeholder?: string; numeric?: boolean; wide?: boolean },
): ReactElement {
  return (
    <Field id={props.id} label={props.label} hint={props.hint} problem={props.problem} wide={props.wide}>
      {({ id, invalid }) => (
        <input
          id={id}
          type="text"
          inputMode={props.numeric ? 'decimal' : undefined}
          spellCheck={false}
          data-testid={`datasets-${props.id}`}
          value={props.value}
          placeholder={props.placeholder}
          aria-invalid={invalid}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

export function PathField(
  props: TextProps & {
    placeholder: string;
    /** Shows Choose… (the host's folder picker) when given. */
    onPick?: (() => void) | null;
  },
): ReactElement {
  return (
    <Field id={props.id} label={props.label} hint={props.hint} problem={props.problem}>
      {({ id, invalid }) => (
        <div className="datasets-path">
          <input
            id={id}
            type="text"
            spellCheck={false}
            autoComplete="off"
            data-testid={`datasets-${props.id}`}
            value={props.value}
            title={props.value}
            placeholder={props.placeholder}
            aria-invalid={invalid}
            onChange={(e) => props.onChange(e.target.value)}
          />
          {props.onPick ? (
            <button
              type="button"
              className="button small"
              data-testid={`datasets-${props.id}-choose`}
              onClick={props.onPick}
            >
              Choose…
            </button>
          ) : null}
        </div>
      )}
    </Field>
  );
}

/** The seed with the shell's dice and lock (`datasets-<id>-seed`, `-seed-dice`, `-seed-lock`). */
export function SeedField({
  id,
  form,
  tab,
}: {
  id: string;
  form: SeedForm;
  tab: { problems: Record<string, string>; change: (patch: Partial<SeedForm>) => void };
}): ReactElement {
  const onSeed = (seed: string): void => tab.change({ seed });
  return (
    <Field
      id={`${id}-seed`}
      label="Seed"
      hint="Locked, every run reuses it; unlocked, each run draws a new one."
      problem={tab.problems.seed}
    >
      {({ id: htmlId, invalid }) => (
        <SeedRow
          id={htmlId}
          testId={`datasets-${id}-seed`}
          value={form.seed}
          invalid={invalid}
          diceLabel="Draw a random seed"
          onText={onSeed}
          onSeed={(s) => onSeed(String(s))}
          lock={{ checked: form.locked, onChange: (locked) => tab.change({ locked }) }}
        />
      )}
    </Field>
  );
}

/** k per source beside the near-duplicate threshold (`datasets-<id>-k`, `-near-duplicate`). */
export function CountFields({
  id,
  label,
  hint,
  items,
  k,
  nearDuplicate,
}: {
  id: string;
  label: string;
  hint: string;
  /** What is dropped ("items", "melodies"). */
  items: string;
  k: Bound;
  nearDuplicate: Bound;
}): ReactElement {
  return (
    <div className="field-pair">
      <TextField id={`${id}-k`} label={label} hint={hint} numeric {...k} />
      <TextField
        id={`${id}-near-duplicate`}
        label="Near-duplicate"
        hint={`Drop ${items} closer than this (0 = keep all).`}
        numeric
        {...nearDuplicate}
      />
    </div>
  );
}

/** A choice from a list: `datasets-<id>` on the select. */
export function SelectField<V extends string>({
  id,
  label,
  hint,
  problem,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  hint: string;
  problem?: string;
  value: V;
  options: readonly { value: V; label: string }[];
  onChange: (v: V) => void;
}): ReactElement {
  return (
    <Field id={id} label={label} hint={hint} problem={problem}>
      {({ id: htmlId, invalid }) => (
        <select
          id={htmlId}
          data-testid={`datasets-${id}`}
          value={value}
          aria-invalid={invalid}
          onChange={(e) => onChange(options.find((o) => o.value === e.target.value)?.value ?? value)}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
