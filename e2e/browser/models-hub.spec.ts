/**
 * The Models view end to end, in Debian Chromium against the real browser host started with
 * `HF_ENDPOINT` pointing at the stand-in hub (behind a proxy that can slow file downloads, so
 * progress can be watched): the tiny GPT-2 fixture as `atelier-test/tiny-gpt2`, the tiny Stable
 * Diffusion fixture as `atelier-test/tiny-sd`, a gated copy of the GPT-2 as
 * `atelier-test/gated-gpt2` and a chat copy (a ChatML template) as `atelier-test/chat-gpt2`.
 * Search, open the text model, download it (progress, pause, resume), "Open in Writer" picks it
 * and Continue writes; the SD fixture draws one image in the Image studio; the chat model answers
 * in the Writer's Ask mode; the gated repo without a token shows the gated sentence, and
 * downloads once a token is set (paused across a reload, resumed); all of them are removed in the
 * Models view. A download running when the host stops shows paused after a restart on the same
 * data dir, and resumes. A host whose hub cannot be reached shows the one clear line and the
 * curated list. Screenshots `models-search.png`, `models-downloading.png`, `models-offline.png`.
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, startHost, test, type RunningHost } from './host';
import {
  CHAT,
  closedPort,
  GATED,
  GPT2,
  item,
  openResult,
  progressSeen,
  recordProgress,
  SD,
  startFixtureHub,
  TOKEN,
  type FixtureHub,
} from './models-hub-fixtures';

test.describe.configure({ mode: 'serial' });

let hub: FixtureHub | null = null;
let proxy: FixtureHub['proxy'] | null = null;
let host: (RunningHost & { stop(): Promise<void> }) | null = null;

test.beforeAll(async () => {
  hub = await startFixtureHub();
  proxy = hub.proxy;
  host = await startHost([], { HF_ENDPOINT: proxy.url });
});
test.afterAll(async () => {
  await host?.stop();
  await hub?.close();
});

async function openModels(page: Page): Promise<void> {
  await page.goto(host!.url);
  await page.getByTestId('nav-models').click();
  await expect(page.getByTestId('models-studio')).toBeVisible();
}

/** Downloads the model on show at full speed and answers the installed model's id. */
async function downloadNow(page: Page, repo: string): Promise<string> {
  proxy!.setRate(null);
  await page.getByTestId('models-download').click();
  await expect(item(page, repo)).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  return (await item(page, repo).getAttribute('data-model'))!;
}

test('search the hub, download the text model with progress, pause and resume, and write with it', async ({
  page,
}, testInfo) => {
  await openModels(page);
  await expect(page.getByTestId('models-curated-item').first()).toBeVisible();
  await expect(page.getByTestId('models-hub-endpoint')).toContainText(proxy!.url);
  await openResult(page, 'tiny', GPT2);
  await expect(page.locator('[data-testid="models-result"]')).toHaveCount(2);
  await expect(page.getByTestId('models-license')).toHaveText('mit');
  await expect(page.getByTestId('models-card')).toContainText('Random weights, for tests.');
  await expect(page.getByTestId('models-card').locator('script')).toHaveCount(0);
  await expect(page.locator('[data-testid="models-file"][data-path="model.onnx"]')).toContainText('219 kB');
  await expect(page.locator('[data-testid="models-variant"][data-suggested="true"]')).toBeChecked();
  await expect(page.getByTestId('models-download')).toBeEnabled();
  await page.screenshot({ path: testInfo.outputPath('models-search.png') });

  await recordProgress(page);
  proxy!.setRate(30_000);
  await page.getByTestId('models-download').click();
  const download = item(page, GPT2);
  await expect(download).toHaveAttribute('data-state', 'downloading');
  await expect(download.getByTestId('models-download-file')).toBeVisible();
  await expect
    .poll(async () =>
      Number(await download.getByTestId('models-download-progress').getAttribute('aria-valuenow')),
    )
    .toBeGreaterThan(10);
  await expect(download.getByTestId('models-download-bytes')).toContainText(/ of .*B\/s/);
  await expect(page.getByTestId('models-download-why')).toContainText('already downloading');
  await page.screenshot({ path: testInfo.outputPath('models-downloading.png') });

  await download.getByTestId('models-download-pause').click();
  await expect(download).toHaveAttribute('data-state', 'paused');
  proxy!.setRate(null);
  await download.getByTestId('models-download-resume').click();
  await expect(download).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  expect((await progressSeen(page)).some((v) => v > 0 && v < 100)).toBe(true);
  const modelId = (await download.getAttribute('data-model'))!;
  await expect(page.locator(`[data-testid="models-installed-item"][data-id="${modelId}"]`)).toBeVisible();

  // Open in Writer: the Writer shows with the downloaded model picked, and Continue writes.
  await expect(download.getByTestId('models-download-open')).toHaveText('Open in Writer');
  await download.getByTestId('models-download-open').click();
  await expect(page.getByTestId('writer-studio')).toBeVisible();
  await expect(page.getByTestId('writer-model')).toHaveValue(modelId);
  await page.getByTestId('writer-editor').fill('The lighthouse keeper');
  await page.getByTestId('writer-max-tokens').fill('12');
  await page.getByTestId('writer-continue').click();
  await expect(page.getByTestId('writer-stop-reason')).toBeVisible();
  expect(Number(await page.getByTestId('writer-pending').getAttribute('data-tokens'))).toBeGreaterThan(0);
  await page.getByTestId('writer-reject').click();
});

test('the Image studio’s Find models… filters to images; the SD fixture downloads and draws one image', async ({
  page,
}) => {
  await page.goto(host!.url);
  await page.getByTestId('nav-images').click();
  await page.getByTestId('image-find-models').click();
  await expect(page.getByTestId('models-studio')).toBeVisible();
  await expect(page.getByTestId('models-task-image')).toBeChecked();
  await expect(page.locator(`[data-testid="models-result"][data-repo="${SD}"]`)).toBeVisible();
  await expect(page.locator('[data-testid="models-result"][data-task="text"]')).toHaveCount(0);
  await page.locator(`[data-testid="models-result"][data-repo="${SD}"]`).click();
  await expect(page.getByTestId('models-detail')).toHaveAttribute('data-state', 'ready');
  const modelId = await downloadNow(page, SD);

  await item(page, SD).getByTestId('models-download-open').click();
  await expect(page.getByTestId('image-studio')).toBeVisible();
  await expect(page.getByTestId('image-model')).toHaveValue(modelId);
  await page.getByTestId('image-prompt').fill('a red apple');
  await page.getByTestId('image-steps').fill('4');
  await page.getByTestId('image-batch').fill('1');
  await page.getByTestId('image-generate').click();
  await expect(page.getByTestId('image-result')).toHaveCount(1, { timeout: 90_000 });
});

test('a chat model from the hub answers in the Writer’s Ask mode', async ({ page }) => {
  await openModels(page);
  await openResult(page, 'chat', CHAT);
  const modelId = await downloadNow(page, CHAT);
  await item(page, CHAT).getByTestId('models-download-open').click();
  await expect(page.getByTestId('writer-model')).toHaveValue(modelId);
  await page.getByTestId('writer-mode-ask').click();
  await page.getByTestId('writer-max-tokens').fill('16');
  const text = 'The old boat rocked slowly in the grey water. Gulls cried.';
  await page.getByTestId('writer-editor').fill(text);
  // Select the first sentence as a user would (the last keys make the page hear it).
  await page.getByTestId('writer-editor').evaluate((el, end) => {
    (el as HTMLTextAreaElement).focus();
    (el as HTMLTextAreaElement).setSelectionRange(0, end, 'forward');
  }, text.indexOf(' Gulls'));
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('Shift+ArrowRight');
  await page.getByTestId('writer-ask-preset-shorten').click();
  await expect(page.getByTestId('writer-stop-reason')).toBeVisible();
  expect(Number(await page.getByTestId('writer-pending').getAttribute('data-tokens'))).toBeGreaterThan(0);
  await page.getByTestId('writer-reject').click();
});

test('a gated model: refused without a token, then downloaded with one (paused across a reload)', async ({
  page,
}) => {
  await openModels(page);
  await openResult(page, 'gated', GATED);
  await expect(page.getByTestId('models-gated')).toHaveAttribute('data-gated', 'manual');
  await expect(page.getByTestId('models-gated-note')).toContainText('access token');
  await page.getByTestId('models-download').click();
  await expect(page.getByTestId('models-download-error')).toContainText(/gated/i);
  await expect(item(page, GATED)).toHaveCount(0);

  // A bad token is refused with a sentence; a good one is kept in memory and never shown back.
  await page.getByTestId('models-token').fill('not a token');
  await page.getByTestId('models-token-save').click();
  await expect(page.getByTestId('models-token-error')).toContainText('not a Hugging Face token');
  await page.getByTestId('models-token').fill(TOKEN);
  await page.getByTestId('models-token-save').click();
  await expect(page.getByTestId('models-token-state')).toHaveAttribute('data-present', 'true');
  await expect(page.getByTestId('models-token')).toHaveValue('');
  await expect(page.getByTestId('models-token-storage')).toContainText('memory only, for this session');
  expect(await page.content()).not.toContain(TOKEN);

  proxy!.setRate(20_000);
  await page.getByTestId('models-download').click();
  await expect(item(page, GATED)).toHaveAttribute('data-state', 'downloading');
  await item(page, GATED).getByTestId('models-download-pause').click();
  await expect(item(page, GATED)).toHaveAttribute('data-state', 'paused');
  await page.reload();
  await page.getByTestId('nav-models').click();
  await expect(item(page, GATED)).toHaveAttribute('data-state', 'paused');
  proxy!.setRate(null);
  await item(page, GATED).getByTestId('models-download-resume').click();
  await expect(item(page, GATED)).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await page.getByTestId('models-token-clear').click();
  await expect(page.getByTestId('models-token-state')).toHaveAttribute('data-present', 'false');
});

test('every downloaded model is removed in the Models view', async ({ page }) => {
  await openModels(page);
  const installed = page.getByTestId('models-installed-item');
  await expect(installed).toHaveCount(4);
  for (let left = 4; left > 0; left--) {
    await installed.first().getByTestId('models-installed-remove').click();
    await page.getByTestId('models-remove-confirm').click();
    await expect(installed).toHaveCount(left - 1);
  }
  await page.getByTestId('nav-writer').click();
  const labels = await page.getByTestId('writer-model').locator('option').allTextContents();
  expect(labels.some((l) => l.includes('imported'))).toBe(false);
});

test('a download running when the host stops shows paused after a restart, and resumes', async ({ page }) => {
  // Both hosts on one data dir (the last --data-dir given wins).
  const dataDir = join(hub!.root, 'restart-data');
  const env = { HF_ENDPOINT: proxy!.url };
  const first = await startHost(['--data-dir', dataDir], env);
  try {
    await page.goto(first.url);
    await page.getByTestId('nav-models').click();
    await openResult(page, 'tiny', GPT2);
    proxy!.setRate(20_000);
    await page.getByTestId('models-download').click();
    await expect
      .poll(async () =>
        Number(await item(page, GPT2).getByTestId('models-download-progress').getAttribute('data-done')),
      )
      .toBeGreaterThan(0);
  } finally {
    await first.stop();
  }
  proxy!.setRate(null);
  const second = await startHost(['--data-dir', dataDir], env);
  try {
    await page.goto(second.url);
    await page.getByTestId('nav-models').click();
    await expect(item(page, GPT2)).toHaveAttribute('data-state', 'paused');
    await item(page, GPT2).getByTestId('models-download-resume').click();
    await expect(item(page, GPT2)).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    await page.getByTestId('models-installed-remove').click();
    await page.getByTestId('models-remove-confirm').click();
    await expect(page.getByTestId('models-installed-item')).toHaveCount(0);
  } finally {
    await second.stop();
  }
});

test('a hub that cannot be reached: one clear line, the curated list, nothing else broken', async ({
  page,
}, testInfo) => {
  const offline = await startHost([], { HF_ENDPOINT: `http://127.0.0.1:${await closedPort()}` });
  try {
    await page.goto(offline.url);
    await page.getByTestId('nav-models').click();
    await expect(page.getByTestId('models-hub-error')).toContainText('cannot be reached');
    await expect(page.getByTestId('models-hub-error')).toHaveCount(1);
    expect(await page.getByTestId('models-curated-item').count()).toBeGreaterThan(3);
    await expect(page.getByTestId('models-installed')).toContainText('None yet');
    await page.getByTestId('models-curated-item').first().click();
    await expect(page.getByTestId('models-detail-error')).toContainText('cannot be reached');
    await page.screenshot({ path: testInfo.outputPath('models-offline.png') });
    await page.getByTestId('nav-writer').click();
    await expect(page.getByTestId('writer-import')).toBeEnabled();
  } finally {
    await offline.stop();
  }
});
