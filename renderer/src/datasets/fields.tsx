/**
 * The form's fields: a labelled input with its hint and, when the page or main refused it, the
 * sentence in red beside it (`aria-invalid`, `datasets-<id>-error`); a path field with Choose…
 * where the host can show a folder picker; the seed with the shell's dice and lock; a method's
 * parameter fields from their specs.
 */
import { useId, type ReactElement, type ReactNode } from 'react';
import { DiceButton, SeedLock } from '../shell/SeedControls';
import { shownParams, type ParamSpec, type ParamValues } from './params';

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

export function TextField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  hint?: string;
  problem?: string;
  placeholder?: string;
  numeric?: boolean;
  wide?: boolean;
}): ReactElement {
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

export function PathField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  hint?: string;
  problem?: string;
  placeholder: string;
  /** Shows Choose… (the host's folder picker) when given. */
  onPick?: (() => void) | null;
}): ReactElement {
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

export function SeedField({
  id,
  seed,
  locked,
  problem,
  onSeed,
  onLock,
}: {
  id: string;
  seed: string;
  locked: boolean;
  problem?: string;
  onSeed: (v: string) => void;
  onLock: (v: boolean) => void;
}): ReactElement {
  return (
    <Field
      id={`${id}-seed`}
      label="Seed"
      hint="Locked, every run reuses it; unlocked, each run draws a new one."
      problem={problem}
    >
      {({ id: htmlId, invalid }) => (
        <div className="seed-row">
          <input
            id={htmlId}
            type="number"
            min={0}
            data-testid={`datasets-${id}-seed`}
            value={seed}
            aria-invalid={invalid}
            onChange={(e) => onSeed(e.target.value)}
          />
          <DiceButton
            testId={`datasets-${id}-seed-dice`}
            label="Draw a random seed"
            onSeed={(s) => onSeed(String(s))}
          />
          <SeedLock testId={`datasets-${id}-seed-lock`} checked={locked} onChange={onLock} />
        </div>
      )}
    </Field>
  );
}

/** A method's parameter fields (`datasets-param-<key>`); `problems` keyed `params.<key>`. */
export function ParamFields({
  specs,
  values,
  problems,
  onChange,
}: {
  specs: readonly ParamSpec[];
  values: ParamValues;
  problems: Record<string, string>;
  onChange: (key: string, v: string) => void;
}): ReactElement {
  return (
    <div className="datasets-params">
      {shownParams(specs, values).map((s) =>
        s.kind === 'check' ? (
          <label key={s.key} className="check" title={s.hint}>
            <input
              type="checkbox"
              data-testid={`datasets-param-${s.key}`}
              checked={(values[s.key] ?? s.def) === 'true'}
              onChange={(e) => onChange(s.key, String(e.target.checked))}
            />
            {s.label}
          </label>
        ) : (
          <TextField
            key={s.key}
            id={`param-${s.key}`}
            label={s.label}
            hint={s.kind === 'number' ? `${s.hint} ${s.min}–${s.max}.` : s.hint}
            numeric={s.kind === 'number'}
            wide={s.kind !== 'number'}
            value={values[s.key] ?? s.def}
            problem={problems[`params.${s.key}`]}
            onChange={(v) => onChange(s.key, v)}
          />
        ),
      )}
    </div>
  );
}
