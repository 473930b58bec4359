// `npm start`: the Electron window where the Electron binary and better-sqlite3's build for
// Electron exist, otherwise the browser host, saying why in one line.
// ATELIER_BROWSER_HOST=1 forces the browser host.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary, installedElectron } from './electron-binary.mjs';
import { pickSqliteBinding } from './sqlite-binding.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);

/** The Electron binary to run, or null with the one line that says why the browser host starts. */
function desktop() {
  if (process.env.ATELIER_BROWSER_HOST) return { bin: null, why: 'ATELIER_BROWSER_HOST is set' };
  const bin = electronBinary();
  if (!bin) return { bin: null, why: 'no Electron binary here' };
  const electron = installedElectron();
  const sqlite = pickSqliteBinding({ electron: electron ?? { version: 'unknown', abi: 'unknown' }, root });
  return sqlite.ok ? { bin, why: null } : { bin: null, why: sqlite.message };
}

const { bin, why } = desktop();
const [cmd, cmdArgs] = bin
  ? [bin, [root, ...args]]
  : [process.execPath, [join(root, 'out', 'main', 'serve.js'), ...args]];
if (why) console.log(`atelier: ${why}; starting the browser host (open the URL below in a browser).`);
const child = spawn(cmd, cmdArgs, { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
