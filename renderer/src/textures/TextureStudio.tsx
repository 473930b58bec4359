import { useEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import { fieldTarget, isStopped } from '../shell/errors';
import { applyProgress, progressPercent, stageText, type JobStatus } from '../shell/job';
import { modelsBlocker } from '../shell/modelsBlocker';
import { useShell } from '../shell/ShellContext';
import type { StudioProps } from '../shell/studio';
import { useWindowKeydown } from '../shell/useWindowKeydown';
import { cancelJob, generateTexture } from './actions/generateTexture';
import { exportTexture } from './actions/exportTexture';
import { buildTextureParams, resolveSize, sizeProblem, sizeWarning } from './form';
import { GenerationInfo } from './GenerationInfo';
import { MaterialPanel } from './MaterialPanel';
import { PhotoMatch } from './PhotoMatch';
import { usePhotoMatch } from './usePhotoMatch';
import { parseSeed, makeJobId, randomSeed } from '../shell/seed';
import { TextureCanvas } from './TextureCanvas';
import { TextureControls } from './TextureControls';
import { modelProblem, pickTextureModel } from './textureModel';
import { useHostTextures } from './useHostTextures';
import { useTextureSession } from './useTextureSession';

const JOB_LABEL = 'Texture';

export function TextureStudio({
  api,
  active,
  models: listed,
  modelsState: models,
  onRetryModels,
  provider,
  openRequest,
  onModelShown,
}: StudioProps): ReactElement {
  const shell = useShell();
  const session = useTextureSession();
  const { form, setForm, generation, setGeneration, open } = session;
  const model = useMemo(() => pickTextureModel(listed), [listed]);

  useEffect(() => onModelShown(model), [model, onModelShown]);

  // A library record (a texture, or a latent point the Latent Explorer sent to the canvas) opens
  // with its parameters filled in, in the same render that shows the studio.
  const [openedN, setOpenedN] = useState<number | null>(null);
  if (openRequest && openRequest.n !== openedN) {
    setOpenedN(openRequest.n);
    open(openRequest.generation);
  }

  // A generation deleted in the Library leaves the canvas.
  useEffect(
    () =>
      api.on('library.changed', (e) => {
        if (e.change === 'deleted') setGeneration((g) => (g?.id === e.id ? null : g));
      }),
    [api, setGeneration],
  );

  // Jobs belong to the host: one that ran on through a reload, or that another page started,
  // shows its progress here and its texture on the canvas when done (unless the user moved on).
  const hostJobs = useHostTextures(api, shell, generation, setGeneration, JOB_LABEL);

  const [tiled, setTiled] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [materialOpen, setMaterialOpen] = useState(false);
  const busy = useRef(false);
  const { mix, setMix } = session;
  const photoMatch = usePhotoMatch(api, model?.id ?? null, shell.reportError);

  const styles = model?.texture?.styles ?? [];
  const job = shell.job && shell.job.label === JOB_LABEL ? shell.job : null;
  const running = job?.running ?? false;
  const problem = modelProblem(model, models === 'loaded');
  // A size the contract would refuse disables Generate, and the line under it says why.
  const badSize = sizeProblem(form);
  const slowSize = sizeWarning(form, provider);
  const canGenerate = models === 'loaded' && problem === null && model !== null && badSize === null;

  const blocker = modelsBlocker(models, onRetryModels) ?? problem;

  const generate = async (): Promise<void> => {
    if (busy.current || !canGenerate || !model) return;
    busy.current = true;
    const seed = form.seedLocked ? parseSeed(form.seedText) : randomSeed();
    if (!form.seedLocked) setForm((f) => ({ ...f, seedText: String(seed) }));
    const built = buildTextureParams(form, { modelId: model.id, seed, defaultStyle: styles[0]?.id ?? '' });
    const params = mix ? { ...built, style: mix.style, weights: mix.weights } : built;
    const jobId = makeJobId();
    const mine = (update: (j: JobStatus) => JobStatus) => (j: JobStatus | null) =>
      j && j.jobId === jobId ? update(j) : j;
    shell.clearError();
    shell.clearNotice();
    shell.setJob({ jobId, label: JOB_LABEL, fraction: 0, stage: 'queued', message: '', running: true });
    hostJobs.started(jobId);
    try {
      const gen = await generateTexture(api, jobId, params, (p) =>
        shell.setJob(mine((j) => (j.running ? applyProgress(j, p) : j))),
      );
      session.setGeneration(gen);
      shell.setJob(mine((j) => ({ ...j, fraction: 1, stage: 'done', message: '', running: false })));
    } catch (err) {
      const stopped = isStopped(err);
      shell.setJob(
        mine((j) => ({ ...j, stage: stopped ? 'cancelled' : 'failed', message: '', running: false })),
      );
      if (stopped) shell.notify('Cancelled');
      else shell.reportError(err);
    } finally {
      hostJobs.settled(jobId);
      busy.current = false;
    }
  };

  const cancel = async (): Promise<void> => {
    if (!job?.running) return;
    const { jobId } = job;
    shell.setJob((j) => (j && j.jobId === jobId && j.running ? { ...j, message: 'Cancelling…' } : j));
    try {
      await cancelJob(api, jobId);
    } catch (err) {
      shell.reportError(err);
    }
  };

  const onExport = async (): Promise<void> => {
    if (!generation || exporting) return;
    setExporting(true);
    try {
      const result = await exportTexture(api, generation);
      if (result.kind === 'saved') shell.notify(`Saved to ${result.path}`);
      else if (result.kind === 'downloaded') shell.notify(`Downloaded ${result.fileName}`);
    } catch (err) {
      shell.reportError(err);
    } finally {
      setExporting(false);
    }
  };

  // Ctrl/Cmd+Enter generates, Escape cancels, while this studio is on screen.
  useWindowKeydown(active, (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.repeat) {
      e.preventDefault();
      void generate();
    } else if (e.key === 'Escape' && running) {
      e.preventDefault();
      void cancel();
    }
  });

  const invalid = shell.error ? fieldTarget(shell.error.field) : null;

  return (
    <div className="studio texture-studio">
      <aside className="studio-panel" aria-label="Texture settings">
        <header className="panel-header">
          <h1>Textures</h1>
          <span className="muted">Seamless tiles</span>
        </header>
        <TextureControls
          form={form}
          setForm={setForm}
          styles={styles}
          blocker={blocker}
          canGenerate={canGenerate}
          sizeError={badSize}
          sizeWarning={slowSize}
          job={job}
          onGenerate={() => void generate()}
          onCancel={() => void cancel()}
          invalid={invalid}
          tiled={tiled}
          onTiledChange={setTiled}
          canExport={generation !== null}
          exporting={exporting}
          onExport={() => void onExport()}
        />
        {mix ? (
          <p className="field-hint" data-testid="photo-match-in-use">
            Generating with the photo match: {mix.label}{' '}
            <button
              type="button"
              className="button"
              data-testid="photo-match-stop"
              onClick={() => setMix(null)}
            >
              Stop using it
            </button>
          </p>
        ) : null}
        <PhotoMatch
          match={photoMatch}
          size={resolveSize(form)}
          disabled={!canGenerate}
          onUse={setMix}
          onKept={(gen) => {
            session.setGeneration(gen);
            shell.notify(`Kept “${gen.title}” in the library`);
          }}
        />
        <section className="panel-section" aria-label="Material">
          <button
            type="button"
            className="button"
            data-testid="material-open"
            title="Height, normal, roughness and AO maps of this texture, with a 3D preview"
            onClick={() => setMaterialOpen(true)}
          >
            Material…
          </button>
        </section>
      </aside>
      <section className="studio-main" aria-label="Texture preview">
        <TextureCanvas
          api={api}
          generation={generation}
          tiled={tiled}
          running={running}
          progressText={
            job ? `${stageText(job.stage, job.message)} · ${progressPercent(job.fraction)}%` : null
          }
          onError={shell.reportError}
        />
        <GenerationInfo generation={generation} styles={styles} />
      </section>
      {materialOpen ? (
        <MaterialPanel
          api={api}
          generationId={generation?.id ?? null}
          onClose={() => setMaterialOpen(false)}
          reportError={shell.reportError}
          notify={shell.notify}
        />
      ) : null}
    </div>
  );
}
