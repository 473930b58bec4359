/** The Electron host's launch decisions (plain functions, no Electron needed). */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledModelsDir, electronSqliteBinding, rendererUrl } from './launch';
import { APP_URL } from './origin';

describe('rendererUrl', () => {
  const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173/' };
  it('honours the dev server only while developing', () => {
    expect(rendererUrl({ isPackaged: false, env })).toBe('http://localhost:5173/');
    expect(rendererUrl({ isPackaged: true, env })).toBe('atelier://app/index.html');
    expect(rendererUrl({ isPackaged: false, env: {} })).toBe(APP_URL);
  });
});

describe('bundledModelsDir', () => {
  it('is <resources>/models when packaged, unless ATELIER_MODELS_DIR says otherwise', () => {
    expect(bundledModelsDir({ isPackaged: true, resourcesPath: '/opt/Atelier/resources', env: {} })).toBe(
      join('/opt/Atelier/resources', 'models'),
    );
    expect(
      bundledModelsDir({ isPackaged: true, resourcesPath: '/r', env: { ATELIER_MODELS_DIR: '/m' } }),
    ).toBeUndefined();
    expect(bundledModelsDir({ isPackaged: false, resourcesPath: '/r', env: {} })).toBeUndefined();
  });
});

describe('electronSqliteBinding', () => {
  it('asks for an Electron build only under Electron (process.versions.electron)', () => {
    const node = { node: '20.19.0', modules: '115' } as NodeJS.ProcessVersions;
    expect(
      electronSqliteBinding({ isPackaged: false, resourcesPath: '', root: '/nowhere', versions: node }),
    ).toEqual({
      ok: true,
      nativeBinding: undefined,
    });
    const electron = { ...node, electron: '45.6.1', modules: '150' } as NodeJS.ProcessVersions;
    const r = electronSqliteBinding({
      isPackaged: false,
      resourcesPath: '',
      root: '/nowhere',
      versions: electron,
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('Electron 45.6.1');
  });
});
