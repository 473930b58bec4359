/** Test fixtures for the Models view (imported by tests only): hub answers as the contract shapes them, and markup helpers. */
import type { HubDownload, HubModelInfo, HubModelSummary } from '../../../preload/contract';

export const summary = (repo: string, over: Partial<HubModelSummary> = {}): HubModelSummary => ({
  repo,
  task: 'text',
  downloads: 1234,
  likes: 56,
  updatedAt: '2026-03-03T10:00:00.000Z',
  gated: 'no',
  curated: false,
  ...over,
});

export const modelInfo = (over: Partial<HubModelInfo> = {}): HubModelInfo => ({
  repo: 'atelier-test/tiny-gpt2',
  revision: '0123456789abcdef0123456789abcdef01234567',
  task: 'text',
  license: 'mit',
  gated: 'no',
  card: '# Tiny GPT-2\n\nRandom weights, for tests.',
  files: [
    { path: 'config.json', size: 600, sha256: null },
    { path: 'onnx/model.onnx', size: 2_400_000, sha256: 'a'.repeat(64) },
    { path: 'onnx/model_fp16.onnx', size: 1_200_000, sha256: 'b'.repeat(64) },
    { path: 'tokenizer.json', size: 90_000, sha256: null },
  ],
  layout: 'onnx',
  variants: [
    {
      id: 'fp32',
      label: 'full precision (fp32), 2.5 MB',
      files: ['config.json', 'onnx/model.onnx', 'tokenizer.json'],
      bytes: 2_490_600,
      suggested: false,
    },
    {
      id: 'fp16',
      label: 'half precision (fp16), 1.3 MB',
      files: ['config.json', 'onnx/model_fp16.onnx', 'tokenizer.json'],
      bytes: 1_290_600,
      suggested: true,
    },
    {
      id: 'q4',
      label: '4-bit (q4)',
      files: ['config.json', 'onnx/model_q4.onnx', 'tokenizer.json'],
      bytes: 700_000,
      suggested: false,
      unsupported: 'MatMulNBits needs onnxruntime 1.17 or later.',
    },
  ],
  ...over,
});

export const download = (id: string, over: Partial<HubDownload> = {}): HubDownload => ({
  downloadId: `download-${id}`,
  repo: 'atelier-test/tiny-gpt2',
  revision: 'main',
  variant: 'fp16',
  state: 'downloading',
  bytesDone: 500_000,
  bytesTotal: 2_000_000,
  bytesPerSecond: 250_000,
  file: 'onnx/model_fp16.onnx',
  startedAt: 1000,
  updatedAt: 2000,
  ...over,
});

/** The test ids in a page of markup, in order. */
export const testIds = (html: string): string[] => [...html.matchAll(/data-testid="([^"]+)"/g)].map((r) => r[1]!);

/** The first tag carrying `attr` (React orders attributes its own way). */
export const firstTag = (html: string, attr: string): string =>
  new RegExp(`<[^>]*${attr}[^>]*>`).exec(html)?.[0] ?? '';
