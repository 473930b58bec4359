/** The generation form: prompt (with unknown-word hints), negative, init image, seed, steps, guidance, sampler, size, batch, Generate. */
import { useId, useRef, type ReactElement, type ReactNode } from 'react';
import { IMAGE_SCHEDULER_LABELS, type ImageScheduler, type ModelStatus } from '../../../preload/contract';
import {
  IMAGE_MAX_BATCH,
  IMAGE_MAX_GUIDANCE,
  IMAGE_MAX_SIZE,
  IMAGE_MAX_STEPS,
  IMAGE_MIN_SIZE,
  IMAGE_SIZE_STEP,
  hasPhrase,
  promptWords,
  togglePhrase,
} from '../../../preload/image';
import { Icon } from '../shell/icons';
import { SeedRow } from '../shell/SeedControls';
import {
  CUSTOM_SIZE,
  MIN_STRENGTH,
  fieldSentence,
  firstError,
  promptNote,
  sizeChoice,
  sizeWarning,
  type FieldErrors,
  type ImageField,
} from './form';
import { fewStepHint, samplerChoices } from './fewStep';
import { sizeLabel } from './models';
import type { Init } from './useInitImage';
import type { ImageSettings, SettingsField } from './useImageSettings';

interface Props {
  settings: ImageSettings;
  model: ModelStatus | null;
  errors: FieldErrors;
  /** The field a failed call named (marked until the form changes). */
  errorField: ImageField | null;
  init: Init;
  onGenerate: () => void;
  blocked: string | ReactNode | null;
  queued: number;
}

export function ImageControls({
  settings,
  model,
  errors,
  errorField,
  init,
  onGenerate,
  blocked,
  queued,
}: Props): ReactElement {
  const { form, setField } = settings;
  const ids = {
    prompt: useId(),
    negative: useId(),
    seed: useId(),
    sampler: useId(),
    size: useId(),
    why: useId(),
  };
  const fileRef = useRef<HTMLInputElement>(null);
  const words = model?.image?.words;
  const unknown = words ? promptWords(form.prompt, words).unknown : [];
  const emptyPrompt = promptNote(form, model);
  const slow = sizeWarning(form, model);
  const fewStep = model?.image?.fewStep;
  const samplers = samplerChoices(model);
  // A form the contract would refuse cannot be generated: the button says so and why.
  const invalid = blocked === null ? firstError(errors) : null;
  const bad = (f: ImageField): boolean | undefined =>
    errors[f] !== undefined || errorField === f ? true : undefined;
  const note = (f: ImageField): ReactElement | null =>
    errors[f] ? (
      <span className="field-error" data-field={f}>
        {fieldSentence(f, errors[f])}
      </span>
    ) : null;

  const number = (
    f: SettingsField & ImageField,
    label: string,
    attrs: { min: number; max: number; step: number },
  ): ReactElement => (
    <label className="field">
      <span className="field-label">{label}</span>
      <input
        type="number"
        data-testid={`image-${f}`}
        value={form[f]}
        {...attrs}
        aria-invalid={bad(f)}
        onChange={(e) => setField(f, e.target.value)}
      />
      {note(f)}
    </label>
  );

  return (
    <>
      <section className="panel-section" aria-label="Prompt">
        <div className="field">
          <label className="field-label" htmlFor={ids.prompt}>
            Prompt
          </label>
          <textarea
            id={ids.prompt}
            data-testid="image-prompt"
            rows={3}
            value={form.prompt}
            placeholder={words ? 'a happy cat face' : 'a watercolour lighthouse at dusk'}
            aria-invalid={bad('prompt')}
            onChange={(e) => setField('prompt', e.target.value)}
          />
          {unknown.length > 0 ? (
            <span
              className="field-hint image-unknown"
              data-testid="image-unknown-words"
              data-words={unknown.join(' ')}
            >
              The model does not know: {unknown.join(', ')}, ignored.
            </span>
          ) : null}
          {(words?.suggestions ?? []).map((g) => (
            <div
              key={g.label}
              className="image-suggestions"
              role="group"
              aria-label={`${g.label} words`}
              data-testid="image-suggestions"
              data-group={g.label}
            >
              <span className="field-hint">{g.label}:</span>
              {g.words.map((w) => (
                <button
                  key={w}
                  type="button"
                  className="button small image-suggestion"
                  data-testid="image-suggestion"
                  data-word={w}
                  aria-pressed={hasPhrase(form.prompt, w)}
                  title={`Put "${w}" in the prompt (click again to take it out)`}
                  onClick={() => setField('prompt', togglePhrase(form.prompt, w, g.words))}
                >
                  {w}
                </button>
              ))}
            </div>
          ))}
          {emptyPrompt ? (
            <span className="field-hint" data-testid="image-prompt-empty">
              {emptyPrompt}
            </span>
          ) : null}
          {note('prompt')}
        </div>
        <div className="field">
          <label className="field-label" htmlFor={ids.negative}>
            Negative prompt
          </label>
          <textarea
            id={ids.negative}
            data-testid="image-negative"
            rows={2}
            value={form.negative}
            placeholder="what to steer away from"
            aria-invalid={bad('negative')}
            onChange={(e) => setField('negative', e.target.value)}
          />
          {note('negative')}
        </div>
      </section>

      <section className="panel-section" aria-label="Start image (img2img)">
        <div className="field-row">
          <span className="field-label">Start from an image</span>
          <button type="button" className="button small" onClick={() => fileRef.current?.click()}>
            Open image…
          </button>
          <input
            ref={fileRef}
            type="file"
            hidden
            accept="image/png,image/jpeg"
            data-testid="image-init-file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void init.fromFile(file);
            }}
          />
        </div>
        {init.init ? (
          <div className="image-init">
            <span
              className="image-init-thumb"
              data-testid="image-init"
              data-id={init.init.kind === 'generation' ? init.init.id : undefined}
              data-kind={init.init.kind}
              title={init.init.kind === 'generation' ? init.init.title : init.init.name}
            >
              {init.init.url ? <img src={init.init.url} alt="The start image" /> : null}
            </span>
            <label className="field image-strength">
              <span className="field-row">
                <span className="field-label">Strength</span>
                <span className="field-value">{form.strength}</span>
              </span>
              <input
                type="range"
                data-testid="image-strength"
                min={MIN_STRENGTH}
                max={1}
                step={0.05}
                value={form.strength}
                aria-invalid={bad('strength')}
                onChange={(e) => setField('strength', e.target.value)}
              />
              <span className="field-hint">How much of the image is redrawn (1 = all of it).</span>
            </label>
            <button
              type="button"
              className="icon-button"
              data-testid="image-init-clear"
              aria-label="Clear the start image"
              title="Clear the start image"
              onClick={init.clear}
            >
              <Icon name="close" />
            </button>
          </div>
        ) : (
          <span className="field-hint">Or drop a PNG/JPEG on the studio, or pick img2img on a result.</span>
        )}
        {note('init')}
        {note('strength')}
      </section>

      <section className="panel-section" aria-label="Settings">
        <div className="field">
          <label className="field-label" htmlFor={ids.seed}>
            Seed
          </label>
          <SeedRow
            id={ids.seed}
            testId="image-seed"
            value={form.seed}
            invalid={bad('seed')}
            diceLabel="Random seed"
            onText={(t) => setField('seed', t)}
            onSeed={settings.setSeed}
            lock={{
              checked: form.seedLocked,
              title: 'Locked: every Generate reuses this seed. Unlocked: each draws a new one.',
              onChange: settings.setLocked,
            }}
          />
          <span className="field-hint">Image k of a batch uses seed + k.</span>
          {note('seed')}
        </div>
        <div className="image-number-grid">
          {number('steps', 'Steps', {
            min: fewStep?.steps.min ?? 1,
            max: fewStep?.steps.max ?? IMAGE_MAX_STEPS,
            step: 1,
          })}
          {number('guidance', 'Guidance', {
            min: fewStep?.guidance.min ?? 0,
            max: fewStep?.guidance.max ?? IMAGE_MAX_GUIDANCE,
            step: 0.5,
          })}
        </div>
        {fewStep ? (
          <span className="field-hint" data-testid="image-few-step" role="note">
            {fewStepHint(model)}
          </span>
        ) : null}
        <div className="field">
          <label className="field-label" htmlFor={ids.sampler}>
            Sampler
          </label>
          <select
            id={ids.sampler}
            data-testid="image-sampler"
            value={form.sampler}
            onChange={(e) => settings.setSampler(e.target.value as ImageScheduler)}
          >
            {(samplers.includes(form.sampler) ? samplers : [...samplers, form.sampler]).map((s) => (
              <option key={s} value={s}>
                {IMAGE_SCHEDULER_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={ids.size}>
            Size
          </label>
          <select
            id={ids.size}
            data-testid="image-size"
            value={sizeChoice(form, model)}
            onChange={(e) => settings.chooseSize(e.target.value, model)}
          >
            {(model?.image?.sizes ?? []).map((s) => (
              <option key={s} value={String(s)}>
                {sizeLabel(s, model!.image!.defaultSize)}
              </option>
            ))}
            <option value={CUSTOM_SIZE}>Custom…</option>
          </select>
        </div>
        {sizeChoice(form, model) === CUSTOM_SIZE ? (
          <div className="image-number-grid">
            {number('width', 'Width', { min: IMAGE_MIN_SIZE, max: IMAGE_MAX_SIZE, step: IMAGE_SIZE_STEP })}
            {number('height', 'Height', { min: IMAGE_MIN_SIZE, max: IMAGE_MAX_SIZE, step: IMAGE_SIZE_STEP })}
          </div>
        ) : null}
        {slow ? (
          <span className="field-hint image-unknown" data-testid="image-size-warning" role="status">
            {slow}
          </span>
        ) : null}
        {number('batch', 'Batch', { min: 1, max: IMAGE_MAX_BATCH, step: 1 })}
      </section>

      <section className="panel-section image-generate">
        <div className="generate-row">
          <button
            type="button"
            className="button primary"
            data-testid="image-generate"
            disabled={blocked !== null || invalid !== null}
            aria-describedby={invalid !== null ? ids.why : undefined}
            title="Generate (Ctrl+Enter)"
            onClick={onGenerate}
          >
            {queued > 0 ? `Generate (queue: ${queued})` : 'Generate'}
          </button>
        </div>
        {blocked !== null ? <p className="muted">{blocked}</p> : null}
        {invalid !== null ? (
          <p className="field-error" id={ids.why} data-testid="image-generate-why">
            {invalid}
          </p>
        ) : null}
      </section>
    </>
  );
}
