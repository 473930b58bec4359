/** Electron main entry (out/main/index.js). */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startElectronApp } from './electron/app';

void startElectronApp(join(dirname(fileURLToPath(import.meta.url)), '..'));
