// `npm start`: the Electron window where the Electron binary exists, otherwise the browser host.
// ATELIER_BROWSER_HOST=1 forces the browser host.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const bin = process.env.ATELIER_BROWSER_HOST ? null : electronBinary();
const [cmd, cmdArgs] = bin
  ? [bin, [root, ...args]]
  : [process.execPath, [join(root, 'out', 'main', 'serve.js'), ...args]];
if (!bin)
  console.log(
    'atelier: no Electron binary here; starting the browser host (open the URL below in a browser).',
  );
const child = spawn(cmd, cmdArgs, { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
