/**
 * Integration-test helpers for the MIDI augment: a real Atelier (real melody models, real
 * inference process, real SQLite) in a temp dir, typed router calls, and a folder's file hashes.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorInfo } from '../../../../preload/contract';
import type { realAtelier } from '../../../testing/atelier';

export type Env = Awaited<ReturnType<typeof realAtelier>>;

export async function call<T>(env: Env, method: string, payload: unknown): Promise<T> {
  const r = await env.atelier.router.call(method, payload);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message} (${r.error.field ?? ''})`);
  return r.value as T;
}

export async function refusal(env: Env, method: string, payload: unknown): Promise<ErrorInfo> {
  const r = await env.atelier.router.call(method, payload);
  if (r.ok) throw new Error(`${method} accepted the input`);
  return r.error;
}

/** Every file under `dir`: relative path → sha256. */
export function tree(dir: string, rel = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(join(dir, rel)).sort()) {
    const path = rel ? `${rel}/${name}` : name;
    if (statSync(join(dir, path)).isDirectory()) Object.assign(out, tree(dir, path));
    else
      out[path] = createHash('sha256')
        .update(readFileSync(join(dir, path)))
        .digest('hex');
  }
  return out;
}
