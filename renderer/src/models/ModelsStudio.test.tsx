import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { AtelierApi } from '../../../preload/contract';
import { ShellContext, type Shell } from '../shell/ShellContext';
import type { StudioDef } from '../shell/studio';
import { StudiosContext } from '../shell/StudiosContext';
import { modelStatus } from '../shell/testing';
import { ModelsStudio } from './ModelsStudio';
import { modelsStudio } from './studio';

const shell: Shell = {
  reportError: () => {},
  clearError: () => {},
  notify: () => {},
  clearNotice: () => {},
  setJob: () => {},
  error: null,
  job: null,
  openView: () => {},
  viewRequest: { view: 'models', params: { task: 'image' }, n: 1 },
};

describe('the Models view', () => {
  it('is a studio that stays mounted and opens no records, under the id the pickers open', () => {
    expect(modelsStudio).toMatchObject({ id: 'models', label: 'Models', keepMounted: true, cards: {} });
  });

  it('draws the search, the model on show, downloads, installed models and the token', () => {
    // A first render calls nothing on the host (effects run in the page); the api is never reached.
    const api = {} as AtelierApi;
    const html = renderToStaticMarkup(
      <ShellContext.Provider value={shell}>
        <StudiosContext.Provider value={[modelsStudio] as StudioDef[]}>
          <ModelsStudio
            api={api}
            active
            models={[modelStatus('mine', { source: 'imported' })]}
            reloadModels={async () => []}
          />
        </StudiosContext.Provider>
      </ShellContext.Provider>,
    );
    for (const id of [
      'models-studio',
      'models-search',
      'models-task-image',
      'models-detail',
      'models-downloads',
      'models-installed-item',
      'models-token',
    ])
      expect(html).toContain(`data-testid="${id}"`);
    expect(html).toContain('data-state="empty"');
  });
});
