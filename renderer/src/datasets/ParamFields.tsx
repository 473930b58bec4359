/**
 * A method's parameter fields, drawn from their specs (`params.ts`): a check box, or a text field
 * with its range in the hint; each keyed `params.<key>` in the problems.
 */
import type { ReactElement } from 'react';
import { TextField } from './fields';
import { shownParams, type ParamSpec, type ParamValues } from './params';

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
