/**
 * Which files of a published model folder make one runnable model, and which of its graph
 * variants suits this machine. Shared by the hub download (to fetch only what one variant needs)
 * and the folder import (to install only that variant).
 *
 * Layouts:
 * - `onnx`: transformers.js / onnx-community — configs and tokenizer at the top, graphs under
 *   `onnx/` as `model.onnx`, `model_fp16.onnx`, `model_quantized.onnx`, `model_q4.onnx`, … or the
 *   older `decoder_model_merged[_suffix].onnx`, each with its external data beside it
 *   (`model_q4.onnx_data`, `…_data_1`).
 * - `optimum`: `model.onnx` (or `decoder_model_merged.onnx`) at the top, same suffixes.
 * - `stable-diffusion`: `model_index.json` and one folder per network (one variant, `default`).
 */
import { posix } from 'node:path';

export interface FolderFile {
  path: string;
  size: number;
}

export type Layout = 'onnx' | 'optimum' | 'stable-diffusion';
export type DecoderKind = 'model' | 'merged';

export interface GraphVariant {
  /** fp32, fp16, int8, uint8, quantized, q4, q4f16, bnb4 … (`default` for a diffusion pipeline). */
  id: string;
  label: string;
  /** The decoder graph (absent for a diffusion pipeline). */
  graph?: string;
  kind?: DecoderKind;
  /** Every file the variant needs, support files included. */
  files: string[];
  bytes: number;
}

export interface FolderLayout {
  layout: Layout;
  variants: GraphVariant[];
}

/** Small files a decoder uses beside its graph (copied when present). */
export const DECODER_SUPPORT = [
  'config.json',
  'generation_config.json',
  'tokenizer.json',
  'tokenizer_config.json',
  'special_tokens_map.json',
  'chat_template.jinja',
  'README.md',
  'LICENSE',
];

const SD_FOLDERS = ['text_encoder', 'unet', 'vae_decoder', 'vae_encoder', 'tokenizer', 'scheduler'];

const LABELS: Record<string, string> = {
  fp32: 'full precision (fp32)',
  fp16: 'half precision (fp16)',
  int8: '8-bit (int8)',
  uint8: '8-bit (uint8)',
  quantized: '8-bit (quantized)',
  q4: '4-bit (q4)',
  q4f16: '4-bit, fp16 activations (q4f16)',
  bnb4: '4-bit (bnb4)',
  default: 'the whole pipeline',
};

const GRAPH = /^(model|decoder_model_merged)(?:_([a-z0-9]+))?\.onnx$/;

/** `model.onnx_data`, `model.onnx.data`, `model.onnx_data_1` … beside a graph. */
export function externalDataOf(graph: string, all: string[]): string[] {
  return all
    .filter((p) => p !== graph && p.startsWith(graph) && /^(_data|\.data)(_\d+)?$/.test(p.slice(graph.length)))
    .sort();
}

const mb = (bytes: number): string =>
  bytes >= 1e9
    ? `${(bytes / 1e9).toFixed(1)} GB`
    : bytes >= 1e6
      ? `${Math.round(bytes / 1e6)} MB`
      : `${Math.max(1, Math.round(bytes / 1e3))} kB`;

/** The layout and variants of a folder's files, or null when nothing in it is a model Atelier knows. */
export function folderLayout(files: FolderFile[]): FolderLayout | null {
  const size = new Map(files.map((f) => [f.path, f.size]));
  const paths = files.map((f) => f.path);
  const sum = (list: string[]): number => list.reduce((s, p) => s + (size.get(p) ?? 0), 0);

  if (size.has('model_index.json')) {
    const parts = paths.filter((p) => SD_FOLDERS.includes(p.split('/')[0]!) || p === 'model_index.json');
    return {
      layout: 'stable-diffusion',
      variants: [{ id: 'default', label: `${LABELS.default}, ${mb(sum(parts))}`, files: parts, bytes: sum(parts) }],
    };
  }

  for (const [layout, dir] of [
    ['onnx', 'onnx'],
    ['optimum', ''],
  ] as const) {
    const graphs = paths.filter((p) => posix.dirname(p) === (dir || '.') && GRAPH.test(posix.basename(p)));
    if (!graphs.length) continue;
    // A folder with both plain and merged graphs: the plain ones (one graph, no branch input).
    const plain = graphs.filter((g) => posix.basename(g).startsWith('model'));
    const chosen = plain.length ? plain : graphs;
    const support = DECODER_SUPPORT.filter((p) => size.has(p));
    const variants = chosen.map((graph): GraphVariant => {
      const m = GRAPH.exec(posix.basename(graph))!;
      const id = m[2] ?? 'fp32';
      const own = [graph, ...externalDataOf(graph, paths)];
      const bytes = sum(own);
      return {
        id,
        label: `${LABELS[id] ?? id}, ${mb(bytes)}`,
        graph,
        kind: m[1] === 'model' ? 'model' : 'merged',
        files: [...own, ...support],
        bytes: bytes + sum(support),
      };
    });
    return { layout, variants: variants.sort((a, b) => order(a.id) - order(b.id)) };
  }
  return null;
}

const ORDER = ['fp32', 'fp16', 'q4', 'q4f16', 'int8', 'uint8', 'quantized', 'bnb4'];
const order = (id: string): number => (ORDER.includes(id) ? ORDER.indexOf(id) : ORDER.length);

export interface Machine {
  /** The execution provider the inference process runs (cpu, cuda, dml, coreml). */
  provider: string;
  /** Memory the machine has, in bytes. */
  ramBytes: number;
}

/**
 * The variant to suggest: on a GPU, fp16 (then fp32, then 4-bit); on the CPU, fp32 while it is
 * small next to the memory (under a quarter of it, at most 2 GB), else 4-bit, then 8-bit, then
 * whatever fits. A user can always pick another.
 */
export function suggestVariant(variants: GraphVariant[], machine: Machine): GraphVariant | null {
  if (!variants.length) return null;
  const by = (id: string): GraphVariant | undefined => variants.find((v) => v.id === id);
  const fits = (v: GraphVariant): boolean => v.bytes < machine.ramBytes * 0.6;
  const firstOf = (ids: string[]): GraphVariant | undefined =>
    ids.map(by).find((v): v is GraphVariant => !!v && fits(v));
  if (machine.provider !== 'cpu') return firstOf(['fp16', 'fp32', 'q4f16', 'q4', 'quantized', 'int8']) ?? variants[0]!;
  const fp32 = by('fp32') ?? by('default');
  if (fp32 && fp32.bytes <= Math.min(2e9, machine.ramBytes / 4)) return fp32;
  return firstOf(['q4', 'quantized', 'int8', 'uint8', 'q4f16', 'fp16', 'fp32', 'bnb4', 'default']) ?? variants[0]!;
}
