/**
 * The Models view: one place for every studio's models. Search the Hugging Face hub (or the hub
 * `HF_ENDPOINT` names) by task, read a model's card, licence, gated status and files, pick a
 * variant and download it; follow the host's downloads (pause, resume, cancel, "Open in …" once
 * installed); remove installed models; keep a token for gated ones.
 *
 * Each feature keeps its state in a hook: the search (`useHubSearch`), the repository on show
 * (`useModelInfo`), the downloads (`useDownloads`: `hub.downloads` then `hub.download` events),
 * where the hub is, the token and the curated list (`useHubStatus`); removal is the shell's
 * `useModelRemove`. A studio's "Find models…" opens this view with its task (`viewRequest`).
 */
import { useCallback, useMemo, type ReactElement } from 'react';
import type { ModelStatus } from '../../../preload/contract';
import { useShell } from '../shell/ShellContext';
import type { StudioProps } from '../shell/studio';
import { useStudios } from '../shell/StudiosContext';
import { MODELS_VIEW } from '../shell/StudioModelPicker';
import { useModelRemove } from '../shell/useModelRemove';
import { DownloadsPanel } from './DownloadsPanel';
import { InstalledPanel } from './InstalledPanel';
import { ModelDetail } from './ModelDetail';
import { filterFrom, studioForTask } from './search';
import { SearchPanel } from './SearchPanel';
import { TokenPanel } from './TokenPanel';
import { useDownloads } from './useDownloads';
import { useHubSearch } from './useHubSearch';
import { useHubStatus } from './useHubStatus';
import { useModelInfo } from './useModelInfo';
import './models.css';
import './models-panels.css';

export function ModelsStudio({
  api,
  active,
  models,
  reloadModels,
}: Pick<StudioProps, 'api' | 'active' | 'models' | 'reloadModels'>): ReactElement {
  const { notify, openView, viewRequest } = useShell();
  const studios = useStudios();

  // A studio's "Find models…": this view, filtered to its task.
  const wanted = useMemo(() => {
    if (viewRequest?.view !== MODELS_VIEW) return null;
    const filter = filterFrom(viewRequest.params);
    return filter ? { filter, n: viewRequest.n } : null;
  }, [viewRequest]);

  const search = useHubSearch(api, active, wanted);
  const status = useHubStatus(api);
  const info = useModelInfo(api);
  const downloads = useDownloads(api, reloadModels);
  const remover = useModelRemove(api, reloadModels, notify);

  const openIn = useCallback(
    (m: ModelStatus) => {
      const target = studioForTask(m.task);
      const studio = target ? studios.find((s) => s.id === target.view) : undefined;
      if (!studio) return null;
      return { label: `Open in ${studio.title}`, open: () => openView(studio.id, { model: m.id }) };
    },
    [studios, openView],
  );

  return (
    <div className="models-studio" data-testid="models-studio" data-filter={search.filter}>
      <header className="models-header">
        <h1>Models</h1>
        <p className="muted">
          Find, download and manage the models the Writer and the Image studio run. Downloads keep going
          while you work elsewhere, and resume after a restart.
        </p>
      </header>
      <div className="models-body">
        <div className="models-column models-left">
          <SearchPanel
            search={search}
            curated={status.curated}
            curatedError={status.curatedError}
            selected={info.repo}
            onSelect={info.select}
          />
        </div>
        <div className="models-column models-center">
          <ModelDetail
            model={info}
            downloads={downloads.list}
            tokenPresent={status.token?.present ?? false}
            onDownload={downloads.start}
          />
        </div>
        <div className="models-column models-right">
          <DownloadsPanel downloads={downloads} models={models} openIn={openIn} />
          <InstalledPanel models={models} remover={remover} openIn={openIn} />
          <TokenPanel status={status} onChanged={info.reload} />
        </div>
      </div>
    </div>
  );
}
