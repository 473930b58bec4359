/** The inference process under plain Node: child_process.fork with binary (advanced) serialization. */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FromWorker, SpawnWorker, ToWorker, WorkerTransport } from './protocol';

/**
 * The worker entry next to this module: the built `inference.js` beside the bundle that
 * contains this code, or `worker.ts` (run through tsx) when running from source in tests.
 */
export function workerEntry(): { entry: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) return { entry: join(dirname(here), 'worker.ts'), execArgv: ['--import', 'tsx'] };
  // Bundled code may sit in out/main/ or in a shared chunk folder below it.
  const candidates = [join(dirname(here), 'inference.js'), join(dirname(here), '..', 'inference.js')];
  const built = candidates.find((c) => existsSync(c));
  if (!built) throw new Error(`inference process entry not found near ${here}; run npm run build`);
  return { entry: built, execArgv: [] };
}

export const spawnForkWorker: SpawnWorker = () => {
  const { entry, execArgv } = workerEntry();
  const child = fork(entry, [], {
    execArgv,
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const transport: WorkerTransport = {
    get pid() {
      return child.pid;
    },
    send(message: ToWorker) {
      if (child.connected) child.send(message);
    },
    onMessage(listener) {
      child.on('message', (m) => listener(m as FromWorker));
    },
    onExit(listener) {
      child.on('exit', (code, signal) => listener({ code, signal }));
    },
    kill(signal = 'SIGTERM') {
      child.kill(signal);
    },
  };
  return transport;
};
