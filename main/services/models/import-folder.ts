/**
 * One entry for every model folder Atelier installs, whether the user picked it or the hub
 * download just fetched it: a diffusion pipeline (../image/import.ts) or a decoder
 * (../text/import.ts), with the graph variant to keep when the folder publishes several.
 */
import { totalmem } from 'node:os';
import { importStableDiffusion, isDiffusionFolder } from '../image/import';
import { importOptimumFolder } from '../text/import';
import type { ImportDeps, ImportOptions } from './install';
import type { RegisteredModel } from './registry';
import type { Machine } from './variants';

export interface FolderImportOptions extends ImportOptions {
  /** The decoder variant to install (`fp32`, `fp16`, `q4`, …); the suggested one when absent. */
  variant?: string;
  /** What the suggestion is for: the inference process's provider and the memory (this machine's CPU and RAM when absent). */
  machine?: Machine;
}

export async function importModelFolder(
  deps: ImportDeps,
  folder: string,
  opts: FolderImportOptions = {},
): Promise<RegisteredModel> {
  return (await isDiffusionFolder(folder))
    ? importStableDiffusion(deps, folder, opts)
    : importOptimumFolder(deps, folder, opts);
}

/**
 * This machine as the variant choice sees it: the provider the inference process tries first
 * (it reports them when it starts) and the memory it has. Shared by imports and hub downloads.
 */
export function thisMachine(status: { provider: string; providersTried: string[] }): Machine {
  return { provider: status.providersTried[0] ?? status.provider, ramBytes: totalmem() };
}
