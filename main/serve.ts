/**
 * `npm run serve` / `npm start` without Electron: the browser host. Prints its URL (with the
 * per-run token) in one line and serves until interrupted. `--redis URL` (or
 * `ATELIER_REDIS_URL`) gives it a batch queue, so the Datasets studio can run on workers: the
 * queue comes from whoever starts the host, never from a page.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startBrowserHost } from './host/server';
import { spawnForkWorker } from './inference/fork-transport';
import { createFileLogger } from './log/file';
import { guardProcess } from './log/process';
import { createAtelier } from './services/atelier';
import { hostQueue, safeUrl } from './services/batch/redis';
import { appRoot, resolveDataDir } from './services/paths';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.ATELIER_PORT ?? '5177' },
      'data-dir': { type: 'string' },
      'models-dir': { type: 'string' },
      redis: { type: 'string', default: process.env.ATELIER_REDIS_URL },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0..65535, got "${values.port}"`);
  const redis = values.redis || undefined;
  const queue = hostQueue(redis);
  const dataDir = resolveDataDir(values['data-dir']);
  const logger = createFileLogger(dataDir);
  guardProcess(logger, 'browser host');
  const atelier = await createAtelier({
    dataDir,
    logger,
    host: 'browser',
    spawnWorker: spawnForkWorker,
    ...(values['models-dir'] ? { modelsDir: values['models-dir'] } : {}),
    ...queue,
  });
  await atelier.inference.start();
  for (const m of atelier.registry.all())
    if (m.error) console.error(`atelier: model ${m.id} is unavailable: ${m.error}`);
  const host = await startBrowserHost({ atelier, rendererDir: join(appRoot(), 'out', 'renderer'), port });
  logger.info('browser host started', { port: host.port });
  console.log(`Atelier is running at ${host.url}`);
  console.log(`Log file: ${logger.path}`);
  if (redis) console.log(`Batch queue: ${safeUrl(redis)} (the Datasets studio can run on workers)`);
  const stop = async (): Promise<void> => {
    await host.close();
    await atelier.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((e: unknown) => {
  console.error(`atelier: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
