/** The Electron host: one window over the shared service layer. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, nativeImage, safeStorage } from 'electron';
import { createFileLogger } from '../log/file';
import { guardProcess } from '../log/process';
import { createAtelier, type Atelier } from '../services/atelier';
import { hostQueue } from '../services/batch/redis';
import type { HostCapabilities } from '../services/section';
import { APP_NAME, appRoot, resolveDataDir } from '../services/paths';
import { registerIpc } from './ipc';
import { bundledModelsDir, electronSqliteBinding, rendererUrl } from './launch';
import { registerAppScheme, serveApp } from './protocol';
import { hardenContents, hardenSession } from './security';
import { spawnUtilityWorker } from './utility-transport';

let win: BrowserWindow | null = null;

function createWindow(outDir: string): BrowserWindow {
  const w = new BrowserWindow({
    width: 1400,
    height: 900,
    title: APP_NAME,
    backgroundColor: '#16171b',
    icon: join(outDir, '..', 'resources', 'icon.png'),
    show: false,
    webPreferences: {
      preload: join(outDir, 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  w.once('ready-to-show', () => w.show());
  // atelier://app/ (protocol.ts); electron-vite's dev server only in development.
  void w.loadURL(rendererUrl({ isPackaged: app.isPackaged, env: process.env }));
  return w;
}

/**
 * safeStorage as the hosts' `secrets`, where it is a keychain: on Linux without a secret service
 * Electron falls back to a fixed key, which protects nothing, so the token stays in memory there.
 */
function keychain(): HostCapabilities['secrets'] {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (
    process.platform === 'linux' &&
    ['basic_text', 'unknown'].includes(safeStorage.getSelectedStorageBackend())
  )
    return undefined;
  return {
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (sealed) => safeStorage.decryptString(sealed),
  };
}

export async function startElectronApp(outDir: string): Promise<void> {
  app.setName(APP_NAME);
  // Before ready (Electron's rule for both): our scheme, and userData (the session's storage
  // lives there too). --data-dir / ATELIER_DATA_DIR override; otherwise userData, which paths.ts
  // computes the same way for the CLI and the browser host so all three share one library.
  registerAppScheme();
  const dataDir = resolveDataDir(app.commandLine.getSwitchValue('data-dir') || undefined);
  app.setPath('userData', dataDir);
  hardenContents();
  await app.whenReady();
  hardenSession();
  serveApp(join(outDir, 'renderer'));
  const logger = createFileLogger(dataDir);
  guardProcess(logger, 'electron main');
  const facts = { isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, env: process.env };
  let atelier: Atelier;
  try {
    // Electron cannot load better-sqlite3's Node build: it loads its own (main/scripts/sqlite-binding.mjs).
    const sqlite = electronSqliteBinding({ ...facts, root: appRoot(), versions: process.versions });
    if (!sqlite.ok) {
      console.error(`atelier: ${sqlite.message}.`);
      throw new Error(`${sqlite.message}.`);
    }
    atelier = await createAtelier({
      dataDir,
      logger,
      modelsDir: bundledModelsDir(facts),
      sqliteBinding: sqlite.nativeBinding,
      host: 'electron',
      spawnWorker: spawnUtilityWorker,
      // A batch queue for the Datasets studio's "Run on workers" (--redis or ATELIER_REDIS_URL, as
      // the browser host takes it); a bad URL stops the start with its reason.
      ...hostQueue(app.commandLine.getSwitchValue('redis') || process.env.ATELIER_REDIS_URL || undefined),
      saveFile: async (suggestedName, bytes) => {
        const ext = suggestedName.split('.').pop() ?? '';
        const kinds: Record<string, string> = { mid: 'MIDI file', txt: 'Text', png: 'PNG image' };
        const filters = [{ name: kinds[ext] ?? 'File', extensions: [ext || '*'] }];
        const opts = { defaultPath: suggestedName, filters };
        const r = win ? await dialog.showSaveDialog(win, opts) : await dialog.showSaveDialog(opts);
        if (r.canceled || !r.filePath) return null;
        await writeFile(r.filePath, bytes);
        return r.filePath;
      },
      pickFolder: async (title) => {
        const opts = { title, properties: ['openDirectory' as const] };
        const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
        return r.canceled ? null : (r.filePaths[0] ?? null);
      },
      // The hub token for gated models, sealed by the OS keychain (kept in memory where there is none).
      secrets: keychain(),
      // A clip dragged out of the window lands in a DAW or the file manager as a .mid file.
      startDrag: (path) =>
        win?.webContents.startDrag({
          file: path,
          icon: nativeImage.createFromPath(join(outDir, '..', 'resources', 'icon.png')).resize({ width: 32 }),
        }),
    });
  } catch (e) {
    logger.error('electron: Atelier cannot start', e);
    dialog.showErrorBox('Atelier cannot start', `${(e as Error).message}\n\nDetails are in ${logger.path}`);
    app.exit(1);
    return;
  }
  registerIpc(atelier, () => win);
  void atelier.inference.start();
  win = createWindow(outDir);
  app.on('window-all-closed', () => app.quit());
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) win = createWindow(outDir);
  });
  app.on('will-quit', () => void atelier.close());
}
