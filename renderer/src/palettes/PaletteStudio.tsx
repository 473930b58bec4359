/**
 * The Palettes studio: five large swatches on the bench — each with its hex, a colour picker and a
 * lock — Generate (the button or Space) draws new colours for the unlocked ones, the meter says
 * how typical the palette is while it is edited, the last candidates are listed to pick from, two
 * saved palettes can be walked between, the palette is saved to the library or exported as
 * .gpl / .ase / CSS / JSON, and "Apply to…" recolours a library texture, image or latent point
 * with it (a new record, shown in the studio it came from).
 *
 * Each feature keeps its state in a hook: the bench (`usePaletteBench`), the settings
 * (`usePaletteSettings`), the model (the shell's `useTaskModels` with `PALETTE_MODELS`), runs and
 * candidates (`usePaletteRuns`), the meter (`usePaletteScore`), the walk between saved palettes
 * (`usePaletteInterpolation`), save and export (`usePaletteFiles`), Apply to… (`usePaletteApply`, the
 * picker in `ApplyDialog`). This component wires them.
 */
import { useCallback, useEffect, useEffectEvent, type ReactElement } from 'react';
import type { PaletteFormat, PaletteResult } from '../../../preload/contract';
import { fieldTarget } from '../shell/errors';
import { focusKind } from '../shell/focus';
import { Icon } from '../shell/icons';
import { useShell } from '../shell/ShellContext';
import type { StudioProps } from '../shell/studio';
import { newestFirst } from '../shell/format';
import { useLibraryList } from '../shell/useLibraryList';
import { useTaskModels } from '../shell/useTaskModels';
import { useWindowKeydown } from '../shell/useWindowKeydown';
import { CandidateList } from './CandidateList';
import { ApplyDialog } from './ApplyDialog';
import { allLocked, lockMask, paletteKey } from './editor';
import { paletteCommand } from './keys';
import { PALETTE_MODELS } from './models';
import { PaletteHelp } from './PaletteHelp';
import { InterpolatePanel } from './InterpolatePanel';
import { openedPalette } from './record';
import { ScoreMeter } from './ScoreMeter';
import { SettingsPanel } from './SettingsPanel';
import { SwatchRow } from './SwatchRow';
import { usePaletteApply } from './usePaletteApply';
import { usePaletteBench } from './usePaletteBench';
import { usePaletteFiles } from './usePaletteFiles';
import { usePaletteInterpolation } from './usePaletteInterpolation';
import { usePaletteRuns } from './usePaletteRuns';
import { usePaletteScore } from './usePaletteScore';
import { usePaletteSettings } from './usePaletteSettings';
import './palettes.css';

type Props = Pick<
  StudioProps,
  | 'api'
  | 'active'
  | 'models'
  | 'modelsState'
  | 'onRetryModels'
  | 'openRequest'
  | 'onModelShown'
  | 'onOpenGeneration'
  | 'onSendGeneration'
>;

const FORMATS: readonly { format: PaletteFormat; label: string; title: string }[] = [
  { format: 'gpl', label: '.gpl', title: 'GIMP, Inkscape, Krita palette' },
  { format: 'ase', label: '.ase', title: 'Adobe Swatch Exchange (Photoshop, Illustrator, InDesign)' },
  { format: 'css', label: 'CSS', title: 'CSS custom properties (--palette-1 … --palette-5)' },
  { format: 'json', label: 'JSON', title: 'JSON: name, colours, OKLab' },
];

export function PaletteStudio({
  api,
  active,
  models: listed,
  modelsState,
  onRetryModels,
  openRequest,
  onModelShown,
  onOpenGeneration,
  onSendGeneration,
}: Props): ReactElement {
  const { notify, reportError } = useShell();
  const models = useTaskModels(PALETTE_MODELS, listed, modelsState, onRetryModels, onModelShown);
  const modelId = models.model?.id ?? null;
  const bench = usePaletteBench();
  const settings = usePaletteSettings();
  const score = usePaletteScore(api, modelId, bench.palette.colors, reportError);
  const blocked =
    models.blocker !== null
      ? 'Loading models…'
      : models.model
        ? null
        : (models.problem ?? 'No palette model can run.');
  const runs = usePaletteRuns({
    api,
    model: modelId,
    blocked: blocked !== null,
    bench,
    settings,
    remember: score.remember,
  });
  const saved = useLibraryList(api, { kind: 'palette', limit: 100, order: newestFirst }, reportError);
  const showStep = useCallback(
    (step: PaletteResult) =>
      bench.replace(step.colors, { origin: 'interpolate', seed: 0, temperature: null }),
    [bench],
  );
  const interp = usePaletteInterpolation({
    api,
    model: modelId,
    saved: saved.items,
    onShow: showStep,
    remember: score.remember,
  });
  const files = usePaletteFiles({ api, model: modelId, bench, notify, reportError });
  const applying = usePaletteApply({
    api,
    colors: bench.palette.colors,
    onOpen: onOpenGeneration,
    onSend: onSendGeneration,
    notify,
  });

  // The Library's Open: the record's colours, locks, seed and temperature on the bench.
  const open = useEffectEvent((gen: NonNullable<Props['openRequest']>['generation']) => {
    const o = openedPalette(gen);
    if (!o) {
      notify(`“${gen.title}” holds no palette this studio can read.`);
      return;
    }
    runs.clear();
    bench.load(o.palette, o.name, {
      origin: gen.kind === 'palette' && gen.params.origin === 'complete' ? 'complete' : 'edit',
      seed: o.seed,
      temperature: o.temperature,
    });
    settings.load(o.seed, o.temperature);
  });
  useEffect(() => {
    if (openRequest) open(openRequest.generation);
  }, [openRequest]);

  // The studio's keys (Space, 1–5) are off while the Apply to… picker is open.
  useWindowKeydown(active && !applying.open, (e) => {
    const cmd = paletteCommand(
      e,
      focusKind(document.activeElement as HTMLElement | null),
      document.activeElement,
    );
    if (!cmd) return;
    e.preventDefault();
    if (cmd.kind === 'generate') runs.generate();
    else bench.toggleLock(cmd.index);
  });

  const everyLocked = allLocked(bench.palette);
  const invalid = fieldTarget(runs.error?.field);
  return (
    <div
      className="studio palette-studio"
      data-testid="palette-studio"
      data-state={runs.running ? 'running' : 'idle'}
      data-colors={paletteKey(bench.palette.colors)}
      data-locks={lockMask(bench.palette.locks)}
      data-opened={bench.palette.openedId ?? ''}
    >
      <aside className="studio-panel palette-panel" aria-label="Palette settings">
        <header className="panel-header">
          <h1>Palettes</h1>
        </header>
        <section className="panel-section">
          <h2 className="section-title">Generate</h2>
          <SettingsPanel
            settings={settings}
            errors={runs.fieldErrors}
            invalid={invalid}
            models={models.list}
            model={models.model}
            onChooseModel={models.choose}
          />
        </section>
        <section className="panel-section">
          <h2 className="section-title">Between two saved palettes</h2>
          <InterpolatePanel saved={saved.items} interp={interp} disabled={blocked !== null} />
        </section>
        <section className="panel-section">
          <PaletteHelp />
        </section>
      </aside>

      <section className="studio-main palette-main" aria-label="Palette">
        <div className="palette-toolbar">
          <button
            type="button"
            className="button primary palette-generate"
            data-testid="palette-generate"
            disabled={blocked !== null || everyLocked}
            title={
              everyLocked
                ? 'Every colour is locked: unlock one to generate'
                : 'Generate the unlocked colours (Space)'
            }
            onClick={runs.generate}
          >
            {runs.running ? 'Generating…' : 'Generate'}
            <kbd className="shortcut">Space</kbd>
          </button>
          <span className="palette-toolbar-spacer" />
          <input
            type="text"
            className="palette-name"
            data-testid="palette-name"
            placeholder="Name (optional)"
            aria-label="Palette name"
            maxLength={120}
            value={bench.name}
            onChange={(e) => bench.setName(e.target.value)}
          />
          <button
            type="button"
            className="button"
            data-testid="palette-save"
            disabled={files.saving}
            onClick={() => void files.save()}
          >
            {files.saving ? 'Saving…' : 'Save to library'}
          </button>
          <button
            type="button"
            className="button"
            data-testid="palette-apply"
            title="Recolour a texture, an image or a latent point from the library with this palette"
            onClick={applying.show}
          >
            Apply to…
          </button>
          <span className="palette-exports" role="group" aria-label="Export">
            {FORMATS.map((f) => (
              <button
                key={f.format}
                type="button"
                className="button small"
                data-testid={`palette-export-${f.format}`}
                title={`Export as ${f.title}`}
                disabled={files.exporting !== null}
                onClick={() => void files.exportAs(f.format)}
              >
                <Icon name="download" size={14} />
                {f.label}
              </button>
            ))}
          </span>
        </div>
        {blocked ? (
          <div className="callout palette-callout" data-testid="palette-model-error">
            {models.blocker ?? blocked}
          </div>
        ) : null}
        {runs.error ? (
          <div
            className="callout callout-bad palette-callout"
            data-testid="palette-error"
            data-code={runs.error.code}
          >
            {runs.error.message}
          </div>
        ) : null}
        <SwatchRow palette={bench.palette} onToggleLock={bench.toggleLock} onColor={bench.setColor} />
        <ScoreMeter result={score.result} pending={score.pending} failed={score.failed} />
        <section className="palette-candidates-section" aria-label="Candidates">
          <h2 className="section-title">Candidates</h2>
          <CandidateList
            candidates={runs.candidates}
            current={bench.palette.colors}
            onPick={(c) =>
              bench.applyRun(c.colors, runs.source ?? { origin: 'generate', seed: 0, temperature: null })
            }
          />
        </section>
      </section>
      {applying.open ? <ApplyDialog api={api} colors={bench.palette.colors} state={applying} /> : null}
    </div>
  );
}
