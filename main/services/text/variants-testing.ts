/**
 * Helpers of the published-variant import tests (variants*.integration.test.ts): a real Atelier
 * per test file (main/testing/file-atelier.ts), the fixtures models/training/text/make_variants.py
 * writes, copies to break, and what an import left in the data dir.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileAtelier, importedFolders } from '../../testing/file-atelier';
import type { TextSection } from '../models/manifest';

export const TINY = resolve('models/training/text/tiny');

export interface Reference {
  prompt: string;
  promptIds: number[];
  variants: Record<string, { graph: string; kvDtype: string; greedy: number[] }>;
}
export const reference = (name: string): Reference =>
  JSON.parse(readFileSync(join(TINY, name, 'reference.json'), 'utf8')) as Reference;

/** Every file under `dir`, relative, sorted. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

/** A real Atelier for this test file (fileAtelier) and helpers over it. */
export function variantsEnv(prefix: string) {
  const t = fileAtelier(prefix);
  return {
    get env() {
      return t.env;
    },
    importedFolders: () => importedFolders(t.env),
    call: t.call,
    /** An import that must be refused, leaving the data dir as it was. */
    refused: t.refusedImport,
    /** A copy of a fixture, to break. */
    copyOf: (name: string, as: string): string => t.copyOf(join(TINY, name), as),
    manifestOf(id: string): { text: TextSection; files: { path: string; role: string }[] } {
      return JSON.parse(readFileSync(join(t.env.dataDir, 'models', id, 'model.json'), 'utf8')) as {
        text: TextSection;
        files: { path: string; role: string }[];
      };
    },
  };
}
