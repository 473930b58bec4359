/**
 * Integration-test helpers over a real Atelier (atelier.ts): router calls that must succeed or
 * be refused, an import that must be refused leaving the data dir as it was, a job's stream
 * events collected while it runs, and one real Atelier with a scratch folder shared by the tests
 * of a file. Test files only: it registers vitest hooks.
 */
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import type { ErrorInfo, EventName, EventPayload } from '../../preload/contract';
import type { AtelierOptions } from '../services/atelier';
import { realAtelier, tempDir } from './atelier';

export type TestAtelier = Awaited<ReturnType<typeof realAtelier>>;

/** A router call that must succeed: its value. A refusal throws "code: message" with the refusal as `info`. */
export async function routerCall<T>(env: TestAtelier, method: string, input: unknown): Promise<T> {
  const r = await env.atelier.router.call(method, input);
  if (!r.ok) throw Object.assign(new Error(`${r.error.code}: ${r.error.message}`), { info: r.error });
  return r.value as T;
}

/** A router call that must be refused: its error (the test fails if it is accepted). */
export async function routerRefusal(env: TestAtelier, method: string, input: unknown): Promise<ErrorInfo> {
  const r = await env.atelier.router.call(method, input);
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error(`${method} accepted the input`);
  return r.error;
}

/** The folders of the data dir's installed models, sorted. */
export function importedFolders(env: TestAtelier): string[] {
  const dir = join(env.dataDir, 'models');
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

/** A `models.import` that must be refused and leave the installed models as they were: its error. */
export async function refusedImport(env: TestAtelier, input: Record<string, unknown>): Promise<ErrorInfo> {
  const before = importedFolders(env);
  const error = await routerRefusal(env, 'models.import', input);
  expect(importedFolders(env)).toEqual(before);
  return error;
}

/** Runs a job with id `jobId`, collecting its `event` payloads (each also given to `onEvent`). */
export async function withEvents<E extends 'text.stream' | 'image.preview', R>(
  env: TestAtelier,
  event: E,
  jobId: string,
  run: () => Promise<R>,
  onEvent?: (e: EventPayload<E>, jobId: string) => void,
): Promise<{ result: R; events: EventPayload<E>[] }> {
  const events: EventPayload<E>[] = [];
  const off = env.atelier.events.on(event as EventName, (e) => {
    const payload = e as EventPayload<E>;
    if (payload.jobId !== jobId) return;
    events.push(payload);
    onEvent?.(payload, jobId);
  });
  try {
    return { result: await run(), events };
  } finally {
    off();
  }
}

export interface FileAtelier {
  /** A real Atelier in its own temp data dir; set before the file's first test. */
  readonly env: TestAtelier;
  /** A temp folder for the file's inputs (removed after its tests). */
  readonly scratch: string;
  call<T>(method: string, input: unknown): Promise<T>;
  refusal(method: string, input: unknown): Promise<ErrorInfo>;
  /** See refusedImport. */
  refusedImport(input: Record<string, unknown>): Promise<ErrorInfo>;
  /** A fresh copy of the folder `src` in the scratch folder, named `as`, to change or break. */
  copyOf(src: string, as: string): string;
}

/**
 * One real Atelier and a scratch folder for every test of the file, made before them and removed
 * after. Call at the top level of a test file.
 */
export function fileAtelier(
  scratchPrefix = 'atelier-src-',
  options: Partial<AtelierOptions> = {},
): FileAtelier {
  let env: TestAtelier;
  const scratch = tempDir(scratchPrefix);
  beforeAll(async () => {
    env = await realAtelier(options);
  });
  afterAll(async () => {
    await env?.cleanup();
    scratch.remove();
  });
  return {
    get env() {
      return env;
    },
    scratch: scratch.path,
    call<T>(method: string, input: unknown) {
      return routerCall<T>(env, method, input);
    },
    refusal: (method, input) => routerRefusal(env, method, input),
    refusedImport: (input) => refusedImport(env, input),
    copyOf(src, as) {
      const dir = join(scratch.path, as);
      rmSync(dir, { recursive: true, force: true });
      cpSync(src, dir, { recursive: true });
      return dir;
    },
  };
}
