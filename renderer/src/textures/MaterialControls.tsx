/**
 * The material panel's settings column: the preview's shape; the maps' strengths (the preview
 * applies them live, the export bakes them in); the light, tiling and scale; and the export's
 * normal convention, bit depth and button. The sliders are the rows of ./materialSliders.ts
 * (test id `material-<id>`).
 */
import { useId, type ReactElement } from 'react';
import { PREVIEW_SHAPES, type MaterialForm } from './materialSettings';
import { MAP_SLIDERS, PREVIEW_SLIDERS, type SliderSpec } from './materialSliders';

type SetForm = (update: (f: MaterialForm) => MaterialForm) => void;

function Slider({
  spec,
  form,
  setForm,
}: {
  spec: SliderSpec;
  form: MaterialForm;
  setForm: SetForm;
}): ReactElement {
  const inputId = `${useId()}-${spec.id}`;
  const value = spec.get(form);
  return (
    <div className="field material-field">
      <div className="field-row">
        <label className="field-label" htmlFor={inputId}>
          {spec.label}
        </label>
        <output className="field-value" htmlFor={inputId}>
          {value.toFixed(spec.digits)}
        </output>
      </div>
      <input
        id={inputId}
        data-testid={`material-${spec.id}`}
        type="range"
        min={spec.min}
        max={spec.max}
        step={spec.step}
        value={value}
        onChange={(e) => {
          const v = e.target.valueAsNumber;
          setForm((f) => spec.set(f, v));
        }}
      />
    </div>
  );
}

export interface MaterialControlsProps {
  form: MaterialForm;
  setForm: SetForm;
  canExport: boolean;
  exporting: boolean;
  /** What the last export did, in words. */
  exported: string | null;
  onExport: () => void;
}

export function MaterialControls({
  form,
  setForm,
  canExport,
  exporting,
  exported,
  onExport,
}: MaterialControlsProps): ReactElement {
  const sliders = (list: readonly SliderSpec[]) =>
    list.map((s) => <Slider key={s.id} spec={s} form={form} setForm={setForm} />);
  return (
    <aside className="material-side" aria-label="Material settings">
      <div className="button-row" role="group" aria-label="Shape">
        {PREVIEW_SHAPES.map((s) => (
          <button
            key={s}
            type="button"
            className={`button small${form.shape === s ? ' primary' : ''}`}
            aria-pressed={form.shape === s}
            data-testid={`material-shape-${s}`}
            onClick={() => setForm((f) => ({ ...f, shape: s }))}
          >
            {s[0]!.toUpperCase() + s.slice(1)}
          </button>
        ))}
      </div>
      <h3>Maps</h3>
      {sliders(MAP_SLIDERS)}
      <h3>Preview</h3>
      {sliders(PREVIEW_SLIDERS)}
      <p className="field-hint">Drag on the preview to move the light.</p>
      <h3>Export</h3>
      <div className="material-export-row">
        <label>
          Normal{' '}
          <select
            data-testid="material-normal-convention"
            value={form.normal}
            onChange={(e) => {
              const normal = e.target.value === 'dx' ? 'dx' : 'gl';
              setForm((f) => ({ ...f, normal }));
            }}
          >
            <option value="gl">OpenGL (Y+): Blender, Godot, Unity</option>
            <option value="dx">DirectX (Y−): Unreal, Substance</option>
          </select>
        </label>
        <label>
          Bits{' '}
          <select
            data-testid="material-bits"
            value={form.bits}
            onChange={(e) => {
              const bits = e.target.value === '16' ? 16 : 8;
              setForm((f) => ({ ...f, bits }));
            }}
          >
            <option value={8}>8</option>
            <option value={16}>16</option>
          </select>
        </label>
      </div>
      <button
        type="button"
        className="button primary"
        data-testid="material-export"
        disabled={!canExport || exporting}
        onClick={onExport}
      >
        {exporting ? 'Exporting…' : 'Export maps'}
      </button>
      {exported ? (
        <p className="field-hint" data-testid="material-export-result">
          {exported}
        </p>
      ) : null}
      <p className="field-hint">
        Base colour, height, normal, roughness and AO as PNGs named by map; they tile like the texture.
      </p>
    </aside>
  );
}
