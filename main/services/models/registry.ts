/**
 * The model registry: reads every `models/<id>/model.json`, validates it and checks each file's
 * size and sha256. One bad model is reported with a readable reason; the others still load.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelStatus } from '../../../preload/contract';
import { Manifest, sectionStatus } from './manifest';

export interface RegisteredModel {
  id: string;
  dir: string;
  manifest: Manifest | null;
  /** sha256 over the model's file hashes (the identity recorded with each generation). */
  sha256: string;
  sizeBytes: number;
  error: string | null;
  source: 'bundled' | 'imported';
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function loadModel(
  dir: string,
  folder: string,
  source: RegisteredModel['source'] = 'bundled',
): Promise<RegisteredModel> {
  const base: RegisteredModel = { id: folder, dir, manifest: null, sha256: '', sizeBytes: 0, error: null, source };
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
  } catch (e) {
    return { ...base, error: `model.json is missing or not valid JSON (${(e as Error).message})` };
  }
  const parsed = Manifest.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    return { ...base, error: `model.json is invalid${at}: ${issue?.message ?? 'unknown problem'}` };
  }
  const manifest = parsed.data;
  if (manifest.id !== folder) {
    return { ...base, error: `model.json says id "${manifest.id}" but lives in folder "${folder}"` };
  }
  const outer = createHash('sha256');
  let size = 0;
  for (const file of manifest.files) {
    const path = join(dir, file.path);
    let st;
    try {
      st = await stat(path);
    } catch {
      return { ...base, manifest, error: `file ${file.path} is missing` };
    }
    if (st.size !== file.bytes) {
      return {
        ...base,
        manifest,
        error: `file ${file.path} has ${st.size} bytes, the manifest says ${file.bytes} (truncated or replaced?)`,
      };
    }
    const digest = await sha256File(path);
    if (digest !== file.sha256) {
      return { ...base, manifest, error: `file ${file.path} does not match its sha256 (corrupt or modified)` };
    }
    outer.update(`${file.path}:${digest}\n`);
    size += st.size;
  }
  return { ...base, manifest, sha256: outer.digest('hex'), sizeBytes: size };
}

async function listFolders(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true }))
      .filter((d) => d.isDirectory() && d.name !== 'training' && !d.name.startsWith('.'))
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
}

export class ModelRegistry {
  private constructor(private readonly models: Map<string, RegisteredModel>) {}

  /**
   * Bundled models from `modelsDir`; imported models from `importedDir` (the data dir's
   * models/). A bundled id wins over an imported folder of the same name.
   */
  static async open(modelsDir: string, importedDir?: string): Promise<ModelRegistry> {
    const bundled = await Promise.all(
      (await listFolders(modelsDir)).map((name) => loadModel(join(modelsDir, name), name, 'bundled')),
    );
    const imported = importedDir
      ? await Promise.all(
          (await listFolders(importedDir)).map((name) => loadModel(join(importedDir, name), name, 'imported')),
        )
      : [];
    const map = new Map(imported.map((m) => [m.id, m]));
    for (const m of bundled) map.set(m.id, m);
    return new ModelRegistry(map);
  }

  /** Adds (or replaces) a model, e.g. one just imported. */
  add(model: RegisteredModel): void {
    this.models.set(model.id, model);
  }

  remove(id: string): boolean {
    return this.models.delete(id);
  }

  get(id: string): RegisteredModel | undefined {
    return this.models.get(id);
  }

  all(): RegisteredModel[] {
    return [...this.models.values()];
  }

  status(): ModelStatus[] {
    return this.all().map((m) => ({
      id: m.id,
      name: m.manifest?.name ?? m.id,
      family: m.manifest?.family ?? 'unknown',
      task: m.manifest?.task ?? 'unknown',
      version: m.manifest?.version ?? '',
      ok: m.error === null,
      ...(m.error ? { error: m.error } : {}),
      sha256: m.sha256,
      sizeBytes: m.sizeBytes,
      license: m.manifest?.license ?? '',
      source: m.source,
      ...(m.manifest ? sectionStatus(m.manifest) : {}),
    }));
  }
}
