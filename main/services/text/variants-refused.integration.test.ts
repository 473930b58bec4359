/**
 * Published decoder folders that cannot run, refused by the real import against the real
 * inference process: each refusal names the file and the reason, and nothing is copied.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TINY, variantsEnv } from './variants-testing';

const { refused, copyOf } = variantsEnv('atelier-variants-refused-');

describe('refused, naming the file and the reason, before anything is copied', () => {
  it('a variant the folder does not have', async () => {
    const r = await refused({ path: join(TINY, 'onnx-llama'), variant: 'q8' });
    expect(r.message).toMatch(/has no "q8" variant; it has fp32, fp16, q4, q4f16, quantized\./);
    expect(r.field).toBe('variant');
  });

  it('a variant name that is not one', async () => {
    const r = await refused({ path: join(TINY, 'onnx-llama'), variant: '../q4' });
    expect(r.field).toBe('variant');
  });

  it('a corrupt graph', async () => {
    const dir = copyOf('onnx-llama', 'corrupt');
    const path = join(dir, 'onnx', 'model_q4f16.onnx');
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length / 3)));
    const r = await refused({ path: dir, variant: 'q4f16' });
    expect(r.message).toMatch(/onnx\/model_q4f16\.onnx cannot be opened by onnxruntime/);
  });

  it('an op onnxruntime cannot run', async () => {
    const dir = copyOf('onnx-llama', 'unknown-op');
    const path = join(dir, 'onnx', 'model_q4.onnx');
    const bytes = readFileSync(path);
    const from = Buffer.from('MatMulNBits');
    let n = 0;
    for (let i = bytes.indexOf(from); i !== -1; i = bytes.indexOf(from, i + 1), n++)
      Buffer.from('MatMulNBitz').copy(bytes, i);
    expect(n).toBeGreaterThan(0);
    writeFileSync(path, bytes);
    const r = await refused({ path: dir, variant: 'q4' });
    expect(r.message).toMatch(/onnx\/model_q4\.onnx cannot be opened by onnxruntime \(.*MatMulNBitz/s);
  });

  it('missing external data', async () => {
    const dir = copyOf('onnx-llama', 'no-data');
    rmSync(join(dir, 'onnx', 'model_q4.onnx_data'));
    expect((await refused({ path: dir, variant: 'q4' })).message).toMatch(
      /onnx\/model_q4\.onnx cannot be opened/,
    );
  });

  it('a missing config.json', async () => {
    const dir = copyOf('onnx-llama', 'no-config');
    rmSync(join(dir, 'config.json'));
    expect((await refused({ path: dir, variant: 'fp16' })).message).toMatch(/config\.json is missing/);
  });

  it('decoder_model.onnx and decoder_with_past_model.onnx without a merged graph', async () => {
    const dir = copyOf('gpt2', 'split-pair');
    cpSync(join(dir, 'model.onnx'), join(dir, 'decoder_model.onnx'));
    cpSync(join(dir, 'model.onnx'), join(dir, 'decoder_with_past_model.onnx'));
    rmSync(join(dir, 'model.onnx'));
    const r = await refused({ path: dir });
    expect(r.message).toMatch(
      /decoder_model\.onnx and decoder_with_past_model\.onnx without a merged decoder/,
    );
    expect(r.message).toMatch(/decoder_model_merged\.onnx/);
  });

  it('a merged graph without use_cache_branch', async () => {
    const dir = copyOf('gpt2', 'no-branch');
    cpSync(join(dir, 'model.onnx'), join(dir, 'decoder_model_merged.onnx'));
    rmSync(join(dir, 'model.onnx'));
    expect((await refused({ path: dir })).message).toMatch(/must take "use_cache_branch"/);
  });
});
