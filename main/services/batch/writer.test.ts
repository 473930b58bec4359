/**
 * The results writer on real files in a temp dir: one copy however often an item arrives, files
 * through a rename (no temporary left behind), a damaged result refused, a torn manifest line
 * written again, failures recorded once.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../testing/atelier';
import type { ItemResult } from './result';
import { FAILURES, listedKeys, MANIFEST, ResultWriter } from './writer';

const bytes = Buffer.from('not really a png');
const result = (over: Partial<ItemResult> = {}): ItemResult => ({
  worker: 'w1',
  provider: 'cpu',
  model: { id: 'texture', sha256: 'ab'.repeat(32) },
  seed: 3,
  answer: { id: 'x' },
  files: [
    {
      role: 'image',
      mime: 'image/png',
      ext: 'png',
      sha256: createHash('sha256').update(bytes).digest('hex'),
      base64: bytes.toString('base64'),
    },
  ],
  ms: 12.4,
  ...over,
});
const item = {
  index: 2,
  key: 'c'.repeat(32),
  jobId: `${'a'.repeat(16)}-${'c'.repeat(32)}`,
  call: { method: 'texture.generate', params: { params: { seed: 3 } } },
  attempts: 1,
};

describe('ResultWriter', () => {
  let cleanup: () => void = () => undefined;
  afterEach(() => cleanup());

  it('writes the files and one manifest line, once, whatever arrives twice', () => {
    const t = tempDir();
    cleanup = t.remove;
    const w = new ResultWriter(t.path);
    expect(w.write(item, result())).toBe(true);
    expect(w.write(item, result({ worker: 'w2' }))).toBe(false);
    // A second writer on the same folder (a second `batch wait`) reads what is there.
    expect(new ResultWriter(t.path).write(item, result({ worker: 'w3' }))).toBe(false);
    expect(readdirSync(t.path).sort()).toEqual(['00002-cccccccc.png', MANIFEST]);
    expect(readFileSync(join(t.path, '00002-cccccccc.png'))).toEqual(bytes);
    const lines = readFileSync(join(t.path, MANIFEST), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      index: 2,
      key: item.key,
      method: 'texture.generate',
      worker: 'w1',
      provider: 'cpu',
      model: { id: 'texture' },
      seed: 3,
      files: [{ name: '00002-cccccccc.png', role: 'image', bytes: bytes.length }],
      ms: 12,
    });
  });

  it('refuses a result whose bytes do not match their sha256, and writes nothing for it', () => {
    const t = tempDir();
    cleanup = t.remove;
    const w = new ResultWriter(t.path);
    const bad = result();
    bad.files[0]!.sha256 = '0'.repeat(64);
    expect(() => w.write(item, bad)).toThrow(/arrived damaged/);
    expect(listedKeys(t.path).size).toBe(0);
  });

  it('writes an item again when its manifest line was cut short by a crash', () => {
    const t = tempDir();
    cleanup = t.remove;
    appendFileSync(join(t.path, MANIFEST), `{"index":2,"key":"${item.key}`);
    expect(new ResultWriter(t.path).write(item, result())).toBe(true);
  });

  it('records a failure once, with its reason', () => {
    const t = tempDir();
    cleanup = t.remove;
    const w = new ResultWriter(t.path);
    w.fail(item, 'Size must be at least 256 px.');
    w.fail(item, 'again');
    const lines = readFileSync(join(t.path, FAILURES), 'utf8').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([
      {
        index: 2,
        key: item.key,
        method: 'texture.generate',
        params: item.call.params,
        reason: 'Size must be at least 256 px.',
      },
    ]);
  });
});
