/**
 * What `atelier batch` refuses, with a real `redis-server` and a real worker process: a malformed
 * call is refused at submit (its line and field named, nothing queued), and a call the worker's
 * services refuse fails at once — not retried — with its reason in failures.jsonl, while a
 * failure that may pass elsewhere (a model this worker lacks) is tried again before it fails.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { captureOutput } from './testing';
import { runCli } from '../cli';
import { startRedis, startWorkerProcess, type TestRedis, type TestWorker } from '../services/batch/testing';
import type { ManifestLine } from '../services/batch/writer';
import { tempDir } from '../testing/atelier';

const texture = (seed: number, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({
    method: 'texture.generate',
    params: { params: { seed, size: 256, style: 'granite', ...extra } },
  });

let tmp: { path: string; remove(): void };
let redis: TestRedis;
let worker: TestWorker | null = null;
const { stderr: err } = captureOutput({ progress: false });

beforeAll(async () => {
  tmp = tempDir('atelier-batch-refusals-');
  redis = await startRedis();
});

afterAll(async () => {
  await redis?.remove();
  tmp?.remove();
});

afterEach(async () => {
  if (worker && worker.proc.exitCode === null) worker.proc.kill('SIGKILL');
  await worker?.exited;
  worker = null;
});

it('refuses a malformed call at submit, naming its line and field, and queues nothing', async () => {
  const bad = join(tmp.path, 'bad.jsonl');
  const lines = [texture(1), texture(2), texture(3, { size: 100 }), texture(4)];
  lines.push('{"method": "models.import", "params": {"path": "/"}}');
  writeFileSync(bad, lines.join('\n'));
  const dir = join(tmp.path, 'out-bad');
  const conn = new Redis(redis.url);
  try {
    const keysBefore = (await conn.keys('*')).sort();
    expect(await runCli(['batch', 'submit', bad, '--redis', redis.url, '--out', dir])).toBe(2);
    expect(err.join('\n')).toContain(
      'bad.jsonl line 3: Size must be at least 256 px. (field params.params.size)',
    );
    expect(err.join('\n')).toContain('bad.jsonl line 5: models.import cannot run on workers');
    expect(err.at(-1)).toMatch(/2 lines of .*bad\.jsonl refused; nothing was queued$/);
    expect((await conn.keys('*')).sort()).toEqual(keysBefore);
    expect(existsSync(dir)).toBe(false);
  } finally {
    conn.disconnect();
  }
});

it('fails a call the worker refuses at once, retries one that may pass elsewhere, and names both', async () => {
  worker = await startWorkerProcess(redis.url, 'f1', join(tmp.path, 'data-f1'));
  const calls = join(tmp.path, 'refused.jsonl');
  // Both pass the contract; the worker's services refuse the style, and lack the model.
  writeFileSync(
    calls,
    [texture(1), texture(2, { style: 'nope' }), texture(3, { model: 'nope' }), texture(4)].join('\n'),
  );
  const dir = join(tmp.path, 'out-refused');
  expect(await runCli(['batch', 'submit', calls, '--redis', redis.url, '--out', dir])).toBe(1);
  expect(err.at(-1)).toMatch(/2 of 4 calls failed; the reasons are in .*failures\.jsonl$/);
  const read = <T>(name: string): T[] =>
    readFileSync(join(dir, name), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as T);
  expect(
    read<ManifestLine>('manifest.jsonl')
      .map((l) => l.index)
      .sort(),
  ).toEqual([1, 4]);
  const failures = read<{ index: number; reason: string }>('failures.jsonl').sort(
    (a, b) => a.index - b.index,
  );
  expect(failures).toMatchObject([
    { index: 2, reason: expect.stringContaining('Unknown style "nope"') as string },
    { index: 3, reason: expect.stringContaining('There is no model "nope" installed') as string },
  ]);
  // The refused style was tried once; the missing model three times (the job's attempts).
  const failedLines = worker.lines.filter((l) => l.startsWith('failed'));
  expect(failedLines.filter((l) => l.includes('Unknown style'))).toHaveLength(1);
  expect(failedLines.filter((l) => l.includes('no model "nope"'))).toHaveLength(3);
}, 120_000);
