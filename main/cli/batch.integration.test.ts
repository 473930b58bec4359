/**
 * `atelier worker` and `atelier batch` end to end: a real `redis-server` on a free loopback
 * port, real worker processes started through the CLI (each with its own data folder and
 * inference process), `batch submit`/`cancel` through the CLI in this process, and the
 * results compared with the same calls answered by one local Atelier.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { captureOutput } from './testing';
import { runCli } from '../cli';
import { checkCall } from '../services/batch/call';
import { QUEUE } from '../services/batch/redis';
import { answerCall } from '../services/batch/result';
import {
  startRedis,
  startWorkerProcess,
  waitFor,
  type TestRedis,
  type TestWorker,
} from '../services/batch/testing';
import type { ManifestLine } from '../services/batch/writer';
import { realAtelier, tempDir } from '../testing/atelier';

/** 48 textures (files) and 12 palette draws (answers only): 60 cheap, deterministic calls. */
const CALLS = [
  ...Array.from({ length: 48 }, (_, k) => ({
    method: 'texture.generate',
    params: { params: { seed: k + 1, size: 256, style: 'granite' } },
  })),
  ...Array.from({ length: 12 }, (_, k) => ({
    method: 'palette.generate',
    params: { seed: k + 1, count: 2 },
  })),
];

/** What must be the same on any machine: each file's sha256, and a palette call's colours. */
type Fingerprint = { files: string[]; palettes?: unknown };
const reference = new Map<string, Fingerprint>();
const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

let tmp: { path: string; remove(): void };
let redis: TestRedis;
let workers: TestWorker[] = [];
const { stdout: out, stderr: err } = captureOutput({ progress: false });

beforeAll(async () => {
  tmp = tempDir('atelier-batch-');
  writeFileSync(join(tmp.path, 'calls.jsonl'), CALLS.map((c) => JSON.stringify(c)).join('\n') + '\n');
  // The single-machine run: the same calls through one local Atelier's router.
  const local = await realAtelier();
  try {
    for (const c of CALLS) {
      const r = checkCall(c);
      if (!r.ok) throw new Error(r.error.message);
      const item = await answerCall(local.atelier, r.call, `local-${r.key.slice(0, 12)}`, 'local');
      const palettes = (item.answer as { palettes?: unknown }).palettes;
      reference.set(r.key, { files: item.files.map((f) => f.sha256), ...(palettes ? { palettes } : {}) });
    }
  } finally {
    await local.cleanup();
  }
  redis = await startRedis();
}, 180_000);

afterAll(async () => {
  await redis?.remove();
  tmp?.remove();
});

afterEach(async () => {
  for (const w of workers) if (w.proc.exitCode === null && w.proc.signalCode === null) w.proc.kill('SIGKILL');
  await Promise.all(workers.map((w) => w.exited));
  workers = [];
});

const startWorkers = async (url: string, names: string[]): Promise<TestWorker[]> => {
  const started = await Promise.all(
    names.map((n) => startWorkerProcess(url, n, join(tmp.path, `data-${n}-${Date.now()}`))),
  );
  workers.push(...started);
  return started;
};

const manifest = (dir: string): ManifestLine[] =>
  existsSync(join(dir, 'manifest.jsonl'))
    ? readFileSync(join(dir, 'manifest.jsonl'), 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as ManifestLine)
    : [];

/** 60 results, none twice, each the same bytes as the single-machine run. */
function expectAllSixty(dir: string): ManifestLine[] {
  const lines = manifest(dir);
  expect(lines).toHaveLength(60);
  expect(new Set(lines.map((l) => l.key)).size).toBe(60);
  for (const l of lines) {
    const ref = reference.get(l.key)!;
    expect(l.files.map((f) => f.sha256)).toEqual(ref.files);
    for (const f of l.files) expect(sha(readFileSync(join(dir, f.name)))).toBe(f.sha256);
    if (ref.palettes) expect((l.answer as { palettes: unknown }).palettes).toEqual(ref.palettes);
    expect(l.model?.sha256).toMatch(/^[a-f0-9]{64}$/);
    expect(l.provider).toBe('cpu');
  }
  // 48 PNGs and the manifest; no temporary file left behind.
  expect(readdirSync(dir).sort()).toEqual(
    [...lines.flatMap((l) => l.files.map((f) => f.name)), 'manifest.jsonl'].sort(),
  );
  return lines;
}

const submit = (dir: string, ...extra: string[]): Promise<number> =>
  runCli(['batch', 'submit', join(tmp.path, 'calls.jsonl'), '--redis', redis.url, '--out', dir, ...extra]);

describe('atelier batch with real workers', () => {
  it('runs 60 calls across 3 workers: 60 results, byte-identical to one machine; SIGTERM drains and exits 0', async () => {
    const ws = await startWorkers(redis.url, ['w1', 'w2', 'w3']);
    const dir = join(tmp.path, 'out-three');
    expect(await submit(dir)).toBe(0);
    expect(out[0]).toMatch(/^[a-f0-9]{16}$/);
    const lines = expectAllSixty(dir);
    expect(new Set(lines.map((l) => l.worker))).toEqual(new Set(['w1', 'w2', 'w3']));
    // The same file again is the same batch: nothing is queued or written twice.
    expect(await submit(dir)).toBe(0);
    expect(manifest(dir)).toHaveLength(60);
    for (const w of ws) w.proc.kill('SIGTERM');
    expect(await Promise.all(ws.map((w) => w.exited))).toEqual([0, 0, 0]);
  }, 240_000);

  it('loses nothing when a worker is SIGKILLed mid-job: still 60, none twice', async () => {
    const [w1] = await startWorkers(redis.url, ['k1']);
    const dir = join(tmp.path, 'out-kill');
    const done = submit(dir, '--name', 'kill');
    const conn = new Redis(redis.url, { maxRetriesPerRequest: null });
    const queue = new Queue(QUEUE, { connection: conn });
    try {
      await waitFor(() => w1!.lines.filter((l) => l.startsWith('done')).length >= 5, 'k1 to finish 5 jobs');
      // Kill it while it holds a job: that job is orphaned, active with nobody renewing its lock.
      const t0 = Date.now();
      while ((await queue.getActiveCount()) !== 1 && Date.now() - t0 < 30_000);
      w1!.proc.kill('SIGKILL');
      await w1!.exited;
      expect(await queue.getActiveCount()).toBe(1);
      await startWorkers(redis.url, ['k2', 'k3']);
      expect(await done).toBe(0);
    } finally {
      await queue.close();
      conn.disconnect();
    }
    const lines = expectAllSixty(dir);
    expect(lines.some((l) => l.worker === 'k1')).toBe(true);
    expect(lines.some((l) => l.worker !== 'k1')).toBe(true);
  }, 240_000);

  it('drains on SIGTERM (the job in hand finishes, no new one is taken); batch wait picks the batch up', async () => {
    const [d1] = await startWorkers(redis.url, ['d1']);
    const dir = join(tmp.path, 'out-drain');
    expect(await submit(dir, '--name', 'drain', '--detach')).toBe(0);
    const id = out[0]!;
    const conn = new Redis(redis.url, { maxRetriesPerRequest: null });
    const queue = new Queue(QUEUE, { connection: conn });
    try {
      await waitFor(() => d1!.lines.length >= 3, 'd1 to finish 3 jobs');
      const t0 = Date.now();
      while ((await queue.getActiveCount()) !== 1 && Date.now() - t0 < 30_000);
      d1!.proc.kill('SIGTERM');
      expect(await d1!.exited).toBe(0);
      // Killed mid-job, the job would stay active until its lock ran out; drained, none is.
      expect(await queue.getActiveCount()).toBe(0);
      expect(await queue.getWaitingCount()).toBeGreaterThan(0);
      expect(d1!.lines.filter((l) => l.startsWith('failed'))).toEqual([]);
    } finally {
      await queue.close();
      conn.disconnect();
    }
    await startWorkers(redis.url, ['d2']);
    expect(await runCli(['batch', 'wait', id, '--redis', redis.url])).toBe(0);
    expectAllSixty(dir);
  }, 240_000);

  it('writes no new result after cancel', async () => {
    const [w] = await startWorkers(redis.url, ['c1']);
    const dir = join(tmp.path, 'out-cancel');
    const done = submit(dir, '--name', 'cancel', '--window', '4');
    await waitFor(() => manifest(dir).length >= 3, '3 results');
    const id = out.find((l) => /^[a-f0-9]{16}$/.test(l))!;
    expect(await runCli(['batch', 'cancel', id, '--redis', redis.url])).toBe(0);
    const written = manifest(dir).length;
    const files = readdirSync(dir).length;
    expect(await done).toBe(1);
    expect(err.join('\n')).toMatch(new RegExp(`batch ${id} was cancelled: ${written} of 60 written`));
    // The worker finishes what it held and takes nothing more of this batch.
    const before = w!.lines.length;
    await new Promise((r) => setTimeout(r, 3000));
    expect(w!.lines.slice(before + 1).filter((l) => l.startsWith('done'))).toEqual([]);
    expect(manifest(dir)).toHaveLength(written);
    expect(readdirSync(dir)).toHaveLength(files);
    expect(written).toBeLessThan(60);
    expect(await runCli(['batch', 'status', id, '--redis', redis.url, '--json'])).toBe(0);
    expect(JSON.parse(out.at(-1)!)).toMatchObject({ state: 'cancelled', inFlight: 0 });
  }, 240_000);

  it('finishes a batch across a Redis restart (append-only file on): 60 results, nothing lost', async () => {
    const persistent = await startRedis({ appendOnly: true });
    try {
      await startWorkers(persistent.url, ['r1', 'r2']);
      const dir = join(tmp.path, 'out-restart');
      const done = runCli([
        'batch',
        'submit',
        join(tmp.path, 'calls.jsonl'),
        '--redis',
        persistent.url,
        '--out',
        dir,
      ]);
      await waitFor(() => manifest(dir).length >= 10, '10 results');
      await persistent.stop();
      await new Promise((r) => setTimeout(r, 1000));
      await persistent.start();
      expect(await done).toBe(0);
      expectAllSixty(dir);
    } finally {
      await persistent.remove();
    }
  }, 240_000);

  it('says clearly when Redis restarted empty, and the same submit again completes without a second copy', async () => {
    await startWorkers(redis.url, ['e1']);
    const dir = join(tmp.path, 'out-empty');
    const done = submit(dir, '--name', 'empty');
    await waitFor(() => manifest(dir).length >= 10, '10 results');
    await redis.stop();
    await redis.start(); // no persistence: the batch and its queue are gone
    expect(await done).toBe(1);
    expect(err.join('\n')).toMatch(
      /is not in Redis .*submit the same calls again; the items already in the folder are kept/,
    );
    const kept = manifest(dir).length;
    expect(kept).toBeGreaterThanOrEqual(10);
    expect(await submit(dir, '--name', 'empty')).toBe(0);
    expect(err.join('\n')).toContain(`(${kept} already in ${dir})`);
    expectAllSixty(dir);
  }, 240_000);
});
