/**
 * The Datasets studio's "Run on workers" in Debian Chromium: a real `redis-server` on a free
 * loopback port, one real `atelier worker` process and a browser host started with `--redis`.
 * A classic augment (k = 4) of a tiny ImageFolder made here runs on the worker — its progress
 * names the worker — and its output tree (every file's sha256) equals the same request run
 * locally into another folder. A host started without a queue shows no "Run on workers".
 * Screenshot `datasets-workers-running.png` while the worker makes the items.
 */
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { makeClassFolder, openStudio } from './datasets-fixtures';
import { expect, startHost, test, type RunningHost } from './host';

/**
 * What this spec uses of the batch tests' helpers (`main/services/batch/testing.ts`: a real
 * redis-server on a free loopback port, real `atelier worker` processes), loaded at run time
 * because the e2e type-check project lists no main/ sources.
 */
interface TestRedis {
  url: string;
  remove(): Promise<void>;
}
interface TestWorker {
  proc: ChildProcess;
  lines: string[];
  exited: Promise<number | null>;
}
interface BatchTesting {
  startRedis(): Promise<TestRedis>;
  startWorkerProcess(url: string, name: string, dataDir: string): Promise<TestWorker>;
}
const batchTesting = (): Promise<BatchTesting> =>
  import(new URL('../../main/services/batch/testing.ts', import.meta.url).href) as Promise<BatchTesting>;

const PER_CLASS = 40;
const K = 4;
const SIDE = 64;

const makeImageFolder = (root: string): { input: string; sources: number } =>
  makeClassFolder(root, { name: 'swatches', perClass: PER_CLASS, side: SIDE });

/** Every file under `dir` (relative path, forward slashes) → its sha256. */
function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else
        files[relative(dir, p).split('\\').join('/')] = createHash('sha256')
          .update(readFileSync(p))
          .digest('hex');
    }
  };
  walk(dir);
  return files;
}

async function fillForm(page: Page, input: string, out: string): Promise<void> {
  await page.getByTestId('datasets-images-input').fill(input);
  await page.getByTestId('datasets-images-out').fill(out);
  await page.getByTestId('datasets-images-k').fill(String(K));
  await page.getByTestId('datasets-images-seed').fill('11');
}

const job = (page: Page): Locator => page.getByTestId('datasets-images-job');
const message = (page: Page): Locator => page.getByTestId('datasets-images-message');

let root = '';
let redis: TestRedis | null = null;
let worker: TestWorker | null = null;
let queued: (RunningHost & { stop(): Promise<void> }) | null = null;

test.beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'atelier-workers-e2e-'));
});
test.afterAll(async () => {
  await queued?.stop();
  if (worker && worker.proc.exitCode === null) {
    worker.proc.kill('SIGTERM');
    await worker.exited;
  }
  await redis?.remove();
  rmSync(root, { recursive: true, force: true });
});

test('a host without a queue shows no "Run on workers"', async ({ page, host }) => {
  await openStudio(page, host.url);
  await expect(page.getByTestId('datasets-images-input')).toBeVisible();
  await expect(page.getByTestId('datasets-images-k')).toBeVisible();
  await expect(page.getByTestId('datasets-images-workers')).toHaveCount(0);
});

test('classic k=4 on a real worker equals the same run made locally', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  const { startRedis, startWorkerProcess } = await batchTesting();
  redis = await startRedis();
  worker = await startWorkerProcess(redis.url, 'e2e-worker', join(root, 'worker-data'));
  queued = await startHost(['--redis', redis.url]);
  const { input, sources } = makeImageFolder(root);
  const onWorkers = join(root, 'on-workers');
  const local = join(root, 'local');

  await openStudio(page, queued.url);
  await fillForm(page, input, onWorkers);
  const box = page.getByTestId('datasets-images-workers');
  await expect(box).toBeVisible();
  await box.check();
  // Every progress line the page shows, so a run quicker than a poll still shows what it said.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { seenMessages: string[] }).seenMessages = seen;
    new MutationObserver(() => {
      const t = document.querySelector('[data-testid="datasets-images-message"]')?.textContent;
      if (t && seen[seen.length - 1] !== t) seen.push(t);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByTestId('datasets-images-run').click();
  await expect(job(page)).toHaveAttribute('data-phase', 'running');
  await expect(message(page)).toContainText(/on 1 worker/);
  await message(page).scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('datasets-workers-running.png') });
  await expect(job(page)).toHaveAttribute('data-phase', 'done', { timeout: 240_000 });
  const seen = await page.evaluate(() => (window as unknown as { seenMessages: string[] }).seenMessages);
  expect(seen.some((m) => /\d+\/\d+ items.* · on 1 worker/.test(m))).toBe(true);
  await expect(page.getByTestId('datasets-written')).toHaveAttribute('data-value', String(sources * (K + 1)));
  // The worker made them: it printed a line per answered call.
  expect(worker.lines.filter((l) => /^done .*datasets\.generate/.test(l)).length).toBeGreaterThan(0);

  // The same request, locally, into another folder.
  await box.uncheck();
  await page.getByTestId('datasets-images-out').fill(local);
  await page.getByTestId('datasets-images-run').click();
  await expect(job(page)).toHaveAttribute('data-phase', 'done', { timeout: 240_000 });
  const remote = tree(onWorkers);
  expect(Object.keys(remote).length).toBeGreaterThan(sources * (K + 1));
  expect(remote).toEqual(tree(local));
});
