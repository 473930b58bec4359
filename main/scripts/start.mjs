// `npm start`: the Electron window where the Electron binary exists, otherwise the browser host.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

function electronBinary() {
  try {
    const dir = dirname(require.resolve('electron/package.json'));
    const rel = existsSync(join(dir, 'path.txt'))
      ? require('node:fs').readFileSync(join(dir, 'path.txt'), 'utf8')
      : '';
    const bin = rel && join(dir, 'dist', rel);
    return bin && existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

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
