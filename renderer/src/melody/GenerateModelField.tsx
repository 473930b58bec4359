/**
 * Generate's model picker: the melody LSTM (the whole melody in one pass, in any meter the models
 * know) or a melody VAE (4-bar phrases of 4/4 chained by their latents, with a coherence). Shown
 * when more than one model can generate; never disabled, so a model that cannot run in the clip's
 * meter can be swapped for one that can.
 */
import { useId, type ReactElement } from 'react';
import type { MelodyPhraseForm, ModelStatus } from '../../../preload/contract';

/** What a generator does, in a few words. */
export function generatorLine(m: ModelStatus): string {
  return m.task === 'melody-vae'
    ? '4-bar phrases of 4/4 from the latent space; Coherence sets how alike they are.'
    : 'The whole melody in one pass, in the clip’s meter and key.';
}

export function GenerateModelField({
  models,
  value,
  onChange,
}: {
  models: readonly ModelStatus[];
  value: string;
  onChange: (id: string) => void;
}): ReactElement | null {
  const id = useId();
  if (models.length < 2) return null;
  const picked = models.find((m) => m.id === value);
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        Model
      </label>
      <select
        id={id}
        data-testid="melody-generate-model"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        {models.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </select>
      {picked ? <div className="field-hint">{generatorLine(picked)}</div> : null}
    </div>
  );
}

/** The melody LSTM's form: each part twice with a new ending (the folk tunes' A A′ B B′), or every bar new. */
export function FormField({
  value,
  disabled,
  onChange,
}: {
  value: MelodyPhraseForm;
  disabled: boolean;
  onChange: (form: MelodyPhraseForm) => void;
}): ReactElement {
  const id = useId();
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        Form
      </label>
      <select
        id={id}
        data-testid="melody-form"
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value === 'through' ? 'through' : 'repeat')}
      >
        <option value="repeat">Repeat each part (A A′ B B′)</option>
        <option value="through">Through-composed (every bar new)</option>
      </select>
      <div className="field-hint">
        {value === 'repeat'
          ? 'Each 8-bar part (4 under 16 bars) plays twice, the second time with a new last bar, as in the folk tunes.'
          : 'Every bar is drawn anew; phrases rarely come back.'}
      </div>
    </div>
  );
}
