/**
 * Batch work figures for `npm run bench -- batch`: a real `redis-server` on a loopback port and
 * 1, 2 and 3 real `atelier worker` processes on this machine draining the same batch, timed from
 * submit to the last result written in --out (the submitting side's loop, as `batch submit`
 * runs it). Worker start-up is not timed. Then the queue's overhead per job: the 1-worker time
 * per item against the same call made locally through the router (and the same gathering of
 * files), for a texture (256 px) and for the cheapest call there is (one palette draw), where
 * the overhead is most of the time. Skipped without redis-server on PATH.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Queue } from 'bullmq';
import type { Atelier } from '../services/atelier';
import { batchIdOf, checkCall } from '../services/batch/call';
import { drive } from '../services/batch/driver';
import { connect, QUEUE } from '../services/batch/redis';
import { answerCall } from '../services/batch/result';
import { createBatch, type BatchItem } from '../services/batch/store';
import { startRedis, startWorkerProcess, type TestWorker } from '../services/batch/testing';
import { ResultWriter } from '../services/batch/writer';
import { tempDir } from '../testing/atelier';
import type { Table } from './latent';

/** Items per timed batch. */
const N = 40;
const f = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '-');

type Maker = (k: number) => unknown;
const KINDS: { label: string; make: Maker }[] = [
  {
    label: 'texture.generate 256 px',
    make: (k) => ({
      method: 'texture.generate',
      params: { params: { seed: k, size: 256, style: 'granite' } },
    }),
  },
  {
    label: 'palette.generate ×1',
    make: (k) => ({ method: 'palette.generate', params: { seed: k, count: 1 } }),
  },
];

function items(make: Maker, from: number): BatchItem[] {
  return Array.from({ length: N }, (_, i) => {
    const r = checkCall(make(from + i));
    if (!r.ok) throw new Error(r.error.message);
    return { index: i + 1, key: r.key, call: r.call };
  });
}

/** Seconds from submit to the last result written. */
async function timedBatch(url: string, list: BatchItem[], name: string, outDir: string): Promise<number> {
  const redis = connect(url);
  const queue = new Queue(QUEUE, { connection: redis });
  try {
    const id = batchIdOf(
      name,
      list.map((it) => it.key),
    );
    const t0 = performance.now();
    await createBatch(redis, id, { name, out: outDir, window: 64 }, list);
    const c = await drive({ redis, queue, id, writer: new ResultWriter(outDir), pollMs: 20 });
    if (c.written !== list.length)
      throw new Error(`batch ${name}: ${c.written} of ${list.length} written, ${c.failed} failed`);
    return (performance.now() - t0) / 1000;
  } finally {
    await queue.close();
    redis.disconnect();
  }
}

export async function benchBatch(atelier: Atelier, printTable: Table): Promise<void> {
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    console.log('\n13. Batch: SKIPPED (no redis-server on PATH; Debian: apt install redis-server)');
    return;
  }
  const tmp = tempDir('atelier-bench-batch-');
  const redis = await startRedis();
  const workers: TestWorker[] = [];
  try {
    // Local: the same calls through this Atelier's router, after a warm-up of each.
    const local = new Map<string, number>();
    for (const { label, make } of KINDS) {
      const warm = items(make, 10_000)[0]!;
      await answerCall(atelier, warm.call, 'bench-warmup-1', 'local');
      const list = items(make, 20_000);
      const t0 = performance.now();
      for (const [i, it] of list.entries()) await answerCall(atelier, it.call, `bench-local-${i}`, 'local');
      local.set(label, (performance.now() - t0) / N);
    }
    const rows: string[][] = [];
    const perItem = new Map<string, number>();
    for (const count of [1, 2, 3]) {
      while (workers.length < count)
        workers.push(
          await startWorkerProcess(
            redis.url,
            `bench-${workers.length + 1}`,
            join(tmp.path, `w${workers.length + 1}`),
          ),
        );
      for (const [k, { label, make }] of KINDS.entries()) {
        // A first small batch warms the new workers' models up; then the timed one.
        await timedBatch(
          redis.url,
          items(make, 30_000 + count * 1000 + k * 100).slice(0, 6),
          `warm-${count}-${k}`,
          join(tmp.path, `warm-${count}-${k}`),
        );
        const secs = await timedBatch(
          redis.url,
          items(make, count * 100_000),
          `bench-${count}-${k}`,
          join(tmp.path, `out-${count}-${k}`),
        );
        if (count === 1) perItem.set(label, (secs * 1000) / N);
        rows.push([label, String(count), f(N / secs, 2), f((secs * 1000) / N, 0)]);
      }
    }
    printTable(
      `14. Batch: ${N} calls per batch through Redis (BullMQ) and real worker processes on this machine`,
      ['call', 'workers', 'items/s', 'ms / item'],
      rows,
      ['from submit to the last result written in --out; worker start-up and model loading not timed'],
    );
    printTable(
      '14b. Batch: queue overhead per job (1 worker) against the same call made locally',
      ['call', 'local ms', 'queued ms', 'overhead ms'],
      KINDS.map(({ label }) => {
        const l = local.get(label)!;
        const q = perItem.get(label)!;
        return [label, f(l), f(q), f(q - l)];
      }),
      ['local: the router call and the gathering of its files in this process, one after another'],
    );
  } finally {
    for (const w of workers) w.proc.kill('SIGTERM');
    await Promise.all(workers.map((w) => w.exited));
    await redis.remove();
    rmSync(tmp.path, { recursive: true, force: true });
  }
}
