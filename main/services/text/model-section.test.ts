/** The text section of a manifest: manifests written before graph variants still load; the new fields are checked. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Manifest } from '../models/manifest';
import { defaultModelsDir } from '../paths';

const bundled = (): Record<string, unknown> & { text: Record<string, unknown>; inputs: unknown[] } =>
  JSON.parse(readFileSync(join(defaultModelsDir(), 'text', 'model.json'), 'utf8')) as ReturnType<
    typeof bundled
  >;

describe('the text manifest section', () => {
  it('a manifest without variant fields (float32, one decoder) still loads', () => {
    const m = bundled();
    expect(m.text.kvDtype).toBeUndefined();
    expect(Manifest.safeParse(m).success).toBe(true);
  });

  it('takes a variant, float16 caches and logits, and a merged decoder with its input', () => {
    const m = bundled();
    const text = {
      ...m.text,
      variant: 'q4f16',
      kvDtype: 'float16',
      logitsDtype: 'float16',
      cacheBranch: true,
    };
    const inputs = [...m.inputs, { name: 'use_cache_branch', dtype: 'bool', shape: [1] }];
    expect(Manifest.safeParse({ ...m, text, inputs }).success).toBe(true);
  });

  it('refuses a merged decoder without use_cache_branch, and cache types it cannot run', () => {
    const m = bundled();
    const merged = Manifest.safeParse({ ...m, text: { ...m.text, cacheBranch: true } });
    expect(merged.success).toBe(false);
    expect(merged.error?.issues[0]).toMatchObject({ path: ['text', 'cacheBranch'] });
    const bf16 = Manifest.safeParse({ ...m, text: { ...m.text, kvDtype: 'bfloat16' } });
    expect(bf16.error?.issues[0]?.path).toEqual(['text', 'kvDtype']);
  });
});
