/**
 * What every model import shares (decoders in ./text/import.ts, diffusion pipelines in
 * ./image/import.ts): refusals that name the folder's problem, the size and free-space check,
 * and the install itself — files copied (or hard-linked) into a staging folder inside the data
 * dir with a manifest, checked by the registry (sizes, sha256) and by onnxruntime (the copied
 * graphs open, external data found), then renamed into place. A failure at any point removes the
 * staging folder, so nothing half-copied is ever left behind; removal and the startup sweep of
 * leftovers live here too.
 */
import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, link, mkdir, readdir, realpath, rename, rm, stat, statfs, writeFile } from 'node:fs/promises';
import { basename, dirname, join, sep } from 'node:path';
import { AtelierError } from '../../../preload/contract';
import { slug } from '../../../preload/names';
import type { GraphPort } from '../../inference/protocol';
import type { Manifest, TensorSpec } from './manifest';
import { loadModel, sha256File, type ModelRegistry, type RegisteredModel } from './registry';

/** The largest model (graphs + external data) an import accepts. */
export const IMPORT_MAX_BYTES = 16 * 1024 ** 3;

export interface ImportDeps {
  registry: ModelRegistry;
  /** onnxruntime's view of a graph (the inference process opens it and lets it go). */
  inspect(path: string): Promise<{ inputs: GraphPort[]; outputs: GraphPort[] }>;
  /** Where imported models live (the data dir's models/). */
  importedDir: string;
}

export interface ImportOptions {
  link?: boolean;
  maxBytes?: number;
}

export const refuseImport = (message: string): AtelierError =>
  new AtelierError({ code: 'invalid-input', message: `Cannot import this folder: ${message}`, field: 'path' });

/** A graph port as the manifest records it (dtypes the manifest knows; others left out). */
export function tensorSpec(p: GraphPort): TensorSpec | null {
  const dtypes = ['float32', 'float16', 'int64', 'int32', 'uint8', 'bool'] as const;
  const dtype = dtypes.find((d) => d === p.type);
  return dtype ? { name: p.name, dtype, shape: p.shape.map((d) => (typeof d === 'number' && d > 0 ? d : String(d))) } : null;
}

export function tensorSpecs(ports: GraphPort[]): TensorSpec[] {
  return ports.map(tensorSpec).filter((s): s is TensorSpec => s !== null);
}

/** Refuses models over the size limit, and copies the disk could not hold. */
export async function checkSize(deps: ImportDeps, bytes: number, opts: ImportOptions): Promise<void> {
  const max = opts.maxBytes ?? IMPORT_MAX_BYTES;
  if (bytes > max)
    throw refuseImport(
      `the model is ${(bytes / 1024 ** 3).toFixed(1)} GiB; Atelier imports models of up to ${(max / 1024 ** 3).toFixed(0)} GiB.`,
    );
  await mkdir(deps.importedDir, { recursive: true });
  const fs = await statfs(deps.importedDir).catch(() => null);
  if (!opts.link && fs && fs.bavail * fs.bsize < bytes * 1.05 + 64 * 1024 ** 2)
    throw refuseImport(`there is not enough free disk space for its ${(bytes / 1024 ** 2).toFixed(0)} MB.`);
}

/** Hard-links (when asked and possible) or copies one file (copy-on-write where the disk can). */
export async function placeFile(from: string, to: string, asLink: boolean): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  if (asLink) {
    try {
      await link(from, to);
      return;
    } catch {
      // Another disk, or links not allowed: copy instead.
    }
  }
  await copyFile(from, to, constants.COPYFILE_FICLONE);
}

/**
 * The real path of a file to import, refused when it (or a folder on its way) is a link out of
 * the folder: a model folder from elsewhere could otherwise copy any file on the disk into the
 * data dir. Links inside the folder are fine; the file they point at is what is placed.
 */
async function insideFolder(root: string, rel: string): Promise<string> {
  const real = await realpath(join(root, rel));
  if (!real.startsWith(root + sep))
    throw refuseImport(`${rel} is a link to a file outside the folder; put the file itself in the folder.`);
  return real;
}

export interface Install {
  /** The files to bring, relative to the folder, with their manifest roles. */
  files: { path: string; role: string }[];
  /** The graphs (relative paths) that must open again from the copy. */
  graphs: string[];
  /** The manifest for the chosen id and the copied files (with their sha256). */
  manifest: (id: string, files: Manifest['files']) => Manifest;
  /** The id's stem when the folder's name does not give one. */
  fallbackId: string;
}

/** Copies `folder` into the data dir as a new model (see the module comment) and registers it. */
export async function installImported(
  deps: ImportDeps,
  folder: string,
  install: Install,
  opts: ImportOptions,
): Promise<RegisteredModel> {
  const base = slug(basename(folder), install.fallbackId).slice(0, 56);
  let id = base;
  for (let n = 2; deps.registry.get(id) || (await stat(join(deps.importedDir, id)).catch(() => null)); n++)
    id = `${base}-${n}`;
  const staging = join(deps.importedDir, `.staging-${randomUUID()}`);
  try {
    await mkdir(staging, { recursive: true });
    const files: Manifest['files'] = [];
    const root = await realpath(folder);
    for (const f of install.files) {
      const to = join(staging, f.path);
      await placeFile(await insideFolder(root, f.path), to, opts.link === true);
      const s = await stat(to);
      if (s.size > 0) files.push({ path: f.path, role: f.role, sha256: await sha256File(to), bytes: s.size });
    }
    await writeFile(join(staging, 'model.json'), JSON.stringify(install.manifest(id, files), null, 2));
    const checked = await loadModel(staging, id, 'imported');
    if (checked.error) throw refuseImport(checked.error);
    for (const g of install.graphs)
      try {
        await deps.inspect(join(staging, g));
      } catch (e) {
        throw refuseImport(`the copied ${g} does not open (${(e as Error).message}); is an external data file missing?`);
      }
    const final = join(deps.importedDir, id);
    await rename(staging, final);
    const model = { ...checked, dir: final };
    deps.registry.add(model);
    return model;
  } catch (e) {
    await rm(staging, { recursive: true, force: true });
    if (e instanceof AtelierError) throw e;
    throw refuseImport(`copying failed (${(e as Error).message}).`);
  }
}

/** Provenance recorded in an imported model's manifest. */
export function importedFrom(folder: string, opts: ImportOptions): Record<string, unknown> {
  return { importedFrom: folder, importedAt: new Date().toISOString(), linked: opts.link === true };
}

/** Removes an imported model's folder (bundled models are refused). */
export async function removeImported(deps: Pick<ImportDeps, 'registry' | 'importedDir'>, id: string): Promise<boolean> {
  const m = deps.registry.get(id);
  if (!m) return false;
  if (m.source !== 'imported')
    throw new AtelierError({ code: 'invalid-input', message: `"${id}" is bundled with Atelier and cannot be removed.`, field: 'id' });
  deps.registry.remove(id);
  // Renamed first, so a half-deleted folder never looks like a model.
  const trash = join(deps.importedDir, `.removing-${randomUUID()}`);
  await rename(m.dir, trash).catch(() => undefined);
  await rm(trash, { recursive: true, force: true });
  await rm(m.dir, { recursive: true, force: true });
  return true;
}

/**
 * Removes staging and half-removed folders left by an import or removal that was cut short (a
 * crash, a power cut). Only old ones: another Atelier process (the CLI beside the app) may be
 * importing right now.
 */
export async function sweepImports(importedDir: string, minAgeMs = 60 * 60_000): Promise<number> {
  let names: string[];
  try {
    names = await readdir(importedDir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    if (!name.startsWith('.staging-') && !name.startsWith('.removing-')) continue;
    const path = join(importedDir, name);
    const st = await stat(path).catch(() => null);
    if (!st || Date.now() - st.mtimeMs < minAgeMs) continue;
    await rm(path, { recursive: true, force: true });
    removed++;
  }
  return removed;
}
