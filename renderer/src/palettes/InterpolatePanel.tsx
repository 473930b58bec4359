/**
 * Interpolate between two saved palettes through the model's base space: pick A and B from the
 * library, then the slider walks the path and puts each step on the bench.
 */
import { useId, type ReactElement } from 'react';
import type { Generation } from '../../../preload/contract';
import { colorsOfRecord, INTERPOLATION_STEPS, type PaletteInterpolation } from './usePaletteInterpolation';

interface Props {
  saved: readonly Generation[] | null;
  interp: PaletteInterpolation;
  disabled: boolean;
}

function Strip({ colors }: { colors: readonly string[] | null }): ReactElement {
  return (
    <span className="palette-strip small" aria-hidden="true">
      {(colors ?? []).map((c, k) => (
        <span key={k} style={{ backgroundColor: c }} />
      ))}
    </span>
  );
}

export function InterpolatePanel({ saved, interp, disabled }: Props): ReactElement {
  const id = useId();
  const list = saved ?? [];
  const end = (which: 'a' | 'b'): ReactElement => {
    const value = which === 'a' ? interp.aId : interp.bId;
    const set = which === 'a' ? interp.setA : interp.setB;
    return (
      <div className="field">
        <label className="field-label" htmlFor={`${id}-${which}`}>
          {which === 'a' ? 'From' : 'To'}
        </label>
        <div className="palette-interp-end">
          <select
            id={`${id}-${which}`}
            data-testid={`palette-interp-${which}`}
            value={value}
            disabled={disabled || list.length === 0}
            onChange={(e) => set(e.target.value)}
          >
            <option value="">Choose a saved palette…</option>
            {list.map((g) => (
              <option key={g.id} value={g.id}>
                {g.title}
              </option>
            ))}
          </select>
          <Strip colors={colorsOfRecord(saved, value)} />
        </div>
      </div>
    );
  };
  return (
    <>
      {list.length < 2 ? (
        <p className="field-hint">Save two palettes to the library to walk between them.</p>
      ) : null}
      {end('a')}
      {end('b')}
      <div className="field">
        <div className="field-row">
          <label className="field-label" htmlFor={`${id}-scrub`}>
            Between
          </label>
          <output className="field-value" htmlFor={`${id}-scrub`} data-testid="palette-interp-step">
            {interp.running ? '…' : interp.path ? `${interp.index + 1} / ${INTERPOLATION_STEPS}` : '–'}
          </output>
        </div>
        <input
          id={`${id}-scrub`}
          data-testid="palette-interp-scrub"
          type="range"
          min={0}
          max={INTERPOLATION_STEPS - 1}
          step={1}
          value={interp.index}
          disabled={disabled || !interp.path}
          onChange={(e) => interp.scrub(e.target.valueAsNumber)}
        />
        {interp.error ? (
          <p className="field-hint palette-error" data-testid="palette-interp-error">
            {interp.error.message}
          </p>
        ) : null}
      </div>
    </>
  );
}
