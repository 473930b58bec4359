/**
 * `atelier worker --redis URL`: this machine joins the pool that drains batch calls (see
 * docs/batch.md). It runs the app's service layer headless — the bundled and imported models,
 * the app's provider (a GPU where there is one), its own data folder — and answers each queued
 * call through the router. One line per job on stdout; SIGTERM or Ctrl+C drains (the jobs in
 * hand finish, no new one is taken) and exits 0. Workers may join and leave at any time.
 */
import { hostname } from 'node:os';
import { connect, checkRedisUrl, safeUrl } from '../services/batch/redis';
import { startWorker } from '../services/batch/worker';
import { flags, intFlag } from './args';
import { UsageError } from './errors';
import { withAtelier } from './session';

export const name = 'worker';

export const usage = [
  'worker --redis URL [--concurrency N] [--name W] [--keep] [--data-dir DIR]',
  '(answers batch calls queued at URL: redis://[:password@]host:port, rediss:// for TLS; default $ATELIER_REDIS_URL)',
  '(N jobs at once, default 1; SIGTERM or Ctrl+C finishes the jobs in hand and takes no more)',
];

/** --redis or $ATELIER_REDIS_URL (a password stays out of the shell's history), checked. */
export function redisUrl(flag: string | undefined): string {
  const url = flag ?? process.env.ATELIER_REDIS_URL;
  if (!url)
    throw new UsageError('--redis URL is required (or set ATELIER_REDIS_URL), e.g. redis://127.0.0.1:6379');
  const bad = checkRedisUrl(url);
  if (bad) throw new UsageError(bad);
  return url;
}

export async function run(args: string[]): Promise<void> {
  const values = flags(args, {
    redis: { type: 'string' },
    concurrency: { type: 'string', default: '1' },
    name: { type: 'string' },
    keep: { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
  });
  const url = redisUrl(values.redis);
  const concurrency = intFlag('concurrency', values.concurrency, 1, 64);
  const workerName = values.name ?? `${hostname()}-${process.pid}`;
  if (!/^[\w.@-]{1,64}$/.test(workerName))
    throw new UsageError(`--name must be 1–64 letters, digits, ".", "-", "_" or "@", got "${workerName}"`);
  await withAtelier(values['data-dir'], async ({ atelier }) => {
    const redis = connect(url, (e) =>
      console.error(`atelier worker: Redis at ${safeUrl(url)} is unreachable (${e.message}); retrying`),
    );
    try {
      const worker = await startWorker({
        atelier,
        redis,
        name: workerName,
        concurrency,
        keep: values.keep,
        onJob: (line) => console.log(line),
      });
      const info = await atelier.router.call('app.info', {});
      const provider = info.ok ? (info.value as { inference: { provider: string } }).inference.provider : '?';
      console.error(
        `atelier worker ${workerName}: taking calls from ${safeUrl(url)} (provider ${provider}, ${concurrency} at a time)`,
      );
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          process.off('SIGTERM', stop);
          process.off('SIGINT', stop);
          console.error(`atelier worker ${workerName}: finishing the job in hand, taking no more`);
          resolve();
        };
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
      });
      await worker.close();
    } finally {
      redis.disconnect();
    }
  });
}
