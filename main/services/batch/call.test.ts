/**
 * A batch call checked as the router checks it (the same words, the field named), the methods a
 * worker refuses, the worker-owned jobId, the call's key (the same for the same call however it
 * is written), and the worker's second look at a queued payload.
 */
import { describe, expect, it } from 'vitest';
import { batchIdOf, canonicalJson, checkCall, jobIdOf, parseCalls, withJobId } from './call';
import { checkJob } from './worker';

const texture = (seed: number, extra: Record<string, unknown> = {}) => ({
  method: 'texture.generate',
  params: { params: { seed, size: 256, style: 'granite', ...extra } },
});

describe('checkCall', () => {
  it('accepts a generator call and answers a 32-hex key', () => {
    const r = checkCall(texture(1));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.key).toMatch(/^[a-f0-9]{32}$/);
  });

  it('gives the same key whatever the key order and the defaults written out', () => {
    const a = checkCall(texture(1));
    const b = checkCall({
      params: { params: { style: 'granite', size: 256, seed: 1, model: 'texture', scale: 1 } },
      method: 'texture.generate',
    });
    const c = checkCall(texture(2));
    expect(a.ok && b.ok && c.ok).toBe(true);
    if (a.ok && b.ok && c.ok) {
      expect(b.key).toBe(a.key);
      expect(c.key).not.toBe(a.key);
    }
  });

  it('takes the jobId out of the call (it is the worker’s) and puts the worker’s in', () => {
    const r = checkCall({ ...texture(1), params: { ...texture(1).params, jobId: 'mine-12345' } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.call.params).not.toHaveProperty('jobId');
    expect(r.key).toBe((checkCall(texture(1)) as { key: string }).key);
    expect(withJobId(r.call, 'worker-job-1')).toMatchObject({ jobId: 'worker-job-1' });
    expect(withJobId({ method: 'palette.generate', params: { seed: 1 } }, 'x')).toEqual({ seed: 1 });
  });

  it('refuses a bad field with the router’s words and the field’s path', () => {
    const r = checkCall(texture(1, { size: 100 }));
    expect(r).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: 'Size must be at least 256 px.', field: 'params.params.size' },
    });
    const missing = checkCall({ method: 'melody.generate', params: { seed: 1 } });
    expect(missing).toMatchObject({ ok: false, error: { field: 'params.bars' } });
  });

  it('refuses unknown methods, methods that touch host files or the library, and odd shapes', () => {
    expect(checkCall({ method: 'texture.paint', params: {} })).toMatchObject({
      ok: false,
      error: { message: 'There is no method "texture.paint".', field: 'method' },
    });
    for (const method of [
      'models.import',
      'datasets.augment',
      'library.delete',
      'jobs.cancel',
      'palette.save',
    ])
      expect(checkCall({ method, params: {} })).toMatchObject({
        ok: false,
        error: { message: expect.stringContaining('cannot run on workers') as string, field: 'method' },
      });
    expect(
      checkCall({
        method: 'image.generate',
        params: { params: { prompt: 'a cat', init: { generationId: 'abcdef12' } } },
      }),
    ).toMatchObject({ ok: false, error: { field: 'params.params.init' } });
    expect(checkCall([1])).toMatchObject({ ok: false });
    expect(checkCall({ method: 'palette.generate', params: [] })).toMatchObject({
      ok: false,
      error: { field: 'params' },
    });
    expect(checkCall({ method: 'palette.generate', params: {}, extra: 1 })).toMatchObject({
      ok: false,
      error: { field: 'extra' },
    });
  });

  it('writes canonical JSON with sorted keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}',
    );
  });
});

describe('parseCalls', () => {
  it('keeps each call once at its first line, skips blank lines, and names every refused line', () => {
    const good = JSON.stringify(texture(1));
    const text = [
      good,
      '',
      JSON.stringify(texture(2)),
      good,
      '{nope',
      JSON.stringify(texture(3, { size: 100 })),
    ].join('\n');
    const { items, refused } = parseCalls(text, 'calls.jsonl');
    expect(items.map((it) => it.index)).toEqual([1, 3]);
    expect(refused).toEqual([
      'calls.jsonl line 5: not a JSON object',
      'calls.jsonl line 6: Size must be at least 256 px. (field params.params.size)',
    ]);
  });
});

describe('checkJob (the worker’s second look)', () => {
  const r = checkCall(texture(7));
  if (!r.ok) throw new Error('fixture');
  const batch = batchIdOf('', [r.key]);
  const data = { batch, index: 1, key: r.key, call: r.call };

  it('passes a payload whose id is the hash of its call', () => {
    expect(checkJob({ id: jobIdOf(batch, r.key), data })).toEqual(data);
  });

  it('refuses a payload changed after it was queued, a refused method, and junk', () => {
    const changed = { ...data, call: texture(8) };
    expect(() => checkJob({ id: jobIdOf(batch, r.key), data: changed })).toThrow(/does not match its call/);
    const hostile = { ...data, call: { method: 'models.import', params: { path: '/' } } };
    expect(() => checkJob({ id: jobIdOf(batch, r.key), data: hostile })).toThrow(/cannot run on workers/);
    const bad = { ...data, call: texture(7, { size: 100 }) };
    expect(() => checkJob({ id: jobIdOf(batch, r.key), data: bad })).toThrow(/Size must be at least 256 px/);
    expect(() => checkJob({ id: 'x', data: { nope: 1 } })).toThrow(/not a batch call/);
  });
});
