/** The right panel: the model tabs, the open tab's fields and run button, its takes, and help. */
import { useId, type ReactElement } from 'react';
import type { MelodyTake, ModelStatus } from '../../../preload/contract';
import type { Meter } from '../../../preload/melody';
import type { MelodyRecord } from './clips';
import type { ClipLock } from './lock';
import { continuationPreview } from './preview';
import { SamplingFields, type SetForm } from './fields';
import { TABS, type MelodyForm, type MelodyTab } from './form';
import { LatentPanel } from './LatentPanel';
import { MelodyHelp } from './MelodyHelp';
import { ContinueFields, GenerateFields, InterpolateFields, VariationsFields } from './MelodyPanels';
import { STUDIO_SHORTCUTS } from './shortcuts';
import { TakeList } from './TakeList';
import type { LatentSliders } from './useLatentSliders';
import type { RunTab, Takes } from './useTakes';

const RUN_LABELS: Record<RunTab, [string, string]> = {
  generate: ['Generate', 'Generating…'],
  continue: ['Continue', 'Continuing…'],
  variations: ['Make variations', 'Varying…'],
  interpolate: ['Interpolate', 'Interpolating…'],
};

const interpolationLabel = (i: number, n: number): string =>
  i === 0 ? 'Step 1 (≈ A)' : i === n - 1 ? `Step ${n} (≈ B)` : `Step ${i + 1}`;

interface Props {
  tab: MelodyTab;
  onTab: (tab: MelodyTab) => void;
  form: MelodyForm;
  setForm: SetForm;
  /** The clip's meter: Generate's and Continue's bars are its bars. */
  meter: Meter;
  /** The models Generate can pick from, and the one it runs. */
  generators: readonly ModelStatus[];
  generateModel: string;
  /** Generate runs a melody VAE (its coherence applies). */
  generateIsVae: boolean;
  /** What keeps the tab's model from running (listing, the model's problem, a meter it does not know). */
  problem: ReactElement | string | null;
  disabled: boolean;
  /** How many notes are selected in the roll, and how many it holds. */
  selected: number;
  rollNotes: number;
  records: readonly MelodyRecord[];
  /** The clip's key and scale lock (every tab's). */
  lock: ClipLock;
  onLock: (lock: ClipLock) => void;
  takes: Takes;
  latent: LatentSliders;
  auditioning: string | null;
  onRun: (tab: RunTab) => void;
  onAuditionTake: (key: string, take: MelodyTake) => void;
}

export function ModelPanel(p: Props): ReactElement {
  const id = useId();
  const { tab, form, setForm, disabled, takes, latent } = p;
  return (
    <aside className="studio-panel melody-side" aria-label="Models">
      <div className="melody-tabs" role="tablist" aria-label="Model tools">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`${id}-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`${id}-panel`}
            className="melody-tab"
            data-testid={`melody-tab-${t.id}`}
            onClick={() => p.onTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div
        className="melody-tab-panel"
        role="tabpanel"
        id={`${id}-panel`}
        aria-labelledby={`${id}-tab-${tab}`}
      >
        {p.problem ? (
          <section className="panel-section">
            <div className="callout callout-bad" data-testid="melody-model-error">
              {p.problem}
            </div>
          </section>
        ) : null}
        <section className="panel-section">
          {tab === 'generate' ? (
            <GenerateFields
              form={form}
              setForm={setForm}
              disabled={disabled}
              meter={p.meter}
              generators={p.generators}
              model={p.generateModel}
              coherence={p.generateIsVae}
            />
          ) : null}
          {tab === 'continue' ? (
            <ContinueFields
              form={form}
              setForm={setForm}
              disabled={disabled}
              meter={p.meter}
              selected={p.selected}
            />
          ) : null}
          {tab === 'variations' ? (
            <VariationsFields form={form} setForm={setForm} disabled={disabled} />
          ) : null}
          {tab === 'interpolate' ? (
            <InterpolateFields
              form={form}
              setForm={setForm}
              disabled={disabled}
              records={p.records}
              rollNotes={p.rollNotes}
            />
          ) : null}
          {tab === 'latent' ? (
            <LatentPanel
              encoded={latent.latent !== null}
              stale={latent.stale}
              values={latent.latent?.values ?? []}
              shares={latent.shares}
              segments={latent.latent?.base.length ?? 0}
              encoding={latent.encoding}
              decoding={latent.decoding}
              previewing={latent.previewing}
              disabled={disabled || latent.sliders === 0}
              canEncode={p.rollNotes > 0}
              temperature={form.latent.temperature}
              autoAudition={form.latent.autoAudition}
              onEncode={latent.encode}
              onSlider={latent.onSlider}
              onTemperature={latent.onTemperature}
              onAutoAudition={(on) => setForm((f) => ({ ...f, latent: { ...f.latent, autoAudition: on } }))}
              onApply={latent.apply}
              onReset={latent.reset}
            />
          ) : null}
        </section>
        <section className="panel-section">
          <SamplingFields form={form} setForm={setForm} lock={p.lock} onLock={p.onLock} />
          {tab !== 'latent' ? (
            <div className="generate-row">
              <button
                type="button"
                className="button primary"
                data-testid={`melody-${tab}`}
                aria-keyshortcuts="Control+Enter"
                disabled={disabled || takes.busy !== null}
                onClick={() => p.onRun(tab)}
              >
                {takes.busy === tab ? RUN_LABELS[tab][1] : RUN_LABELS[tab][0]}
                <kbd className="shortcut">Ctrl+↵</kbd>
              </button>
            </div>
          ) : null}
        </section>
        {tab !== 'latent' ? <TakesSection {...p} tab={tab} /> : null}
        <section className="panel-section">
          <MelodyHelp />
          <p className="muted melody-shortcut-line">
            {STUDIO_SHORTCUTS.slice(0, 3)
              .map((s) => `${s.keys.join('+')} ${s.what.toLowerCase()}`)
              .join(' · ')}
          </p>
        </section>
      </div>
    </aside>
  );
}

/** The open tab's last run: its takes, and the scrub along an interpolation's path. */
function TakesSection({
  tab,
  takes,
  auditioning,
  onAuditionTake,
}: Props & { tab: RunTab }): ReactElement | null {
  const id = useId();
  const run = takes.runs[tab];
  if (!run) return null;
  const scrub = takes.scrub;
  /** Continue: where the new notes begin (their pictures start a bar before). */
  const from = run.from;
  return (
    <section className="panel-section" aria-label="Takes">
      {tab === 'interpolate' && run.takes.length > 1 ? (
        <div className="field">
          <div className="field-row">
            <label className="field-label" htmlFor={`${id}-scrub`}>
              Along the path
            </label>
            <output className="field-value">
              {scrub + 1} / {run.takes.length}
            </output>
          </div>
          <input
            id={`${id}-scrub`}
            type="range"
            data-testid="melody-interp-scrub"
            min={0}
            max={run.takes.length - 1}
            step={1}
            value={scrub}
            onChange={(e) => {
              const i = e.target.valueAsNumber;
              takes.setScrub(i);
              const t = run.takes[i];
              if (t) onAuditionTake(`${run.id}:${i}`, t);
            }}
          />
        </div>
      ) : null}
      <TakeList
        run={run}
        auditioning={auditioning}
        current={tab === 'interpolate' ? scrub : undefined}
        useLabel={tab === 'continue' ? 'Append' : 'Use'}
        labelFor={tab === 'interpolate' ? interpolationLabel : undefined}
        preview={
          tab === 'continue' && from !== undefined
            ? (t) => continuationPreview(run.context ?? [], t, from, run.barBeats)
            : undefined
        }
        onAudition={onAuditionTake}
        onUse={(t, i) => void takes.use(tab, t, i)}
      />
    </section>
  );
}
