/** A hub repository as the Models view shows it: studio, layout, variants for this machine, or why it cannot run. */
import { describe, expect, it } from 'vitest';
import type { RawModel, RawSummary } from './client';
import { describeModel, mergeResults, searchFilters } from './describe';

const GB = 1e9;
const raw = (files: [string, number][], over: Partial<RawModel> = {}): RawModel => ({
  repo: 'onnx-community/Tiny-Chat',
  sha: 'c'.repeat(40),
  pipelineTag: 'text-generation',
  gated: 'no',
  license: 'apache-2.0',
  tags: [],
  files: files.map(([path, size]) => ({
    path,
    size,
    sha256: path.includes('.onnx') ? 'd'.repeat(64) : null,
  })),
  ...over,
});

const onnxLayout: [string, number][] = [
  ['config.json', 700],
  ['tokenizer.json', 2_000_000],
  ['onnx/model.onnx', 2.4 * GB],
  ['onnx/model_fp16.onnx', 1.2 * GB],
  ['onnx/model_q4.onnx', 0.4 * GB],
];

describe('describeModel', () => {
  it('lists the onnx/ variants and suggests 4-bit on a CPU with 4 GB', () => {
    const info = describeModel(raw(onnxLayout), '# card', { provider: 'cpu', ramBytes: 4 * GB });
    expect(info.layout).toBe('onnx');
    expect(info.task).toBe('text');
    expect(info.variants.map((v) => [v.id, v.suggested])).toEqual([
      ['fp32', false],
      ['fp16', false],
      ['q4', true],
    ]);
    expect(info.variants.find((v) => v.id === 'q4')!.files).toEqual([
      'onnx/model_q4.onnx',
      'config.json',
      'tokenizer.json',
    ]);
    expect(info.variants.find((v) => v.id === 'fp32')?.unsupported).toBeUndefined();
    expect(info.unsupported).toBeUndefined();
  });

  it('marks variants bigger than the memory as unsupported, with the sizes', () => {
    const info = describeModel(raw(onnxLayout), '', { provider: 'cpu', ramBytes: 2 * GB });
    expect(info.variants.find((v) => v.id === 'fp32')?.unsupported).toMatch(
      /about 2\.4 GB of memory and this machine has 2\.0 GB/,
    );
  });

  it('says why a model of another task cannot run', () => {
    const info = describeModel(raw(onnxLayout, { pipelineTag: 'feature-extraction' }), '', {
      provider: 'cpu',
      ramBytes: 8 * GB,
    });
    expect(info.unsupported).toMatch(/It is a feature-extraction model/);
    expect(info.variants).toEqual([]);
  });

  it('says why a repository without an ONNX model cannot run', () => {
    const info = describeModel(raw([['model.safetensors', GB]], { pipelineTag: null }), '', {
      provider: 'cpu',
      ramBytes: 8 * GB,
    });
    expect(info).toMatchObject({ layout: null, task: null, variants: [] });
    expect(info.unsupported).toMatch(/no ONNX model Atelier can run/);
  });

  it('takes a Stable Diffusion pipeline as an image model', () => {
    const info = describeModel(
      raw(
        [
          ['model_index.json', 500],
          ['unet/model.onnx', 1.7 * GB],
          ['text_encoder/model.onnx', 0.5 * GB],
        ],
        { pipelineTag: null },
      ),
      '',
      { provider: 'cpu', ramBytes: 16 * GB },
    );
    expect(info).toMatchObject({ task: 'image', layout: 'stable-diffusion' });
    expect(info.variants.map((v) => v.id)).toEqual(['default']);
  });
});

describe('search results', () => {
  const s = (repo: string, downloads: number): RawSummary => ({
    repo,
    pipelineTag: 'text-generation',
    downloads,
    likes: 0,
    updatedAt: null,
    gated: 'no',
  });

  it('merges several searches: each repository once, the most downloaded first, curated ones marked', () => {
    const out = mergeResults(
      [
        [s('a/x', 5), s('onnx-community/Qwen2.5-0.5B-Instruct', 50)],
        [s('a/x', 5), s('b/y', 9)],
      ],
      2,
    );
    expect(out.map((m) => m.repo)).toEqual(['onnx-community/Qwen2.5-0.5B-Instruct', 'b/y']);
    expect(out[0]).toMatchObject({ curated: true, task: 'text' });
    expect(out[0]!.note).toBeTruthy();
    expect(out[1]).toMatchObject({ curated: false });
  });

  it('filters text on text-generation with the onnx and transformers.js tags, images on text-to-image', () => {
    expect(searchFilters('text')).toEqual([
      { pipeline: 'text-generation', tags: ['onnx'] },
      { pipeline: 'text-generation', tags: ['transformers.js'] },
    ]);
    expect(searchFilters('image')).toEqual([{ pipeline: 'text-to-image', tags: ['onnx'] }]);
    expect(searchFilters(undefined)).toEqual([{ tags: ['onnx'] }]);
  });
});
