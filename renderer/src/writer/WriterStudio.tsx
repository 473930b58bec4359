/**
 * The Writer: a page to write on, where a text model continues from the cursor, or (Ask) a chat
 * model does an instruction with the selection. The result streams in place, marked, and is
 * accepted, rejected, regenerated or tried with another seed; every try at the same place is kept
 * as an alternative. Sampling settings, presets, the model picker (with import and remove) sit in
 * the side panel; the mode toggle and Ask's instruction above the page.
 *
 * Each feature keeps its state in a hook: the draft (`useDraft`), sampling (`useSamplingSettings`),
 * the models (the shell's `useTaskModels` with `TEXT_MODELS`, `useModelImport`, `useModelRemove`),
 * the mode and Ask's instruction (`useAsk`), continuations and answers (`useContinuation`), undo of an accept (`useAcceptUndo`), opening library records
 * (`useLibraryOpen`) and the keyboard (`useWriterKeys`). This component wires them together.
 */
import { useEffect, type ReactElement } from 'react';
import { TEXT_PRESETS, type TextPresetId } from '../../../preload/text';
import { useShell } from '../shell/ShellContext';
import type { StudioProps } from '../shell/studio';
import { fieldTarget } from '../shell/errors';
import { AskBar } from './AskBar';
import { ContinuationBar } from './ContinuationBar';
import { KeptVersions } from './KeptVersions';
import { ModelPicker } from './ModelPicker';
import { SamplingPanel } from './SamplingPanel';
import { useAcceptUndo } from './useAcceptUndo';
import { useAsk } from './useAsk';
import { useContinuation } from './useContinuation';
import { useDraft } from './useDraft';
import { useLibraryOpen } from './useLibraryOpen';
import { useModelImport } from '../shell/useModelImport';
import { useModelRemove } from '../shell/useModelRemove';
import { useTaskModels } from '../shell/useTaskModels';
import { checkImportPath, TEXT_MODELS } from './models';
import { useSamplingSettings } from './useSamplingSettings';
import { useWriterKeys } from './useWriterKeys';
import { formatCounts } from './words';
import { WriterEditor } from './WriterEditor';
import { WriterHelp } from './WriterHelp';
import './writer.css';

type Props = Pick<
  StudioProps,
  | 'api'
  | 'active'
  | 'models'
  | 'modelsState'
  | 'onRetryModels'
  | 'reloadModels'
  | 'provider'
  | 'openRequest'
  | 'onModelShown'
>;

export function WriterStudio({
  api,
  active,
  models: listed,
  modelsState,
  onRetryModels,
  reloadModels,
  provider,
  openRequest,
  onModelShown,
}: Props): ReactElement {
  const { notify, reportError } = useShell();
  const draft = useDraft();
  const settings = useSamplingSettings();
  const models = useTaskModels(TEXT_MODELS, listed, modelsState, onRetryModels, onModelShown);
  const importer = useModelImport(api, reloadModels, (m) => models.choose(m.id), notify, checkImportPath);
  const remover = useModelRemove(api, reloadModels, notify);
  const undo = useAcceptUndo(draft);
  const ask = useAsk(api, models.model);
  const c = useContinuation({
    api,
    model: models.model,
    modelProblem: models.problem,
    draft,
    settings,
    ask,
    undo,
    onSaved: () => {},
    notify,
  });
  const confirm = useLibraryOpen({ api, openRequest, draft, continuation: c, settings, models, reportError });
  // A continuation rests on the text as it is: another tab's save must not replace it meanwhile.
  const { setHeld } = draft;
  useEffect(() => setHeld(c.session !== null), [setHeld, c.session]);

  const busy = c.phase === 'streaming';
  const blocked =
    models.blocker !== null
      ? 'Loading models…'
      : models.model
        ? null
        : (models.problem ?? 'No text model can run.');
  const dialogOpen = importer.open || remover.confirming !== null || confirm !== null;

  useWriterKeys(
    active && !dialogOpen,
    { phase: c.phase, hasShown: c.session !== null, canUndoAccept: undo.canUndo },
    (cmd) => {
      if (cmd === 'continue') {
        if (!blocked) c.run('continue');
      } else if (cmd === 'stop') c.stop();
      else if (cmd === 'accept') c.accept();
      else if (cmd === 'reject') c.reject();
      else if (cmd === 'regenerate' || cmd === 'another-seed') {
        if (!blocked) c.run(cmd);
      } else if (cmd === 'prev') c.flip(-1);
      else if (cmd === 'next') c.flip(1);
      else undo.undo();
    },
  );

  const pickPreset = (id: TextPresetId): void => {
    settings.setPreset(id);
    const starter = TEXT_PRESETS[id].starter;
    if (draft.text.trim() === '' && starter !== '' && c.session === null)
      draft.replace(starter, starter.length);
  };

  const errorField = c.error ? fieldTarget(c.error.field?.replace(/^sampling\./, '')) : null;
  const askField = c.error?.field === 'instruction' || c.error?.field === 'system' ? c.error.field : null;
  const shownText = c.session && c.alt ? c.session.before + c.alt.text + c.session.after : draft.text;

  return (
    <div className="studio writer-studio" data-testid="writer-studio" data-state={c.phase}>
      <aside className="studio-panel writer-panel" aria-label="Writer settings">
        <header className="panel-header">
          <h1>Writer</h1>
        </header>
        <ModelPicker
          models={models}
          provider={provider}
          importer={importer}
          remover={remover}
          disabled={busy}
        />
        <SamplingPanel s={settings} disabled={busy} errorField={errorField} onPreset={pickPreset} />
        <section className="panel-section">
          <WriterHelp />
        </section>
      </aside>

      <section className="studio-main writer-main" aria-label="Writer">
        <AskBar
          ask={ask}
          disabled={busy || c.session !== null}
          errorField={askField}
          onAsk={(instruction) => {
            if (!blocked) c.askWith(instruction);
          }}
          onRun={() => {
            if (!blocked) c.run('continue');
          }}
        />
        <ContinuationBar
          c={c}
          blocked={blocked}
          mode={ask.mode}
          canUndoAccept={undo.canUndo}
          onUndoAccept={undo.undo}
        />
        {confirm ? (
          <div className="callout writer-confirm" role="group" data-testid="writer-confirm">
            <span>Open “{confirm.title}”? It replaces the text in the editor, which differs from it.</span>
            <span className="button-row">
              <button
                type="button"
                className="button small primary"
                data-testid="writer-confirm-ok"
                onClick={confirm.replace}
              >
                Replace my text
              </button>
              <button
                type="button"
                className="button small"
                data-testid="writer-confirm-cancel"
                onClick={confirm.cancel}
                autoFocus
              >
                Keep my text
              </button>
            </span>
          </div>
        ) : null}
        <KeptVersions draft={draft} disabled={c.session !== null} />
        <div className="writer-sheet">
          <WriterEditor draft={draft} session={c.session} alt={c.alt} scrollTop={c.scrollTop} />
        </div>
        <footer className="writer-footer muted">
          <span data-testid="writer-count">{formatCounts(shownText)}</span>
          {draft.saveFailed ? (
            <span className="writer-save-failed" role="status">
              Could not keep the draft in this browser (storage full or off): copy your text somewhere safe.
            </span>
          ) : (
            <span>Kept in this browser as you type</span>
          )}
        </footer>
      </section>
    </div>
  );
}
