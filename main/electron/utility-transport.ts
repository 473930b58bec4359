/** The inference process under Electron: utilityProcess (a Node child with Chromium's sandboxing model). */
import { utilityProcess } from 'electron';
import { workerEntry } from '../inference/fork-transport';
import type { FromWorker, SpawnWorker, ToWorker, WorkerTransport } from '../inference/protocol';

export const spawnUtilityWorker: SpawnWorker = () => {
  const { entry } = workerEntry();
  const child = utilityProcess.fork(entry, [], { serviceName: 'Atelier inference', stdio: 'inherit' });
  let exited = false;
  const transport: WorkerTransport = {
    get pid() {
      return child.pid;
    },
    send(message: ToWorker) {
      if (!exited) child.postMessage(message);
    },
    onMessage(listener) {
      child.on('message', (m: unknown) => listener(m as FromWorker));
    },
    onExit(listener) {
      child.on('exit', (code: number) => {
        exited = true;
        listener({ code, signal: null });
      });
    },
    kill() {
      child.kill();
    },
  };
  return transport;
};
