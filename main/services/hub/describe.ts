/**
 * What the Models view shows of a hub repository: its studio, the layout found among its files,
 * the variants with their sizes (the one suggested for this machine marked, those too big for its
 * memory marked unsupported), or why nothing in it can run here. Pure: the hub's answer in,
 * the contract's `HubModelInfo` out.
 */
import type { HubModelInfo, HubModelSummary, HubTask, HubVariant } from '../../../preload/contract';
import { folderLayout, suggestVariant, type Machine } from '../models/variants';
import type { RawModel, RawSummary } from './client';
import { curatedOf } from './curated';

const TASKS: Record<string, HubTask> = { 'text-generation': 'text', 'text-to-image': 'image' };

/** The hub's pipeline tag as a studio (null for the tags Atelier has no studio for). */
export const taskOf = (pipelineTag: string | null): HubTask | null =>
  (pipelineTag && TASKS[pipelineTag]) || null;

/** The hub's pipeline tag and library tags a search for a studio filters on (one search per tag set). */
export function searchFilters(task: HubTask | undefined): { pipeline?: string; tags: string[] }[] {
  if (task === 'text')
    return [
      { pipeline: 'text-generation', tags: ['onnx'] },
      { pipeline: 'text-generation', tags: ['transformers.js'] },
    ];
  if (task === 'image') return [{ pipeline: 'text-to-image', tags: ['onnx'] }];
  return [{ tags: ['onnx'] }];
}

export function toSummary(m: RawSummary): HubModelSummary {
  const c = curatedOf(m.repo);
  return {
    repo: m.repo,
    task: taskOf(m.pipelineTag),
    downloads: m.downloads,
    likes: m.likes,
    updatedAt: m.updatedAt,
    gated: m.gated,
    curated: !!c,
    ...(c ? { note: c.note } : {}),
  };
}

/** Several searches' results as one list: each repository once, the most downloaded first. */
export function mergeResults(lists: RawSummary[][], limit: number): HubModelSummary[] {
  const seen = new Map<string, RawSummary>();
  for (const list of lists) for (const m of list) if (!seen.has(m.repo)) seen.set(m.repo, m);
  return [...seen.values()]
    .sort((a, b) => b.downloads - a.downloads)
    .slice(0, limit)
    .map(toSummary);
}

const gb = (n: number): string => `${(n / 1e9).toFixed(1)} GB`;

export function describeModel(raw: RawModel, card: string, machine: Machine): HubModelInfo {
  const found = folderLayout(raw.files.map((f) => ({ path: f.path, size: f.size })));
  const task =
    taskOf(raw.pipelineTag) ?? (found ? (found.layout === 'stable-diffusion' ? 'image' : 'text') : null);
  const base = {
    repo: raw.repo,
    revision: raw.sha,
    task,
    license: raw.license,
    gated: raw.gated,
    card,
    files: raw.files.map((f) => ({ path: f.path, size: f.size, sha256: f.sha256 })),
  };
  if (raw.pipelineTag && !taskOf(raw.pipelineTag))
    return {
      ...base,
      layout: found?.layout ?? null,
      variants: [],
      unsupported: `It is a ${raw.pipelineTag} model; Atelier runs text generation (the Writer) and text-to-image (the Image studio) models.`,
    };
  if (!found)
    return {
      ...base,
      layout: null,
      variants: [],
      unsupported:
        'It has no ONNX model Atelier can run: no onnx/model*.onnx (transformers.js), no model.onnx or decoder_model_merged.onnx (Optimum) and no model_index.json (Stable Diffusion).',
    };
  const suggested = suggestVariant(found.variants, machine);
  const variants: HubVariant[] = found.variants.map((v) => ({
    id: v.id,
    label: v.label,
    files: v.files,
    bytes: v.bytes,
    suggested: v.id === suggested?.id,
    ...(v.bytes > machine.ramBytes * 0.9
      ? {
          unsupported: `It needs about ${gb(v.bytes)} of memory and this machine has ${gb(machine.ramBytes)}.`,
        }
      : {}),
  }));
  return { ...base, layout: found.layout, variants };
}
