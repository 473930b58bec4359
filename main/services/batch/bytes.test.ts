/**
 * Bytes in a queued call (./bytes.ts): they travel as {"$bytes": base64} and come back as the
 * same bytes; `datasets.generate` (a source PNG and its seeds) is a call workers may run, its
 * key follows the bytes, its refusals name the field as the router does, and bytes where the
 * contract takes none are still refused.
 */
import { describe, expect, it } from 'vitest';
import { jsonBytes, reviveBytes } from './bytes';
import { batchIdOf, checkCall, jobIdOf, withJobId } from './call';
import { checkJob } from './worker';

const png = (fill: number): Uint8Array => new Uint8Array(64).fill(fill);
const generate = (extra: Record<string, unknown> = {}, bytes = png(1)) => ({
  method: 'datasets.generate',
  params: jsonBytes({
    method: 'classic',
    source: { path: 'cat/a.png', label: 'cat', png: bytes },
    seeds: [1, 2],
    ...extra,
  }) as Record<string, unknown>,
});

describe('jsonBytes and reviveBytes', () => {
  it('carry bytes through JSON and back, anywhere in the value', () => {
    const value = { a: new Uint8Array([0, 1, 255]), list: [new Uint8Array([7])], n: 1, s: 'x' };
    const text = JSON.stringify(jsonBytes(value));
    expect(text).toContain('"$bytes":"AAH/"');
    expect(reviveBytes(JSON.parse(text))).toEqual(value);
  });

  it('leave other objects alone, an object with more keys than $bytes included', () => {
    const v = { $bytes: 'AA==', other: 1 };
    expect(reviveBytes(v)).toEqual(v);
    expect(reviveBytes({ $bytes: 3 })).toEqual({ $bytes: 3 });
  });
});

describe('datasets.generate as a batch call', () => {
  it('is a call workers may run; the router gets the bytes back', () => {
    const r = checkCall(generate());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // Queued as JSON: the payload is what Redis keeps, and the router's input has the bytes.
    expect(JSON.parse(JSON.stringify(r.call))).toEqual(r.call);
    const input = withJobId(r.call, 'job') as { source: { png: unknown } };
    expect(input.source.png).toEqual(png(1));
  });

  it('keys the call by its bytes and seeds', () => {
    const keyOf = (c: unknown): string => {
      const r = checkCall(c);
      if (!r.ok) throw new Error(r.error.message);
      return r.key;
    };
    expect(keyOf(generate())).toBe(keyOf(generate()));
    expect(keyOf(generate({}, png(2)))).not.toBe(keyOf(generate()));
    expect(keyOf(generate({ seeds: [1] }))).not.toBe(keyOf(generate()));
  });

  it.each([
    ['a bad method', { method: 'sketch' }, 'params.method'],
    ['65 seeds', { seeds: Array.from({ length: 65 }, (_, i) => i) }, 'params.seeds'],
    ['a long path', { source: { path: 'x'.repeat(1025), label: 'cat', png: png(1) } }, 'params.source.path'],
    [
      'a PNG as a list of numbers',
      { source: { path: 'a.png', label: 'cat', png: [1, 2] } },
      'params.source.png',
    ],
  ])('refuses %s, naming the field', (_what, extra, field) => {
    const r = checkCall(generate(extra));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.field).toBe(field);
  });

  it('still refuses bytes where the contract takes none', () => {
    const r = checkCall({
      method: 'texture.generate',
      params: { params: { seed: 1, size: 256, style: { $bytes: 'AAAA' } } },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.field).toBe('params.params.style');
  });

  it('passes the worker’s second look', () => {
    const r = checkCall(generate());
    if (!r.ok) throw new Error(r.error.message);
    const batch = batchIdOf('augment /out', []);
    const data = { index: 1, key: r.key, call: r.call, batch };
    expect(checkJob({ id: jobIdOf(batch, r.key), data })).toEqual(data);
  });
});
