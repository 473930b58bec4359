import { useId, type ReactElement } from 'react';
import type { LatentPathMode } from '../../../preload/contract';
import { Icon } from '../shell/icons';
import type { Bookmark, InterpState } from './explorer';
import { MAX_FRAMES } from './interpolation';

interface Props {
  state: InterpState;
  bookmarks: readonly Bookmark[];
  disabled: boolean;
  /** A or B names a bookmark that is gone. */
  problem: string | null;
  exporting: 'gif' | 'png-strip' | null;
  onChange: (patch: Partial<InterpState>) => void;
  onScrub: (t: number) => void;
  onExport: (format: 'gif' | 'png-strip') => void;
}

/** A path between two points (bookmarks or the current one), scrubbed live, exported as GIF / strip. */
export function InterpolatePanel({
  state,
  bookmarks,
  disabled,
  problem,
  exporting,
  onChange,
  onScrub,
  onExport,
}: Props): ReactElement {
  const id = useId();
  const ends = (which: 'a' | 'b', testId: string, label: string): ReactElement => {
    const value = state[which];
    const known = value === 'current' || bookmarks.some((b) => b.generation.id === value);
    return (
      <div className="field">
        <label className="field-label" htmlFor={`${id}-${which}`}>
          {label}
        </label>
        <select
          id={`${id}-${which}`}
          data-testid={testId}
          value={value}
          disabled={disabled}
          aria-invalid={!known || undefined}
          onChange={(e) => onChange({ [which]: e.target.value })}
        >
          <option value="current">Current point</option>
          {bookmarks.map((b) => (
            <option key={b.generation.id} value={b.generation.id}>
              {b.generation.title}
            </option>
          ))}
          {!known ? <option value={value}>(deleted bookmark)</option> : null}
        </select>
      </div>
    );
  };
  return (
    <div className="controls latent-interp">
      <div className="field-pair">
        {ends('a', 'latent-interp-a', 'From (A)')}
        {ends('b', 'latent-interp-b', 'To (B)')}
      </div>
      <div className="field-pair">
        <div className="field">
          <label className="field-label" htmlFor={`${id}-mode`}>
            Path
          </label>
          <select
            id={`${id}-mode`}
            data-testid="latent-interp-mode"
            value={state.mode}
            disabled={disabled}
            onChange={(e) => onChange({ mode: e.target.value as LatentPathMode })}
          >
            <option value="slerp">Spherical (slerp)</option>
            <option value="linear">Straight line</option>
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-frames`}>
            Frames
          </label>
          <input
            id={`${id}-frames`}
            data-testid="latent-interp-frames"
            type="number"
            min={2}
            max={MAX_FRAMES}
            step={1}
            value={state.frames}
            disabled={disabled}
            onChange={(e) => {
              const v = e.target.valueAsNumber;
              if (Number.isFinite(v)) onChange({ frames: Math.round(v) });
            }}
          />
        </div>
      </div>
      <div className="field">
        <div className="field-row">
          <label className="field-label" htmlFor={`${id}-t`}>
            Scrub A → B
          </label>
          <output className="field-value" htmlFor={`${id}-t`}>
            t = {state.t.toFixed(2)}
          </output>
        </div>
        <input
          id={`${id}-t`}
          data-testid="latent-interp-t"
          type="range"
          min={0}
          max={1}
          step={0.01}
          value={state.t}
          disabled={disabled || problem !== null}
          onChange={(e) => {
            const v = e.target.valueAsNumber;
            if (Number.isFinite(v)) onScrub(v);
          }}
        />
        <div className="field-hint">
          Moves the point along the path. “Current point” means where you were when you started scrubbing.
        </div>
      </div>
      {problem ? <div className="callout callout-bad">{problem}</div> : null}
      <div className="field-pair">
        <div className="field">
          <label className="field-label" htmlFor={`${id}-scale`}>
            Export scale
          </label>
          <select
            id={`${id}-scale`}
            value={String(state.scale)}
            disabled={disabled}
            onChange={(e) => onChange({ scale: Number(e.target.value) })}
          >
            {[1, 2, 3, 4, 6, 8].map((s) => (
              <option key={s} value={String(s)}>
                {s}×
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="button-row">
        <button
          type="button"
          className="button"
          data-testid="latent-export-gif"
          disabled={disabled || problem !== null || exporting !== null}
          onClick={() => onExport('gif')}
        >
          <Icon name="download" />
          {exporting === 'gif' ? 'Exporting…' : 'Export GIF'}
        </button>
        <button
          type="button"
          className="button"
          data-testid="latent-export-strip"
          disabled={disabled || problem !== null || exporting !== null}
          onClick={() => onExport('png-strip')}
        >
          <Icon name="download" />
          {exporting === 'png-strip' ? 'Exporting…' : 'Export PNG strip'}
        </button>
      </div>
    </div>
  );
}
