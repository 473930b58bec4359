import { describe, expect, it } from 'vitest';
import { externalDataOf, folderLayout, suggestVariant, type FolderFile, type Machine } from './variants';

const MB = 1e6;
const GB = 1e9;
const support = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'chat_template.jinja'].map(
  (path): FolderFile => ({ path, size: 1000 }),
);

/** An onnx-community folder of a model whose fp32 graph is `fp32` bytes. */
function onnxFolder(fp32: number): FolderFile[] {
  return [
    ...support,
    { path: 'onnx/model.onnx', size: 1 * MB },
    { path: 'onnx/model.onnx_data', size: fp32 },
    { path: 'onnx/model_fp16.onnx', size: fp32 / 2 },
    { path: 'onnx/model_quantized.onnx', size: fp32 / 4 },
    { path: 'onnx/model_q4.onnx', size: fp32 / 6 },
    { path: 'onnx/model_q4f16.onnx', size: fp32 / 7 },
    { path: 'README.md', size: 10 },
  ];
}

const cpu = (ramGb: number): Machine => ({ provider: 'cpu', ramBytes: ramGb * GB });
const gpu = (ramGb: number): Machine => ({ provider: 'cuda', ramBytes: ramGb * GB });
const pick = (files: FolderFile[], m: Machine): string | undefined =>
  suggestVariant(folderLayout(files)!.variants, m)?.id;

describe('folderLayout', () => {
  it('reads the onnx/ layout: one variant per graph, its external data and the support files', () => {
    const l = folderLayout(onnxFolder(500 * MB))!;
    expect(l.layout).toBe('onnx');
    expect(l.variants.map((v) => v.id)).toEqual(['fp32', 'fp16', 'q4', 'q4f16', 'quantized']);
    const fp32 = l.variants[0]!;
    expect(fp32.graph).toBe('onnx/model.onnx');
    expect(fp32.kind).toBe('model');
    expect(fp32.files).toEqual([
      'onnx/model.onnx',
      'onnx/model.onnx_data',
      'config.json',
      'tokenizer.json',
      'tokenizer_config.json',
      'chat_template.jinja',
      'README.md',
    ]);
    expect(l.variants[1]!.files).not.toContain('onnx/model.onnx_data');
  });

  it('labels each variant with its size in units people read (kB under a megabyte)', () => {
    const label = (bytes: number): string =>
      folderLayout([{ path: 'onnx/model_q4.onnx', size: bytes }])!.variants[0]!.label;
    expect(label(229_000)).toBe('4-bit (q4), 229 kB');
    expect(label(120 * MB)).toBe('4-bit (q4), 120 MB');
    expect(label(2.4e9)).toBe('4-bit (q4), 2.4 GB');
  });

  it('reads the Optimum layout and merged decoders', () => {
    const optimum = folderLayout([...support, { path: 'model.onnx', size: 10 }])!;
    expect(optimum.layout).toBe('optimum');
    expect(optimum.variants.map((v) => [v.id, v.graph])).toEqual([['fp32', 'model.onnx']]);
    const merged = folderLayout([
      ...support,
      { path: 'onnx/decoder_model_merged.onnx', size: 10 },
      { path: 'onnx/decoder_model_merged_quantized.onnx', size: 5 },
      { path: 'onnx/decoder_model.onnx', size: 10 },
      { path: 'onnx/decoder_with_past_model.onnx', size: 10 },
    ])!;
    expect(merged.variants.map((v) => [v.id, v.kind])).toEqual([
      ['fp32', 'merged'],
      ['quantized', 'merged'],
    ]);
  });

  it('knows no graph in a folder of split decoders or of other files', () => {
    expect(
      folderLayout([
        ...support,
        { path: 'decoder_model.onnx', size: 1 },
        { path: 'decoder_with_past_model.onnx', size: 1 },
      ]),
    ).toBeNull();
    expect(folderLayout(support)).toBeNull();
  });

  it('finds external data by its usual names only', () => {
    const all = ['onnx/model.onnx', 'onnx/model.onnx_data', 'onnx/model.onnx_data_1', 'onnx/model_q4.onnx_data'];
    expect(externalDataOf('onnx/model.onnx', all)).toEqual(['onnx/model.onnx_data', 'onnx/model.onnx_data_1']);
  });
});

describe('suggestVariant', () => {
  it('on the CPU, a small model in fp32', () => {
    expect(pick(onnxFolder(500 * MB), cpu(16))).toBe('fp32');
  });

  it('on the CPU, a big model in 4-bit', () => {
    expect(pick(onnxFolder(6 * GB), cpu(16))).toBe('q4');
    // fp32 would take more than a quarter of the memory.
    expect(pick(onnxFolder(1.5 * GB), cpu(4))).toBe('q4');
  });

  it('on the CPU without a q4 graph, 8-bit', () => {
    const files = onnxFolder(6 * GB).filter((f) => !f.path.includes('q4'));
    expect(pick(files, cpu(16))).toBe('quantized');
  });

  it('on a GPU, fp16', () => {
    expect(pick(onnxFolder(500 * MB), gpu(16))).toBe('fp16');
    expect(pick(onnxFolder(6 * GB), { provider: 'dml', ramBytes: 32 * GB })).toBe('fp16');
  });

  it('on a GPU whose machine cannot hold fp16, something that fits', () => {
    expect(pick(onnxFolder(12 * GB), gpu(8))).toBe('q4f16');
  });

  it('a folder of one variant gets that one; none gets null', () => {
    expect(pick([...support, { path: 'model.onnx', size: 30 * GB }], cpu(8))).toBe('fp32');
    expect(suggestVariant([], cpu(8))).toBeNull();
  });
});
