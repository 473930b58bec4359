/**
 * The Image studio: describe an image, generate a batch, watch it form on the board, keep going
 * from a result (its seed, a variation, img2img). The form sits on the left, the board (Konva) in
 * the middle, the queue and the board's results on the right.
 *
 * Each feature keeps its state in a hook: the models (the shell's `useTaskModels` with
 * `IMAGE_MODELS`, `useModelImport` / `useModelRemove`), the form (`useImageSettings`, localStorage), the queue
 * (`useImageQueue`), jobs with their live previews (`useImageJobs`), the board (`useBoard`,
 * localStorage), the init image (`useInitImage`) and opening Library images (`useLibraryOpen`).
 * This component wires them together.
 */
import { useCallback, useRef, useState, type ReactElement } from 'react';
import type { ErrorInfo, Generation, ImageOutput, ModelStatus } from '../../../preload/contract';
import { checkFolderPath } from '../shell/importPath';
import { Icon } from '../shell/icons';
import { useShell } from '../shell/ShellContext';
import type { StudioProps } from '../shell/studio';
import { useFileDrop } from '../shell/useFileDrop';
import { useModelImport } from '../shell/useModelImport';
import { useModelRemove } from '../shell/useModelRemove';
import { useTaskModels } from '../shell/useTaskModels';
import { useWindowKeydown } from '../shell/useWindowKeydown';
import { downloadBlob } from '../shell/download';
import { errorField, fieldSentence, firstError, withModelDefaults, withModelPicked } from './form';
import { ImageBoard, type BoardHandle } from './ImageBoard';
import { ImageControls } from './ImageControls';
import { ImageHelp } from './ImageHelp';
import { ImageModelPicker } from './ImageModelPicker';
import { IMAGE_MODELS } from './models';
import { settingsOf } from './info';
import { dataUrlBytes } from './initImage';
import { QueuePanel } from './QueuePanel';
import { ResultButtons, ResultsList } from './ResultsList';
import { imageCommand } from './shortcuts';
import { useBoard } from './useBoard';
import { useImageJobs } from './useImageJobs';
import { useImageQueue } from './useImageQueue';
import { useImageSettings } from './useImageSettings';
import { useInitImage } from './useInitImage';
import { useLibraryOpen } from './useLibraryOpen';
import './images.css';

type Props = Pick<
  StudioProps,
  | 'api'
  | 'active'
  | 'models'
  | 'modelsState'
  | 'onRetryModels'
  | 'reloadModels'
  | 'openRequest'
  | 'onModelShown'
>;

const checkSdFolder = (raw: string): ReturnType<typeof checkFolderPath> =>
  checkFolderPath(raw, 'Enter the Stable Diffusion folder (the one with model_index.json).');

export function ImageStudio({
  api,
  active,
  models: listed,
  modelsState,
  onRetryModels,
  reloadModels,
  openRequest,
  onModelShown,
}: Props): ReactElement {
  const { notify, reportError } = useShell();
  const models = useTaskModels(IMAGE_MODELS, listed, modelsState, onRetryModels, onModelShown);
  const settings = useImageSettings();
  const [problem, setProblem] = useState<ErrorInfo | null>(null);
  const boardRef = useRef<BoardHandle>(null);

  // First visit: the model's own defaults fill the form once (later, the form is as the user left it).
  const [defaultsFor, setDefaultsFor] = useState<string | null>(null);
  if (settings.fresh && defaultsFor === null && models.model) {
    setDefaultsFor(models.model.id);
    const m = models.model;
    settings.load((f) => withModelDefaults(f, m));
  }

  const { list, choose } = models;
  const { load } = settings;
  /** A model just imported brings its own defaults: steps, guidance, sampler, size. */
  const applyModel = useCallback(
    (m: ModelStatus) => {
      choose(m.id);
      load((f) => withModelDefaults(f, m));
    },
    [choose, load],
  );
  /**
   * A model picked brings its size; a few-step model also its steps, guidance and sampler, while
   * an ordinary one keeps the user's (./fewStep.ts).
   */
  const chooseModel = (id: string): void => {
    const m = list.find((x) => x.id === id);
    if (!m) return;
    choose(m.id);
    load((f) => withModelPicked(f, m));
  };

  const importer = useModelImport(api, reloadModels, applyModel, notify, checkSdFolder);
  const remover = useModelRemove(api, reloadModels, notify);
  const board = useBoard(api);
  const init = useInitImage(api, (message) => setProblem({ code: 'invalid-input', message, field: 'init' }));
  const queue = useImageQueue(api, reportError);
  const onDone = useCallback(
    (out: ImageOutput) => {
      if (out.unknownWords.length > 0)
        notify(`Ignored words the model does not know: ${out.unknownWords.join(', ')}.`);
    },
    [notify],
  );
  const jobs = useImageJobs(api, board, onDone, notify);
  useLibraryOpen(openRequest, settings, models, board);

  const model = models.model;
  const errors = settings.errors(model, init.choice);
  const blocked =
    models.blocker !== null ? models.blocker : model ? null : (models.problem ?? 'No image model can run.');
  const running = jobs.jobs.length > 0;
  const shownError = problem ?? jobs.error;

  const generate = (): void => {
    if (blocked !== null) return;
    const r = settings.forRun(model, init.choice);
    if (!r.ok) {
      const f = (Object.keys(r.errors)[0] ?? null) as string | null;
      setProblem({
        code: 'invalid-input',
        message: firstError(r.errors) ?? 'Check the settings.',
        ...(f ? { field: f } : {}),
      });
      return;
    }
    setProblem(null);
    jobs.start({ ...r.params, seed: r.params.seed });
  };

  const record = (id: string | null): Generation | null => (id ? (board.records.get(id) ?? null) : null);

  const actions = {
    useSeed: (g: Generation) => {
      settings.setSeed(g.seed);
      settings.setLocked(true);
      notify(`Seed ${g.seed} locked: Generate replays it with the current settings.`);
    },
    vary: (g: Generation) => {
      const s = settingsOf(g);
      const usable = models.list.find((m) => m.id === s.model && m.ok) ?? model;
      if (!usable) return;
      setProblem(null);
      jobs.start({
        model: usable.id,
        prompt: s.prompt,
        negative: s.negative,
        seed: (g.seed + 1) >>> 0,
        ...(s.steps !== null ? { steps: s.steps } : {}),
        ...(s.guidance !== null ? { guidance: s.guidance } : {}),
        ...(s.sampler ? { sampler: s.sampler } : {}),
        ...(s.width !== null && s.height !== null ? { width: s.width, height: s.height } : {}),
        batch: 1,
        parentId: g.id,
      });
    },
    img2img: (g: Generation) => {
      setProblem(null);
      init.fromGeneration(g);
    },
  };

  const exportBoard = (): void => {
    try {
      const url = boardRef.current?.exportPng();
      if (!url) {
        notify('The board is empty: nothing to export.');
        return;
      }
      const { mime, bytes } = dataUrlBytes(url);
      downloadBlob(new Blob([bytes], { type: mime }), 'atelier-board.png');
    } catch (err) {
      reportError(err);
    }
  };

  const dialogOpen = importer.open || remover.confirming !== null;
  useWindowKeydown(active && !dialogOpen, (e) => {
    const t = e.target as HTMLElement | null;
    const inField =
      !!t &&
      (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
    const cmd = imageCommand(e, { inField, selected: board.selected !== null });
    if (!cmd) return;
    e.preventDefault();
    if (cmd === 'generate') generate();
    else if (cmd === 'delete' && board.selected) board.remove(board.selected);
    else board.select(null);
  });

  const drop = useFileDrop((file) => {
    setProblem(null);
    void init.fromFile(file);
  });

  const selected = record(board.selected);
  const queuedHere = queue.items.length;

  return (
    <div
      className={`studio image-studio${drop.dropping ? ' is-dropping' : ''}`}
      data-testid="image-studio"
      data-state={running ? 'running' : 'idle'}
      {...drop.dropProps}
    >
      <aside className="studio-panel image-panel" aria-label="Image settings">
        <header className="panel-header">
          <h1>Images</h1>
        </header>
        <ImageModelPicker models={models} importer={importer} remover={remover} onChoose={chooseModel} />
        <ImageControls
          settings={settings}
          model={model}
          errors={errors}
          errorField={shownError ? errorField(shownError.field) : null}
          init={init}
          onGenerate={generate}
          blocked={blocked}
          queued={queuedHere}
        />
        {shownError ? (
          <section className="panel-section">
            <p
              className="callout callout-bad"
              role="alert"
              data-testid="image-error"
              data-code={shownError.code}
            >
              {fieldSentence(errorField(shownError.field), shownError.message)}
            </p>
          </section>
        ) : null}
        <section className="panel-section">
          <ImageHelp />
        </section>
      </aside>

      <section className="studio-main image-main" aria-label="Board">
        <div className="image-toolbar" role="toolbar" aria-label="Board">
          <button type="button" className="button small" data-testid="image-arrange" onClick={board.arrange}>
            Arrange
          </button>
          <button
            type="button"
            className="button small"
            data-testid="image-export-board"
            onClick={exportBoard}
          >
            <Icon name="download" size={14} />
            Export board
          </button>
          {selected ? (
            <span className="image-selection" data-testid="image-selection" data-id={selected.id}>
              <span className="muted">Seed {selected.seed}</span>
              <ResultButtons
                g={selected}
                actions={actions}
                canVary={blocked === null}
                idPrefix="image-selected"
                useSeedLabel="Use this seed"
              />
              <button
                type="button"
                className="button small ghost"
                data-testid="image-board-remove"
                title="Remove from the board (it stays in the Library)"
                onClick={() => board.remove(selected.id)}
              >
                <Icon name="trash" size={14} />
                Remove from board
              </button>
            </span>
          ) : null}
          {jobs.jobs.length > 0 ? (
            <ul className="image-cells" aria-label="Batch cells being drawn">
              {jobs.jobs.flatMap((j) =>
                j.cells.map((c, k) => (
                  <li
                    key={`${j.jobId}-${k}`}
                    data-testid="image-preview-cell"
                    data-job={j.jobId}
                    data-step={j.step}
                    data-steps={j.steps}
                    data-hash={c.hash}
                    title={`Seed ${j.seed + k}`}
                  >
                    <span
                      className="image-cell-thumb"
                      ref={(el) => {
                        // The cell's canvas (the board draws from it too) shown small beside its step.
                        if (el && c.canvas.parentElement !== el) el.replaceChildren(c.canvas);
                      }}
                    />
                    {j.step > 0 ? `${j.step}/${j.steps}` : '…'}
                  </li>
                )),
              )}
            </ul>
          ) : null}
        </div>
        <ImageBoard
          ref={boardRef}
          board={board}
          jobs={jobs.jobs}
          drawn={jobs.drawn}
          overlay={
            board.items.length === 0 && jobs.jobs.length === 0 ? (
              <p className="canvas-placeholder muted">Generated images land here.</p>
            ) : drop.dropping ? (
              <p className="canvas-placeholder">Drop a PNG or JPEG to start from it (img2img)</p>
            ) : null
          }
        />
      </section>

      <aside className="studio-panel image-side" aria-label="Queue and results">
        <QueuePanel items={queue.items} onCancel={queue.cancel} />
        <ResultsList
          api={api}
          ids={board.items.map((it) => it.id)}
          records={board.records}
          selected={board.selected}
          onSelect={board.select}
          actions={actions}
          canVary={blocked === null}
        />
      </aside>
    </div>
  );
}
