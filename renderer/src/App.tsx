import { useCallback, useEffect, useMemo, useState, type ReactElement } from 'react';
import type { AppInfo, ErrorInfo, Generation, ModelStatus } from '../../preload/contract';
import { getApi } from './api/client';
import { ErrorBanner, Notice } from './shell/ErrorBanner';
import { toErrorInfo } from './shell/errors';
import type { JobStatus } from './shell/job';
import type { ModelsState } from './shell/modelsBlocker';
import { Nav } from './shell/Nav';
import { navItems, type ViewId } from './shell/nav';
import { ShellContext, type Shell, type ViewRequest } from './shell/ShellContext';
import { StatusBar } from './shell/StatusBar';
import { studioFor, viewerFor, type OpenRequest, type StudioDef } from './shell/studio';
import { StudiosContext } from './shell/StudiosContext';
import { studios } from './studios';

const DEFAULT_VIEW: ViewId = studios[0]!.id;
const NAV_ITEMS = navItems(studios);

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
  // A studio that keeps its state mounts on first visit and then stays (hidden) while another view shows.
  const [opened, setOpened] = useState<Readonly<Record<ViewId, true>>>({ [DEFAULT_VIEW]: true });
  if (!opened[view]) setOpened((prev) => ({ ...prev, [view]: true }));
  // The library record each studio was last asked to open, and the model each studio shows.
  const [openRequests, setOpenRequests] = useState<Readonly<Record<ViewId, OpenRequest>>>({});
  const [shownModels, setShownModels] = useState<Readonly<Record<ViewId, ModelStatus | null>>>({});
  // The last request to show a view with parameters (a picker's "Find models…", the Models view's "Open in …").
  const [viewRequest, setViewRequest] = useState<ViewRequest | null>(null);

  const reportError = useCallback((err: unknown) => setError(toErrorInfo(err)), []);
  const clearError = useCallback(() => setError(null), []);
  const notify = useCallback((text: string) => setNotice(text), []);
  const clearNotice = useCallback(() => setNotice(null), []);

  const openView = useCallback((target: ViewId, params: Readonly<Record<string, string>> = {}) => {
    setViewRequest((prev) => ({ view: target, params, n: (prev?.n ?? 0) + 1 }));
    setView(target);
  }, []);

  const shell = useMemo<Shell>(
    () => ({ reportError, clearError, notify, clearNotice, setJob, error, job, openView, viewRequest }),
    [reportError, clearError, notify, clearNotice, error, job, openView, viewRequest],
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
        // What the host found at start (files kept for records a damaged journal lost, …).
        if (i.notices.length > 0) notify(i.notices.join(' '));
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
  }, [api, reportError, notify]);

  /** Each studio's report of the model it shows, one stable callback per studio. */
  const onModelShown = useMemo(
    () =>
      Object.fromEntries(
        studios.map((s) => [
          s.id,
          (model: ModelStatus | null) =>
            setShownModels((prev) => (prev[s.id] === model ? prev : { ...prev, [s.id]: model })),
        ]),
      ),
    [],
  );

  const showIn = useCallback((studio: StudioDef | null, gen: Generation) => {
    if (!studio) return;
    setOpenRequests((prev) => ({
      ...prev,
      [studio.id]: { generation: gen, n: (prev[studio.id]?.n ?? 0) + 1 },
    }));
    setView(studio.id);
  }, []);
  /** A library record opens in the studio that declares its kind. */
  const openGeneration = useCallback(
    (gen: Generation) => showIn(studioFor(studios, gen.kind), gen),
    [showIn],
  );
  /** A record a studio sends elsewhere shows in the studio that `shows` its kind. */
  const sendGeneration = useCallback(
    (gen: Generation) => showIn(viewerFor(studios, gen.kind), gen),
    [showIn],
  );

  const provider = inference?.provider ?? null;
  // A view that shows no model (the Library) shows the first studio's.
  const statusModel =
    (Object.hasOwn(shownModels, view) ? shownModels[view] : shownModels[DEFAULT_VIEW]) ?? null;

  return (
    <ShellContext.Provider value={shell}>
      <StudiosContext.Provider value={studios}>
        <div className="app">
          <Nav items={NAV_ITEMS} current={view} onSelect={setView} />
          <main className="workspace">
            {error ? <ErrorBanner error={error} onDismiss={clearError} /> : null}
            {studios.map(({ id, component: Studio, keepMounted }) =>
              (keepMounted ? opened[id] : view === id) ? (
                <div key={id} className="view" hidden={keepMounted ? view !== id : undefined}>
                  <Studio
                    api={api}
                    active={view === id}
                    models={models}
                    modelsState={modelsState}
                    onRetryModels={loadModels}
                    reloadModels={reloadModels}
                    provider={provider}
                    openRequest={openRequests[id] ?? null}
                    onModelShown={onModelShown[id]!}
                    onOpenGeneration={openGeneration}
                    onSendGeneration={sendGeneration}
                  />
                </div>
              ) : null,
            )}
            {notice ? <Notice text={notice} onDismiss={clearNotice} /> : null}
          </main>
          <StatusBar api={api} info={info} inference={inference} model={statusModel} job={job} />
        </div>
      </StudiosContext.Provider>
    </ShellContext.Provider>
  );
}
