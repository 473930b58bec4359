/**
 * Atelier's curated list: ONNX models published on the hub in the layouts Atelier installs
 * (transformers.js `onnx/`, Optimum, Stable Diffusion pipelines), each with a note on why it is
 * here. Written down, so the list shows offline; search marks these results `curated`.
 */
import type { HubModelSummary, HubTask } from '../../../preload/contract';

export interface CuratedModel {
  repo: string;
  task: HubTask;
  note: string;
  gated?: 'auto' | 'manual';
}

export const CURATED: readonly CuratedModel[] = [
  {
    repo: 'HuggingFaceTB/SmolLM2-135M-Instruct',
    task: 'text',
    note: 'tiny chat model (onnx/, q4 to fp32), runs on any CPU',
  },
  {
    repo: 'HuggingFaceTB/SmolLM2-360M-Instruct',
    task: 'text',
    note: 'small chat model (onnx/), quick on a laptop CPU',
  },
  {
    repo: 'onnx-community/Qwen2.5-0.5B-Instruct',
    task: 'text',
    note: 'small multilingual chat model (Qwen2), q4 about 0.5 GB',
  },
  {
    repo: 'onnx-community/Llama-3.2-1B-Instruct',
    task: 'text',
    note: 'Llama 3.2 1B chat (onnx/), q4 about 1 GB',
  },
  {
    repo: 'onnx-community/gemma-3-1b-it-ONNX',
    task: 'text',
    note: 'Gemma 3 1B chat; accept its licence on the hub first',
    gated: 'manual',
  },
  {
    repo: 'microsoft/Phi-3-mini-4k-instruct-onnx-web',
    task: 'text',
    note: 'Phi-3 mini (3.8B) in 4-bit, wants 4 GB of memory',
  },
  { repo: 'Xenova/gpt2', task: 'text', note: 'GPT-2 (124M) for plain continuation, merged decoder' },
  {
    repo: 'onnxruntime/sd-turbo',
    task: 'image',
    note: 'SD-Turbo in 1–4 steps, fp16 built for NVIDIA GPUs: a CPU refuses its fused operators at import',
  },
  {
    repo: 'nmkd/stable-diffusion-1.5-onnx-fp16',
    task: 'image',
    note: 'Stable Diffusion 1.5 in fp16 (about 2 GB)',
  },
  {
    repo: 'aislamov/stable-diffusion-2-1-base-onnx',
    task: 'image',
    note: 'Stable Diffusion 2.1 base (512 px)',
  },
];

const byRepo = new Map(CURATED.map((m) => [m.repo.toLowerCase(), m]));

/** The curated entry of a repository, if it has one (the hub's ids are case-insensitive). */
export const curatedOf = (repo: string): CuratedModel | undefined => byRepo.get(repo.toLowerCase());

/** The list as the Models view shows it offline: no counts, the hub gives those on search. */
export function curatedSummaries(): HubModelSummary[] {
  return CURATED.map((m) => ({
    repo: m.repo,
    task: m.task,
    downloads: 0,
    likes: 0,
    updatedAt: null,
    gated: m.gated ?? 'no',
    curated: true,
    note: m.note,
  }));
}
