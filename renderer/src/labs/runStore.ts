/**
 * The last run of each lab, kept in IndexedDB so a reload shows the model where it was (weights,
 * iteration, charts), not only the settings. Best effort: where storage fails the lab starts
 * fresh from its kept settings.
 */
import type { LabId } from '../../../preload/labs/types';

const DB = 'atelier-labs';
const STORE = 'runs';

let opening: Promise<IDBDatabase | null> | null = null;

function db(): Promise<IDBDatabase | null> {
  opening ??= new Promise((resolve) => {
    try {
      const req = indexedDB.open(DB, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => resolve(null);
      req.onblocked = () => resolve(null);
    } catch {
      resolve(null);
    }
  });
  return opening;
}

function run<T>(
  mode: IDBTransactionMode,
  body: (s: IDBObjectStore) => IDBRequest<T>,
): Promise<T | undefined> {
  return db().then(
    (d) =>
      new Promise<T | undefined>((resolve) => {
        if (!d) return resolve(undefined);
        try {
          const req = body(d.transaction(STORE, mode).objectStore(STORE));
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => resolve(undefined);
        } catch {
          resolve(undefined);
        }
      }),
  );
}

export function readRun(lab: LabId): Promise<unknown> {
  return run('readonly', (s) => s.get(lab));
}

export async function writeRun(lab: LabId, state: unknown): Promise<void> {
  await run('readwrite', (s) => s.put(state, lab));
}

export async function forgetRun(lab: LabId): Promise<void> {
  await run('readwrite', (s) => s.delete(lab));
}
