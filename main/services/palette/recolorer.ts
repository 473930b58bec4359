/**
 * Recolouring off main's thread: one worker thread (./recolor-worker.ts), started on the first
 * request and kept for the next, unreferenced while idle so it never keeps a process alive. A
 * worker that crashes fails the requests it held with a sentence; the next request starts a new one.
 *
 * Where the worker's file is: running from source (tests, the bench under tsx) it is the .ts
 * beside this module, loaded through tsx; in the built app electron-vite bundles it as a file of
 * its own (`?modulePath`) and this module gets that file's path.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AtelierError } from '../../../preload/contract';
import {
  RECOLOR_WORKER_TAG,
  type RecolorMessage,
  type RecolorRequest,
  type RecolorStage,
} from './recolor-protocol';

export interface RecolorResult {
  png: Uint8Array;
  thumbnailPng: Uint8Array;
  width: number;
  height: number;
  /** Time in the worker: decode, recolour, encode. */
  ms: number;
}

export interface Recolorer {
  recolor(req: Omit<RecolorRequest, 'id'>, onStage?: (stage: RecolorStage) => void): Promise<RecolorResult>;
  /** Stops the worker; requests still waiting fail. */
  close(): Promise<void>;
}

/** Starts the recolour worker thread. */
export type StartWorker = () => Promise<Worker>;

/**
 * From source, the worker is the .ts file beside this one, loaded through tsx's loader hooks
 * (registered inside the new thread: a worker does not take them from its parent); built, it is
 * the file electron-vite bundles from it.
 */
export const startRecolorWorker: StartWorker = async () => {
  if (import.meta.url.endsWith('.ts')) {
    // tsx's ESM API (its package's `import` export beside the `require` one createRequire finds).
    const tsx = pathToFileURL(
      createRequire(import.meta.url)
        .resolve('tsx/esm/api')
        .replace(/\.cjs$/, '.mjs'),
    );
    const entry = new URL('./recolor-worker.ts', import.meta.url);
    const boot = `import(${JSON.stringify(tsx.href)}).then((t) => { t.register(); return import(${JSON.stringify(entry.href)}); });`;
    return new Worker(boot, { eval: true, workerData: RECOLOR_WORKER_TAG });
  }
  const built = await import('./recolor-worker?modulePath');
  return new Worker(built.default, { workerData: RECOLOR_WORKER_TAG });
};

interface Pending {
  resolve: (r: RecolorResult) => void;
  reject: (e: Error) => void;
  onStage?: (stage: RecolorStage) => void;
}

/** One started worker and the requests it holds. */
interface Thread {
  worker: Promise<Worker>;
  pending: Map<number, Pending>;
}

const failure = (message: string): AtelierError => new AtelierError({ code: 'internal', message });

export function createRecolorer(start: StartWorker = startRecolorWorker): Recolorer {
  let current: Thread | null = null;
  let nextId = 1;

  const failAll = (t: Thread, message: string): void => {
    for (const p of t.pending.values()) p.reject(failure(message));
    t.pending.clear();
  };

  const launch = (): Thread => {
    const t: Thread = { worker: start(), pending: new Map() };
    const gone = (why: string): void => {
      if (current === t) current = null;
      failAll(t, `The recolouring worker stopped (${why}); nothing was saved. Try again.`);
    };
    t.worker.then(
      (w) => {
        w.on('message', (m: RecolorMessage) => {
          const p = t.pending.get(m.id);
          if (!p) return;
          if ('stage' in m) {
            p.onStage?.(m.stage);
            return;
          }
          t.pending.delete(m.id);
          if (m.ok) {
            const { png, thumbnailPng, width, height, ms } = m;
            p.resolve({ png, thumbnailPng, width, height, ms });
          } else p.reject(failure(`The picture could not be recoloured (${m.message}).`));
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
    async recolor(req, onStage) {
      const t = (current ??= launch());
      let w: Worker;
      try {
        w = await t.worker;
      } catch (e) {
        throw failure(`The recolouring worker could not start (${(e as Error).message}).`);
      }
      if (current !== t) throw failure('The recolouring worker stopped; nothing was saved. Try again.');
      const id = nextId++;
      const done = new Promise<RecolorResult>((resolve, reject) =>
        t.pending.set(id, { resolve, reject, ...(onStage ? { onStage } : {}) }),
      );
      w.ref();
      // The source bytes are copied, not transferred: the caller keeps its buffer.
      w.postMessage({ ...req, id } satisfies RecolorRequest);
      return done;
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
