import { useCallback, useEffect, useMemo, useState, type ReactElement } from 'react';
import type { AppInfo, ErrorInfo, Generation, ModelStatus } from '../../preload/contract';
import { getApi } from './api/client';
import { LatentStudio } from './latent/LatentStudio';
import { LibraryView } from './library/LibraryView';
import { MelodyStudio } from './melody/MelodyStudio';
import { WriterStudio } from './writer/WriterStudio';
import { ImageStudio } from './images/ImageStudio';
import { ErrorBanner, Notice } from './shell/ErrorBanner';
import { toErrorInfo } from './shell/errors';
import type { JobStatus } from './shell/job';
import type { ModelsState } from './shell/modelsBlocker';
import { Nav } from './shell/Nav';
import { DEFAULT_VIEW, type ViewId } from './shell/nav';
import { ShellContext, type Shell } from './shell/ShellContext';
import { StatusBar } from './shell/StatusBar';
import { TextureStudio } from './textures/TextureStudio';
import { pickTextureModel } from './textures/textureModel';
import { useTextureSession } from './textures/useTextureSession';

export function App(): ReactElement {
  const api = useMemo(() => getApi(), []);
  const [view, setView] = useState<ViewId>(DEFAULT_VIEW);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [inference, setInference] = useState<AppInfo['inference'] | null>(null);
  const [models, setModels] = useState<ModelStatus[] | null>(null);
  const [modelsState, setModelsState] = useState<ModelsState>('loading');
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [job, setJob] = useState<JobStatus | null>(null);
  const texture = useTextureSession();
  // The explorer mounts on first visit and then stays (hidden), keeping its state and pixels.
  const [latentOpened, setLatentOpened] = useState(false);
  const [latentModel, setLatentModel] = useState<ModelStatus | null>(null);
  if (view === 'latent' && !latentOpened) setLatentOpened(true);
  // The melody studio too: its roll, takes and transport stay as they were while another view shows.
  const [melodyOpened, setMelodyOpened] = useState(false);
  const [melodyModel, setMelodyModel] = useState<ModelStatus | null>(null);
  const [melodyOpen, setMelodyOpen] = useState<{ generation: Generation; n: number } | null>(null);
  if (view === 'melody' && !melodyOpened) setMelodyOpened(true);
  // The Writer too: a running continuation and its alternatives survive a look at another view.
  const [writerOpened, setWriterOpened] = useState(false);
  const [writerModel, setWriterModel] = useState<ModelStatus | null>(null);
  const [writerOpen, setWriterOpen] = useState<{ generation: Generation; n: number } | null>(null);
  if (view === 'writer' && !writerOpened) setWriterOpened(true);
  // The Image studio too: its queue, live previews and board keep going while another view shows.
  const [imagesOpened, setImagesOpened] = useState(false);
  const [imageModel, setImageModel] = useState<ModelStatus | null>(null);
  const [imageOpen, setImageOpen] = useState<{ generation: Generation; n: number } | null>(null);
  if (view === 'images' && !imagesOpened) setImagesOpened(true);

  const reportError = useCallback((err: unknown) => setError(toErrorInfo(err)), []);
  const clearError = useCallback(() => setError(null), []);
  const notify = useCallback((text: string) => setNotice(text), []);
  const clearNotice = useCallback(() => setNotice(null), []);

  const shell = useMemo<Shell>(
    () => ({ reportError, clearError, notify, clearNotice, setJob, error, job }),
    [reportError, clearError, notify, clearNotice, error, job],
  );

  const loadModels = useCallback(() => {
    setModelsState('loading');
    api.models.list().then(
      (list) => {
        setModels(list);
        setModelsState('loaded');
      },
      (err: unknown) => {
        setModelsState('failed');
        reportError(err);
      },
    );
  }, [api, reportError]);

  /** Lists the models again without the loading state (after an import or a removal). */
  const reloadModels = useCallback(
    () =>
      api.models.list().then((list) => {
        setModels(list);
        setModelsState('loaded');
        return list;
      }),
    [api],
  );

  useEffect(() => {
    let live = true;
    api.app.info().then(
      (i) => {
        if (!live) return;
        setInfo(i);
        setInference((prev) => prev ?? i.inference);
      },
      (err: unknown) => {
        if (live) reportError(err);
      },
    );
    api.models.list().then(
      (list) => {
        if (!live) return;
        setModels(list);
        setModelsState('loaded');
      },
      (err: unknown) => {
        if (!live) return;
        setModelsState('failed');
        reportError(err);
      },
    );
    const off = api.on('inference.status', (s) => setInference(s));
    return () => {
      live = false;
      off();
    };
  }, [api, reportError]);

  const textureModel = pickTextureModel(models);
  const { open: openTexture, generation: shownGeneration, setGeneration } = texture;

  const openGeneration = useCallback(
    (gen: Generation) => {
      if (gen.kind === 'melody') {
        setMelodyOpen((prev) => ({ generation: gen, n: (prev?.n ?? 0) + 1 }));
        setView('melody');
        return;
      }
      if (gen.kind === 'image') {
        setImageOpen((prev) => ({ generation: gen, n: (prev?.n ?? 0) + 1 }));
        setView('images');
        return;
      }
      if (gen.kind === 'text') {
        setWriterOpen((prev) => ({ generation: gen, n: (prev?.n ?? 0) + 1 }));
        setView('writer');
        return;
      }
      openTexture(gen);
      setView('textures');
    },
    [openTexture],
  );

  const onDeleted = useCallback(
    (id: string) => {
      if (shownGeneration?.id === id) setGeneration(null);
    },
    [shownGeneration, setGeneration],
  );

  return (
    <ShellContext.Provider value={shell}>
      <div className="app">
        <Nav current={view} onSelect={setView} />
        <main className="workspace">
          {error ? <ErrorBanner error={error} onDismiss={clearError} /> : null}
          <div className="view" hidden={view !== 'textures'}>
            <TextureStudio
              api={api}
              active={view === 'textures'}
              model={textureModel}
              models={modelsState}
              onRetryModels={loadModels}
              session={texture}
            />
          </div>
          {latentOpened ? (
            <div className="view" hidden={view !== 'latent'}>
              <LatentStudio
                api={api}
                active={view === 'latent'}
                models={models}
                modelsState={modelsState}
                onRetryModels={loadModels}
                onOpenGeneration={openGeneration}
                onModelShown={setLatentModel}
              />
            </div>
          ) : null}
          {melodyOpened ? (
            <div className="view" hidden={view !== 'melody'}>
              <MelodyStudio
                api={api}
                active={view === 'melody'}
                models={models}
                modelsState={modelsState}
                onRetryModels={loadModels}
                openRequest={melodyOpen}
                onModelShown={setMelodyModel}
              />
            </div>
          ) : null}
          {writerOpened ? (
            <div className="view" hidden={view !== 'writer'}>
              <WriterStudio
                api={api}
                active={view === 'writer'}
                models={models}
                modelsState={modelsState}
                onRetryModels={loadModels}
                reloadModels={reloadModels}
                provider={inference?.provider ?? null}
                openRequest={writerOpen}
                onModelShown={setWriterModel}
              />
            </div>
          ) : null}
          {imagesOpened ? (
            <div className="view" hidden={view !== 'images'}>
              <ImageStudio
                api={api}
                active={view === 'images'}
                models={models}
                modelsState={modelsState}
                onRetryModels={loadModels}
                reloadModels={reloadModels}
                openRequest={imageOpen}
                onModelShown={setImageModel}
              />
            </div>
          ) : null}
          {view === 'library' ? (
            <div className="view">
              <LibraryView api={api} onOpen={openGeneration} onDeleted={onDeleted} />
            </div>
          ) : null}
          {notice ? <Notice text={notice} onDismiss={clearNotice} /> : null}
        </main>
        <StatusBar
          info={info}
          inference={inference}
          model={
            view === 'latent'
              ? latentModel
              : view === 'melody'
                ? melodyModel
                : view === 'writer'
                  ? writerModel
                  : view === 'images'
                    ? imageModel
                    : textureModel
          }
          job={job}
        />
      </div>
    </ShellContext.Provider>
  );
}
