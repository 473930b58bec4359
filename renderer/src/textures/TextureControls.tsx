import { useId, type ReactElement, type ReactNode } from 'react';
import type { TextureStyle } from '../../../preload/contract';
import { Icon } from '../shell/icons';
import { SeedRow } from '../shell/SeedControls';
import { progressPercent, stageText, type JobStatus } from '../shell/job';
import { SCALES, isScale, isSizeChoice, withSizeChoice, type TextureForm } from './form';

export interface TextureControlsProps {
  form: TextureForm;
  setForm: (update: (prev: TextureForm) => TextureForm) => void;
  styles: readonly TextureStyle[];
  /** Why Generate cannot run (shown above it), or null. */
  blocker: ReactNode;
  canGenerate: boolean;
  /** Why the size cannot be sent (Generate is disabled; shown under it), or null. */
  sizeError: string | null;
  /** A size that is slow here (not an error), or null. */
  sizeWarning: string | null;
  job: JobStatus | null;
  onGenerate: () => void;
  onCancel: () => void;
  /** The control a failed call pointed at ("size", "seed", …), marked invalid. */
  invalid: string | null;
  tiled: boolean;
  onTiledChange: (tiled: boolean) => void;
  canExport: boolean;
  exporting: boolean;
  onExport: () => void;
}

function Field({
  label,
  htmlFor,
  children,
  hint,
}: {
  label: string;
  htmlFor: string;
  children: ReactNode;
  hint?: ReactNode;
}): ReactElement {
  return (
    <div className="field">
      <label className="field-label" htmlFor={htmlFor}>
        {label}
      </label>
      {children}
      {hint ? <div className="field-hint">{hint}</div> : null}
    </div>
  );
}

export function TextureControls(props: TextureControlsProps): ReactElement {
  const { form, setForm, styles, job, invalid } = props;
  const id = useId();
  const running = job?.running ?? false;
  const style = form.style || styles[0]?.id || '';
  const styleKnown = styles.some((s) => s.id === style);
  const blendKnown = form.blendStyle === '' || styles.some((s) => s.id === form.blendStyle);
  const percent = job ? progressPercent(job.fraction) : 0;
  const progressLabel = job ? stageText(job.stage, job.message) : 'Idle';
  const blendName = styles.find((s) => s.id === form.blendStyle)?.name ?? form.blendStyle;
  const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

  return (
    <div className="controls">
      <section className="panel-section" aria-labelledby={`${id}-look`}>
        <h2 id={`${id}-look`} className="section-title">
          Look
        </h2>
        <Field label="Style" htmlFor={`${id}-style`}>
          <select
            id={`${id}-style`}
            data-testid="style-select"
            value={style}
            aria-invalid={invalid === 'style' || undefined}
            disabled={styles.length === 0}
            onChange={(e) => {
              const v = e.target.value;
              setForm((f) => ({ ...f, style: v }));
            }}
          >
            {styles.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
            {!styleKnown && style !== '' ? <option value={style}>{style} (not in this model)</option> : null}
          </select>
        </Field>
        <Field label="Blend with" htmlFor={`${id}-blend`}>
          <select
            id={`${id}-blend`}
            data-testid="blend-select"
            value={form.blendStyle}
            aria-invalid={invalid === 'blend' || undefined}
            onChange={(e) => {
              const v = e.target.value;
              setForm((f) => ({ ...f, blendStyle: v }));
            }}
          >
            <option value="">None</option>
            {styles.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
            {!blendKnown ? (
              <option value={form.blendStyle}>{form.blendStyle} (not in this model)</option>
            ) : null}
          </select>
        </Field>
        <div className={`field${form.blendStyle === '' ? ' is-inactive' : ''}`}>
          <div className="field-row">
            <label className="field-label" htmlFor={`${id}-amount`}>
              Blend amount
            </label>
            <output className="field-value" htmlFor={`${id}-amount`}>
              {Math.round(form.blendAmount * 100)}%{form.blendStyle ? ` ${blendName}` : ' (no blend)'}
            </output>
          </div>
          <input
            id={`${id}-amount`}
            data-testid="blend-amount"
            type="range"
            min={0}
            max={1}
            step={0.05}
            value={form.blendAmount}
            onChange={(e) => {
              const v = e.target.valueAsNumber;
              setForm((f) => ({ ...f, blendAmount: Number.isFinite(v) ? v : f.blendAmount }));
            }}
          />
        </div>
        <Field label="Feature scale" htmlFor={`${id}-scale`}>
          <select
            id={`${id}-scale`}
            data-testid="scale-select"
            value={String(form.scale)}
            aria-invalid={invalid === 'scale' || undefined}
            onChange={(e) => {
              const v = Number(e.target.value);
              if (isScale(v)) setForm((f) => ({ ...f, scale: v }));
            }}
          >
            {SCALES.map((s) => (
              <option key={s} value={String(s)}>
                {s}×{s === 1 ? ' (finest)' : ''}
              </option>
            ))}
          </select>
        </Field>
      </section>

      <section className="panel-section" aria-labelledby={`${id}-output`}>
        <h2 id={`${id}-output`} className="section-title">
          Output
        </h2>
        <Field
          label="Seed"
          htmlFor={`${id}-seed`}
          hint={
            form.seedLocked
              ? 'Locked: Generate reuses this seed.'
              : 'Unlocked: each Generate rolls a new seed.'
          }
        >
          <SeedRow
            id={`${id}-seed`}
            testId="seed-input"
            testIds={{ dice: 'seed-dice', lock: 'seed-lock' }}
            value={form.seedText}
            invalid={invalid === 'seed'}
            diceLabel="Roll a random seed"
            onText={(seedText) => setForm((f) => ({ ...f, seedText }))}
            onSeed={(seed) => setForm((f) => ({ ...f, seedText: String(seed) }))}
            lock={{
              checked: form.seedLocked,
              onChange: (seedLocked) => setForm((f) => ({ ...f, seedLocked })),
            }}
          />
        </Field>
        <Field label="Size" htmlFor={`${id}-size`}>
          <select
            id={`${id}-size`}
            data-testid="size-select"
            value={form.sizeChoice}
            aria-invalid={(invalid === 'size' && form.sizeChoice !== 'custom') || undefined}
            onChange={(e) => {
              const v = e.target.value;
              if (isSizeChoice(v)) setForm((f) => withSizeChoice(f, v));
            }}
          >
            <option value="256">256 × 256</option>
            <option value="512">512 × 512</option>
            <option value="1024">1024 × 1024</option>
            <option value="2048">2048 × 2048</option>
            <option value="custom">Custom…</option>
          </select>
        </Field>
        {form.sizeChoice === 'custom' ? (
          <Field label="Custom size (px)" htmlFor={`${id}-custom`} hint="256–2048, a multiple of 64.">
            <input
              id={`${id}-custom`}
              data-testid="size-input"
              type="number"
              inputMode="numeric"
              step={64}
              value={form.customSize}
              aria-invalid={invalid === 'size' || props.sizeError !== null || undefined}
              onChange={(e) => {
                const v = e.target.value;
                setForm((f) => ({ ...f, customSize: v }));
              }}
            />
          </Field>
        ) : null}
      </section>

      <section className="panel-section generate-section" aria-label="Generate">
        {props.blocker ? (
          <div className="callout callout-bad" data-testid="model-error">
            {props.blocker}
          </div>
        ) : null}
        <div className="generate-row">
          <button
            type="button"
            className="button primary"
            data-testid="generate-button"
            disabled={!props.canGenerate || running}
            aria-describedby={props.sizeError !== null ? `${id}-why` : undefined}
            aria-keyshortcuts="Control+Enter Meta+Enter"
            onClick={props.onGenerate}
          >
            <Icon name="play" />
            {running ? 'Generating…' : 'Generate'}
            <kbd className="shortcut">{isMac ? '⌘↵' : 'Ctrl+↵'}</kbd>
          </button>
          {running ? (
            <button type="button" className="button" data-testid="cancel-button" onClick={props.onCancel}>
              <Icon name="stop" />
              Cancel
            </button>
          ) : null}
        </div>
        {props.sizeError !== null ? (
          <p className="field-error" id={`${id}-why`} data-testid="texture-generate-why">
            {props.sizeError}
          </p>
        ) : null}
        {props.sizeWarning !== null ? (
          <p className="field-hint" data-testid="texture-size-warning" role="status">
            {props.sizeWarning}
          </p>
        ) : null}
        <div className="progress-block">
          <div
            className={`progress${running ? ' is-running' : ''}`}
            role="progressbar"
            data-testid="progress"
            aria-label="Generation progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            aria-valuetext={`${percent}% · ${progressLabel}`}
            data-stage={job?.stage ?? 'idle'}
          >
            <div className="progress-fill" style={{ width: `${percent}%` }} />
          </div>
          <div className="progress-text" aria-hidden="true">
            <span>{progressLabel}</span>
            <span>{job ? `${percent}%` : ''}</span>
          </div>
        </div>
      </section>

      <section className="panel-section" aria-labelledby={`${id}-view`}>
        <h2 id={`${id}-view`} className="section-title">
          Preview &amp; export
        </h2>
        <label className="check">
          <input
            type="checkbox"
            data-testid="tile-toggle"
            checked={props.tiled}
            onChange={(e) => props.onTiledChange(e.target.checked)}
          />
          Tile preview 3×3
        </label>
        <button
          type="button"
          className="button"
          data-testid="export-button"
          disabled={!props.canExport || props.exporting}
          onClick={props.onExport}
        >
          <Icon name="download" />
          {props.exporting ? 'Exporting…' : 'Export PNG'}
        </button>
      </section>
    </div>
  );
}
