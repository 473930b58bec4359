/**
 * `atelier batch submit|wait --library` end to end: a real `redis-server` on a free loopback
 * port and a real worker process; the batch's texture results become texture records in the
 * submitting machine's library (`atelier library` lists them, with the worker's provenance and
 * the same bytes as in --out), answers without records add none, and a second `wait --library`
 * adds nothing.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureOutput } from './testing';
import { runCli } from '../cli';
import { Library } from '../services/library/library';
import { startRedis, startWorkerProcess, type TestRedis, type TestWorker } from '../services/batch/testing';
import type { ManifestLine } from '../services/batch/writer';
import { tempDir } from '../testing/atelier';

const CALLS = [
  ...Array.from({ length: 4 }, (_, k) => ({
    method: 'texture.generate',
    params: { params: { seed: k + 1, size: 256, style: 'granite' } },
  })),
  ...Array.from({ length: 2 }, (_, k) => ({ method: 'palette.generate', params: { seed: k + 1, count: 2 } })),
];

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

let tmp: { path: string; remove(): void };
let redis: TestRedis;
let worker: TestWorker | null = null;
const { stdout: out, stderr: err } = captureOutput({ progress: false });

beforeAll(async () => {
  tmp = tempDir('atelier-batch-library-');
  writeFileSync(join(tmp.path, 'calls.jsonl'), CALLS.map((c) => JSON.stringify(c)).join('\n') + '\n');
  redis = await startRedis();
  worker = await startWorkerProcess(redis.url, 'lib-worker', join(tmp.path, 'worker-data'));
}, 120_000);

afterAll(async () => {
  if (worker && worker.proc.exitCode === null) {
    worker.proc.kill('SIGTERM');
    await worker.exited;
  }
  await redis?.remove();
  tmp?.remove();
});

describe('atelier batch --library', () => {
  it('refuses --data-dir without --library before anything is queued', async () => {
    const dir = join(tmp.path, 'refused');
    const code = await runCli([
      'batch',
      'submit',
      join(tmp.path, 'calls.jsonl'),
      '--redis',
      redis.url,
      '--out',
      dir,
      '--data-dir',
      join(tmp.path, 'nowhere'),
    ]);
    expect(code).not.toBe(0);
    expect(err.join('\n')).toMatch(/--data-dir goes with --library/);
    expect(out).toEqual([]);
  });

  it('records each texture in the library with its file and provenance; a second wait adds none', async () => {
    const dir = join(tmp.path, 'out');
    const data = join(tmp.path, 'submitter-data');
    const code = await runCli([
      'batch',
      'submit',
      join(tmp.path, 'calls.jsonl'),
      '--redis',
      redis.url,
      '--out',
      dir,
      '--library',
      '--data-dir',
      data,
    ]);
    expect(code).toBe(0);
    const id = out[0]!;
    expect(id).toMatch(/^[a-f0-9]{16}$/);
    expect(err.join('\n')).toContain(`4 records added to the library in ${data}`);

    // `atelier library` lists them.
    out.length = 0;
    expect(await runCli(['library', '--data-dir', data])).toBe(0);
    const listed = out.filter((l) => l.split('\t')[2] === 'texture');
    expect(listed).toHaveLength(4);

    // Each record: the worker's provenance and the same bytes as its file in --out.
    const lines = readFileSync(join(dir, 'manifest.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as ManifestLine);
    const outFiles = new Set(lines.flatMap((l) => l.files.map((f) => f.sha256)));
    expect(outFiles.size).toBe(4);
    const lib = Library.open(data);
    try {
      const records = lib.list({ kind: 'texture' });
      expect(records).toHaveLength(4);
      for (const g of records) {
        // Palette draws share seeds with the textures: match the texture call's line.
        const line = lines.find((l) => l.method === 'texture.generate' && l.seed === g.seed)!;
        expect(g.provider).toBe(line.provider);
        expect(g.modelSha256).toBe(line.model?.sha256);
        expect(g.modelSha256).toMatch(/^[a-f0-9]{64}$/);
        expect(g.params).toMatchObject({ batch: { worker: 'lib-worker', key: line.key } });
        const image = await lib.readAsset(g.id, 'image');
        expect(outFiles.has(sha(image.bytes))).toBe(true);
      }
    } finally {
      lib.close();
    }

    // `batch wait --library` on the finished batch: nothing added twice.
    err.length = 0;
    expect(await runCli(['batch', 'wait', id, '--redis', redis.url, '--library', '--data-dir', data])).toBe(
      0,
    );
    expect(err.join('\n')).toContain('0 records added to the library');
    out.length = 0;
    expect(await runCli(['library', '--data-dir', data])).toBe(0);
    expect(out.filter((l) => l.split('\t')[2] === 'texture')).toHaveLength(4);
  }, 240_000);
});
