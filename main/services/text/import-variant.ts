/**
 * Which graph of a decoder folder to install: the folder's files listed (the top and `onnx/`),
 * its layout and variants read by ../models/variants.ts, and the variant the user named or the
 * one that suits the machine. Refusals say what the folder has instead.
 */
import { readdir, stat } from 'node:fs/promises';
import { totalmem } from 'node:os';
import { join } from 'node:path';
import { AtelierError } from '../../../preload/contract';
import { refuseImport as refuse } from '../models/install';
import {
  folderLayout,
  suggestVariant,
  type FolderFile,
  type GraphVariant,
  type Machine,
} from '../models/variants';

/** The files at the top of `folder` and in its `onnx/` folder, with their sizes. */
export async function listFolder(folder: string): Promise<FolderFile[]> {
  const out: FolderFile[] = [];
  for (const dir of ['', 'onnx']) {
    const names = await readdir(join(folder, dir)).catch(() => [] as string[]);
    for (const name of names) {
      const path = dir ? `${dir}/${name}` : name;
      const st = await stat(join(folder, path)).catch(() => null);
      if (st?.isFile()) out.push({ path, size: st.size });
    }
  }
  return out;
}

const SPLIT = ['decoder_model.onnx', 'decoder_with_past_model.onnx'];

/** Why a folder with no decoder graph Atelier can run is refused. */
function noGraph(paths: Set<string>): Error {
  const split = ['', 'onnx/'].flatMap((dir) => SPLIT.map((n) => dir + n)).filter((p) => paths.has(p));
  if (split.length)
    return refuse(
      `it holds ${split.join(' and ')} without a merged decoder: those are two graphs (the first call, then ` +
        'every call with a past) and Atelier runs one decoder with its cache. Use the ' +
        'decoder_model_merged.onnx that Optimum writes beside them (unless --no-post-process), or export ' +
        'again with optimum-cli (task text-generation-with-past) to get a single model.onnx.',
    );
  return refuse('model.onnx is missing (nor is there an onnx/model.onnx or a decoder_model_merged.onnx).');
}

export interface VariantChoice {
  variant: GraphVariant & { graph: string };
  /** Every variant the folder has, for the manifest and messages. */
  all: GraphVariant[];
}

/** The variant `wanted` (an id such as `q4`) or the suggested one for `machine`. */
export function chooseVariant(
  files: FolderFile[],
  wanted: string | undefined,
  machine: Machine = { provider: 'cpu', ramBytes: totalmem() },
): VariantChoice {
  const layout = folderLayout(files);
  if (!layout || layout.layout === 'stable-diffusion' || !layout.variants.length)
    throw noGraph(new Set(files.map((f) => f.path)));
  const all = layout.variants;
  const variant = wanted ? all.find((v) => v.id === wanted) : (suggestVariant(all, machine) ?? undefined);
  if (!variant)
    throw new AtelierError({
      code: 'invalid-input',
      message: `Cannot import this folder: this folder has no "${wanted}" variant; it has ${all.map((v) => v.id).join(', ')}.`,
      field: 'variant',
    });
  if (!variant.graph) throw noGraph(new Set(files.map((f) => f.path)));
  return { variant: variant as GraphVariant & { graph: string }, all };
}
