/**
 * Jobs belong to the host, not to the page: work started in a page that reloads (or watched from
 * a second page) comes back on screen — an image batch's cells, its previews from then on and its
 * results on the board; a texture on the canvas when it is done. The real UI in Debian Chromium
 * against the real browser host, the bundled models in the inference process, the SQLite library.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './host';

const EMOJI = existsSync(resolve('models/emoji/model.json'));

async function openImages(page: Page, url: string | null): Promise<void> {
  if (url) await page.goto(url);
  await page.getByTestId('nav-images').click();
  await expect(page.getByTestId('image-studio')).toBeVisible();
}

const cellsOf = (page: Page, jobId: string): Locator =>
  page.locator(`[data-testid="image-preview-cell"][data-job="${jobId}"]`);
const stepOf = async (cells: Locator): Promise<number> =>
  Number(await cells.first().getAttribute('data-step'));
const seedsOnBoard = async (page: Page): Promise<number[]> =>
  (
    await page
      .getByTestId('image-result')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-seed'))))
  ).sort((a, b) => a - b);

test('an image batch survives a reload: its cells come back, previews go on, results land on the board; a second page sees it too', async ({
  page,
  host,
}, testInfo) => {
  test.skip(!EMOJI, 'needs the bundled emoji model');
  // Long enough a batch to reload in the middle of it, on a fast machine too.
  test.setTimeout(240_000);
  await openImages(page, host.url);
  await expect.poll(() => page.getByTestId('image-model').locator('option[value="emoji"]').count()).toBe(1);
  await page.getByTestId('image-model').selectOption('emoji');
  await page.getByTestId('image-prompt').fill('a happy cat face');
  await page.getByTestId('image-steps').fill('120');
  await page.getByTestId('image-batch').fill('4');
  await page.getByTestId('image-seed').fill('500');
  await page.getByTestId('image-seed-lock').check();
  await page.getByTestId('image-generate').click();

  const cells = page.getByTestId('image-preview-cell');
  await expect(cells).toHaveCount(4);
  const jobId = (await cells.first().getAttribute('data-job'))!;
  await expect.poll(() => stepOf(cells)).toBeGreaterThan(1);

  // A second page (another tab) sees the running batch: its cells, then its previews.
  const other = await page.context().newPage();
  await openImages(other, host.url);
  const otherCells = cellsOf(other, jobId);
  await expect(otherCells).toHaveCount(4);
  await expect(otherCells.first()).not.toHaveAttribute('data-hash', '');

  // The first page reloads mid-batch: the batch's cells come back and its previews go on.
  await page.reload();
  await openImages(page, null);
  const again = cellsOf(page, jobId);
  await expect(again).toHaveCount(4);
  await expect(page.getByTestId('image-studio')).toHaveAttribute('data-state', 'running');
  await expect(again.first()).not.toHaveAttribute('data-hash', '');
  const stepAfterReload = await stepOf(again);
  await expect.poll(() => stepOf(again)).toBeGreaterThan(stepAfterReload);
  await page.screenshot({ path: testInfo.outputPath('jobs-image-reloaded.png'), fullPage: true });

  // The batch ends: its four images land on both boards, seeds 500..503.
  await expect(cellsOf(page, jobId)).toHaveCount(0, { timeout: 180_000 });
  await expect(page.getByTestId('image-board')).toHaveAttribute('data-images', '4');
  expect(await seedsOnBoard(page)).toEqual([500, 501, 502, 503]);
  await expect(otherCells).toHaveCount(0);
  await expect(other.getByTestId('image-board')).toHaveAttribute('data-images', '4');
  expect(await seedsOnBoard(other)).toEqual([500, 501, 502, 503]);
  await other.close();
});

test('a texture started before a reload shows on the canvas when it is done', async ({ page, host }) => {
  await page.goto(host.url);
  const canvas = page.getByTestId('texture-canvas');
  await expect(page.getByTestId('generate-button')).toBeEnabled();
  await page.getByTestId('size-select').selectOption('2048');
  await page.getByTestId('seed-input').fill('77');
  await page.getByTestId('seed-lock').check();
  await page.getByTestId('generate-button').click();
  await expect(canvas).toHaveAttribute('data-state', 'generating');

  // Note every state the reloaded page's canvas and progress bar show, from its first render.
  await page.addInitScript(() => {
    const w = window as unknown as { seen: string[] };
    w.seen = [];
    const note = (): void => {
      const c = document.querySelector('[data-testid="texture-canvas"]')?.getAttribute('data-state');
      const p = document.querySelector('[data-testid="progress"]')?.getAttribute('data-stage');
      const s = `${c ?? ''}/${p ?? ''}`;
      if (w.seen[w.seen.length - 1] !== s) w.seen.push(s);
    };
    new MutationObserver(note).observe(document, { subtree: true, childList: true, attributes: true });
  });
  await page.reload();

  await expect(canvas).toHaveAttribute('data-state', 'ready', { timeout: 90_000 });
  const info = page.getByTestId('generation-info');
  await expect(info).toHaveAttribute('data-seed', '77');
  await expect(info.locator('[data-field="size"]')).toContainText('2048');
  await expect(canvas).toHaveAttribute(
    'data-generation-id',
    (await info.getAttribute('data-generation-id'))!,
  );
  const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
  // The reloaded page followed the running job (its progress) before the texture landed.
  expect(seen.some((s) => s.startsWith('generating/'))).toBe(true);
  expect(seen.at(-1)).toBe('ready/done');
});
