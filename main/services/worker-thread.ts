/**
 * A client for one worker thread that answers numbered requests: started on the first request
 * and kept for the next, unreferenced while idle so it never keeps a process alive. A worker that
 * crashes fails the requests it held with a sentence (never a hang); the next request starts a new one.
 *
 * Where a worker's file is: running from source (tests, the bench and the CLI under tsx) it is the
 * .ts beside its client, loaded through tsx; in the built app electron-vite bundles it as a file of
 * its own (`?modulePath`), which only the client's own module can import, so it passes that in.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AtelierError } from '../../preload/contract';

/** Starts a worker thread. */
export type StartWorker = () => Promise<Worker>;

/**
 * Starts the worker whose source is `entry` (a .ts URL) when running from source, through tsx's
 * loader hooks registered inside the new thread (a worker does not take them from its parent);
 * built, the file `built()` names.
 */
export async function startWorkerFile(
  entry: URL,
  workerData: unknown,
  built: () => Promise<{ default: string }>,
): Promise<Worker> {
  if (import.meta.url.endsWith('.ts')) {
    // tsx's ESM API (its package's `import` export beside the `require` one createRequire finds).
    const tsx = pathToFileURL(
      createRequire(import.meta.url)
        .resolve('tsx/esm/api')
        .replace(/\.cjs$/, '.mjs'),
    );
    const boot = `import(${JSON.stringify(tsx.href)}).then((t) => { t.register(); return import(${JSON.stringify(entry.href)}); });`;
    return new Worker(boot, { eval: true, workerData });
  }
  return new Worker((await built()).default, { workerData });
}

/**
 * What a request does with each reply for its id: settle the promise and return true when it is
 * the last one, or return false to wait for more (progress messages).
 */
export type Settle<M, T> = (reply: M, resolve: (value: T) => void, reject: (e: Error) => void) => boolean;

export interface WorkerThread<M extends { id: number }> {
  /** Posts `message(id)` and answers what `settle` makes of the replies for that id. */
  request<T>(message: (id: number) => unknown, settle: Settle<M, T>): Promise<T>;
  /** Posts a message that needs no reply (e.g. cancelling a request) to the running worker, if any. */
  post(message: unknown): void;
  /** Stops the worker; requests still waiting fail. */
  close(): Promise<void>;
}

interface Pending<M> {
  settle: (reply: M) => boolean;
  reject: (e: Error) => void;
}

/** One started worker and the requests it holds. */
interface Thread<M> {
  worker: Promise<Worker>;
  pending: Map<number, Pending<M>>;
}

export const internalFailure = (message: string): AtelierError =>
  new AtelierError({ code: 'internal', message });

/** `name` is how sentences call the worker, e.g. 'Labs worker'. */
export function createWorkerThread<M extends { id: number }>(
  start: StartWorker,
  name: string,
): WorkerThread<M> {
  let current: Thread<M> | null = null;
  let nextId = 1;

  const failAll = (t: Thread<M>, message: string): void => {
    for (const p of t.pending.values()) p.reject(internalFailure(message));
    t.pending.clear();
  };

  const launch = (): Thread<M> => {
    const t: Thread<M> = { worker: start(), pending: new Map() };
    const gone = (why: string): void => {
      if (current === t) current = null;
      failAll(t, `The ${name} stopped (${why}); nothing was saved. Try again.`);
    };
    t.worker.then(
      (w) => {
        w.on('message', (m: M) => {
          const p = t.pending.get(m.id);
          if (!p || !p.settle(m)) return;
          t.pending.delete(m.id);
          // Idle: the thread no longer keeps the process alive.
          if (t.pending.size === 0) w.unref();
        });
        w.on('error', (e) => gone(e.message));
        w.on('exit', (code) => gone(`exit code ${code}`));
      },
      () => {
        if (current === t) current = null;
      },
    );
    return t;
  };

  return {
    async request<T>(message: (id: number) => unknown, settle: Settle<M, T>): Promise<T> {
      const t = (current ??= launch());
      let w: Worker;
      try {
        w = await t.worker;
      } catch (e) {
        throw internalFailure(`The ${name} could not start (${(e as Error).message}).`);
      }
      if (current !== t) throw internalFailure(`The ${name} stopped; nothing was saved. Try again.`);
      const id = nextId++;
      const done = new Promise<T>((resolve, reject) =>
        t.pending.set(id, { settle: (m) => settle(m, resolve, reject), reject }),
      );
      w.ref();
      w.postMessage(message(id));
      return done;
    },
    post(message) {
      const t = current;
      if (!t) return;
      void t.worker.then(
        (w) => w.postMessage(message),
        () => undefined,
      );
    },
    async close() {
      const t = current;
      current = null;
      if (!t) return;
      failAll(t, 'Atelier is closing');
      try {
        await (await t.worker).terminate();
      } catch {
        // it never started
      }
    },
  };
}
