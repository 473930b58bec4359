/**
 * `atelier batch`: sends a file of contract calls to the workers and brings the results home
 * (see docs/batch.md).
 *
 *   batch submit calls.jsonl --out DIR   every line checked against the contract first (a bad
 *                                         line is named with its field; nothing is queued), then
 *                                         queued in a window and the results written to DIR
 *   batch wait ID                        the same loop for a batch already submitted
 *   --library [--data-dir DIR]            (submit, wait) the results also become records in
 *                                         this machine's library, with the worker's provenance
 *   batch status ID / batch cancel ID
 *
 * The batch id goes to stdout alone; progress (done/total, items/s, workers, failures) to
 * stderr. Exit 0 when every call was written, 1 when some failed or the batch was cancelled.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { batchIdOf, parseCalls } from '../services/batch/call';
import { cancelBatch, drive, type Progress } from '../services/batch/driver';
import { connect, DEFAULT_WINDOW, QUEUE, safeUrl } from '../services/batch/redis';
import { importIntoDataDir } from '../services/batch/library';
import { batchCounts, createBatch, readMeta, type BatchItem } from '../services/batch/store';
import { FAILURES, listedKeys, ResultWriter } from '../services/batch/writer';
import { resolveDataDir } from '../services/paths';
import { UsageError } from './errors';
import { checkOutDir } from './output';
import { redisUrl } from './worker';

export const name = 'batch';

export const usage = [
  'batch submit CALLS.jsonl --out DIR [--redis URL] [--name NAME] [--window N] [--detach] [--library [--data-dir DIR]]',
  '(one call a line: {"method": "texture.generate", "params": {…}}; N jobs queued at once, default 64)',
  'batch wait ID [--redis URL] [--out DIR] [--library [--data-dir DIR]]',
  'batch status ID [--redis URL] [--json]',
  'batch cancel ID [--redis URL]',
];

/** Stops when Redis has been unreachable this long (seconds; the batch stays in Redis). */
const downLimitMs = (waiting: boolean): number =>
  Number(process.env.ATELIER_REDIS_DOWN_S ?? (waiting ? 60 : 10)) * 1000;
/** Reads and checks every line; the refused ones are printed (the first 10), then one UsageError. */
export function readCalls(path: string): BatchItem[] {
  let text: string;
  try {
    text = readFileSync(resolve(path), 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const { items, refused } = parseCalls(text, path);
  if (refused.length > 0) {
    for (const r of refused.slice(0, 10)) console.error(`atelier: ${r}`);
    const n = refused.length;
    throw new UsageError(
      `${n} line${n === 1 ? '' : 's'} of ${path} refused${n > 10 ? ' (10 shown)' : ''}; nothing was queued`,
    );
  }
  if (items.length === 0) throw new UsageError(`${path} holds no calls`);
  return items;
}

/** "12/60 written · 3.4 items/s · 3 workers · 0 failed" */
export const progressLine = (p: Progress): string =>
  `${p.written}/${p.total} written · ${p.perSecond.toFixed(1)} items/s · ${p.workers.length} worker${p.workers.length === 1 ? '' : 's'} · ${p.failed} failed`;

function reporter(): (p: Progress) => void {
  let lastDone = -1;
  let at = 0;
  return (p) => {
    const line = progressLine(p);
    const done = p.written + p.failed;
    const now = Date.now();
    if (process.stderr.isTTY) process.stderr.write(`\r${line}   `);
    // In a pipe or a log: a line when the count moved, at most one a second (and the last one).
    else if (done !== lastDone && (now - at >= 1000 || done === p.total)) {
      process.stderr.write(`${line}\n`);
      at = now;
      lastDone = done;
    }
  };
}

/** Runs `fn` with a connection and the queue; gives up, saying `then`, when Redis stays away. */
async function withQueue<T>(
  url: string,
  then: { waiting: boolean; hint: string },
  fn: (redis: Redis, queue: Queue) => Promise<T>,
): Promise<T> {
  const limit = downLimitMs(then.waiting);
  let downSince: number | null = null;
  const redis = connect(url, (e) =>
    console.error(`atelier: Redis at ${safeUrl(url)} is unreachable (${e.message}); retrying`),
  );
  redis.on('close', () => (downSince ??= Date.now()));
  redis.on('ready', () => (downSince = null));
  const queue = new Queue(QUEUE, { connection: redis });
  queue.on('error', () => undefined);
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<never>((_, reject) => {
    timer = setInterval(() => {
      if (downSince !== null && Date.now() - downSince > limit)
        reject(
          new Error(
            `Redis at ${safeUrl(url)} has been unreachable for ${Math.round(limit / 1000)} s; ${then.hint}`,
          ),
        );
    }, 500);
  });
  try {
    return await Promise.race([fn(redis, queue), gaveUp]);
  } finally {
    clearInterval(timer);
    await Promise.race([queue.close(), new Promise((r) => setTimeout(r, 2000))]);
    redis.disconnect();
  }
}

/** `--library`: the items written to `out` (this run's and earlier ones) as library records. */
async function intoLibrary(dataDir: string, out: string): Promise<void> {
  const r = await importIntoDataDir(dataDir, out);
  for (const s of r.skipped.slice(0, 10)) console.error(`atelier: not added to the library: ${s}`);
  console.error(`${r.added} record${r.added === 1 ? '' : 's'} added to the library in ${dataDir}`);
}

/** The loop shared by submit and wait; the exit as a thrown error when not all were written. */
async function runToEnd(
  redis: Redis,
  queue: Queue,
  id: string,
  out: string,
  opts: { detach: boolean; library: string | null },
): Promise<void> {
  const { detach } = opts;
  const writer = new ResultWriter(out);
  const onProgress = reporter();
  const c = await drive({ redis, queue, id, writer, onProgress, detach });
  if (process.stderr.isTTY) process.stderr.write('\n');
  if (opts.library && !detach) await intoLibrary(opts.library, out);
  if (detach) {
    console.error(
      `batch ${id}: first ${c.inFlight} calls queued; "atelier batch wait ${id}" writes the results`,
    );
    return;
  }
  if (c.state === 'cancelled')
    throw new Error(`batch ${id} was cancelled: ${c.written} of ${c.total} written to ${out}`);
  if (c.failed > 0)
    throw new Error(`${c.failed} of ${c.total} calls failed; the reasons are in ${resolve(out, FAILURES)}`);
  console.error(`batch ${id}: all ${c.total} written to ${out} (workers: ${c.workers.join(', ')})`);
}

/** `--library [--data-dir DIR]`: the data folder whose library gets the records, or null. */
function libraryDir(library: boolean | undefined, dataDir: string | undefined): string | null {
  if (!library) {
    if (dataDir !== undefined)
      throw new UsageError('--data-dir goes with --library (whose library gets the records)');
    return null;
  }
  return resolveDataDir(dataDir);
}

function idArg(rest: string[], extra: Record<string, { type: 'string' | 'boolean' }> = {}) {
  const { values, positionals } = parseArgs({
    args: rest,
    options: { redis: { type: 'string' }, ...extra },
    strict: true,
    allowPositionals: true,
  });
  const id = positionals[0];
  if (positionals.length !== 1 || !id || !/^[a-f0-9]{16}$/.test(id))
    throw new UsageError('give the batch id that submit printed (16 hex digits)');
  return {
    id,
    values: values as Record<string, string | boolean | undefined>,
    url: redisUrl(values.redis as string | undefined),
  };
}

async function submit(rest: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      redis: { type: 'string' },
      out: { type: 'string' },
      name: { type: 'string', default: '' },
      window: { type: 'string', default: String(DEFAULT_WINDOW) },
      detach: { type: 'boolean', default: false },
      library: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new UsageError('batch submit takes one file of calls, CALLS.jsonl');
  if (!values.out) throw new UsageError('--out DIR is required (the results are written there)');
  const url = redisUrl(values.redis);
  const window = Number(values.window);
  if (!Number.isInteger(window) || window < 1 || window > 10_000)
    throw new UsageError(`--window must be a whole number from 1 to 10000, got "${values.window}"`);
  const out = checkOutDir(values.out);
  const library = libraryDir(values.library, values['data-dir']);
  const items = readCalls(positionals[0]!);
  const id = batchIdOf(
    values.name,
    items.map((it) => it.key),
  );
  const hint = `the batch is kept there: run "atelier batch wait ${id}" when it is back`;
  await withQueue(url, { waiting: true, hint }, async (redis, queue) => {
    const created = await createBatch(redis, id, { name: values.name, out, window }, items);
    const meta = await readMeta(redis, id);
    if (meta?.state === 'cancelled')
      throw new UsageError(
        `batch ${id} (these calls) was cancelled; submit with --name to run them as a new batch`,
      );
    console.log(id);
    const already = listedKeys(out).size;
    console.error(
      created
        ? `batch ${id}: ${items.length} calls queued to ${safeUrl(url)}${already ? ` (${already} already in ${out})` : ''}`
        : `batch ${id} was submitted before; carrying on with it`,
    );
    await runToEnd(redis, queue, id, out, { detach: values.detach, library });
  });
}

export async function run(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'submit') return submit(rest);
  if (sub !== 'wait' && sub !== 'status' && sub !== 'cancel')
    throw new UsageError(
      `batch needs a subcommand: submit, wait, status or cancel${sub ? ` (got "${sub}")` : ''}`,
    );
  const { id, values, url } = idArg(
    rest,
    sub === 'wait'
      ? { out: { type: 'string' }, library: { type: 'boolean' }, 'data-dir': { type: 'string' } }
      : sub === 'status'
        ? { json: { type: 'boolean' } }
        : {},
  );
  const then =
    sub === 'wait'
      ? { waiting: true, hint: `the batch is kept there: run "atelier batch wait ${id}" when it is back` }
      : { waiting: false, hint: 'try again when it is back' };
  await withQueue(url, then, async (redis, queue) => {
    const meta = await readMeta(redis, id);
    if (!meta) throw new UsageError(`there is no batch ${id} in Redis at ${safeUrl(url)}`);
    if (sub === 'wait') {
      const out = checkOutDir(typeof values.out === 'string' ? values.out : meta.out);
      const dataDir = values['data-dir'];
      const library = libraryDir(values.library === true, typeof dataDir === 'string' ? dataDir : undefined);
      return runToEnd(redis, queue, id, out, { detach: false, library });
    }
    if (sub === 'cancel') {
      const removed = await cancelBatch(redis, queue, id);
      const c = await batchCounts(redis, meta);
      console.error(
        `batch ${id} cancelled: ${removed} queued calls removed; the ${c.written} written to ${meta.out} are kept`,
      );
      return;
    }
    const c = await batchCounts(redis, meta);
    if (values.json) console.log(JSON.stringify({ id, out: meta.out, ...c }));
    else
      console.log(
        `batch ${id}: ${c.state} · ${c.written}/${c.total} written · ${c.inFlight} in flight · ${c.notQueued} not queued yet · ${c.failed} failed · workers: ${c.workers.join(', ') || 'none yet'}`,
      );
  });
}
