/**
 * End to end, as a user: the real UI in Debian Chromium against the real browser host, with
 * the real model, inference process and SQLite library behind it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './host';

/** Standard deviation of the luminance of the Konva canvas: ~0 for a blank canvas. */
async function canvasContrast(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvases = [
      ...document.querySelectorAll<HTMLCanvasElement>('[data-testid="texture-canvas"] canvas'),
    ];
    let best = 0;
    for (const c of canvases) {
      const ctx = c.getContext('2d');
      if (!ctx || c.width === 0) continue;
      const { data } = ctx.getImageData(0, 0, c.width, c.height);
      let n = 0;
      let sum = 0;
      let sq = 0;
      for (let i = 0; i < data.length; i += 16) {
        if (data[i + 3] === 0) continue;
        const l = 0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!;
        n++;
        sum += l;
        sq += l * l;
      }
      if (n > 0) best = Math.max(best, Math.sqrt(Math.max(0, sq / n - (sum / n) ** 2)));
    }
    return best;
  });
}

async function generate(page: Page, size: string, seed: number): Promise<string> {
  await page.getByTestId('nav-textures').click();
  await page.getByTestId('size-select').selectOption(size);
  await page.getByTestId('seed-input').fill(String(seed));
  if (!(await page.getByTestId('seed-lock').isChecked())) await page.getByTestId('seed-lock').check();
  const before = await page.getByTestId('texture-canvas').getAttribute('data-generation-id');
  await page.getByTestId('generate-button').click();
  const canvas = page.getByTestId('texture-canvas');
  await expect(canvas).toHaveAttribute('data-state', 'ready');
  await expect(canvas).not.toHaveAttribute('data-generation-id', before ?? '');
  return (await canvas.getAttribute('data-generation-id'))!;
}

test('generate a texture, preview it tiled, find it in the library after a reload, delete it', async ({
  page,
  host,
}, testInfo) => {
  await page.goto(host.url);
  await expect(page.getByTestId('status-provider')).toContainText('CPU');
  await expect(page.getByTestId('status-inference')).toContainText(/ready/i);
  await expect(page.getByTestId('status-model')).toContainText(/texture/i);

  const id = await generate(page, '512', 42);
  expect(await canvasContrast(page)).toBeGreaterThan(5);
  await expect(page.getByTestId('generation-info')).toContainText('42');

  // Zoom with the wheel around the pointer, pan by dragging, and fit again.
  const zoom = page.getByTestId('zoom-level');
  const fitted = await zoom.textContent();
  const box = (await page.getByTestId('texture-canvas').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -400);
  await expect(zoom).not.toHaveText(fitted!);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 60, { steps: 5 });
  await page.mouse.up();
  expect(await canvasContrast(page)).toBeGreaterThan(5);
  await page.getByTestId('zoom-fit').click();
  await expect(zoom).toHaveText(fitted!);

  await page.getByTestId('tile-toggle').check();
  await expect(page.getByTestId('texture-canvas')).toHaveAttribute('data-tiled', 'true');
  expect(await canvasContrast(page)).toBeGreaterThan(5);
  const shot = testInfo.outputPath('texture-studio.png');
  await page.screenshot({ path: shot });
  await testInfo.attach('texture-studio', { path: shot, contentType: 'image/png' });
  await page.getByTestId('tile-toggle').uncheck();
  await expect(page.getByTestId('texture-canvas')).not.toHaveAttribute('data-tiled', 'true');

  await page.reload();
  await page.getByTestId('nav-library').click();
  const item = page.locator(`[data-testid="library-item"][data-generation-id="${id}"]`);
  await expect(item).toBeVisible();
  await expect(item).toContainText('42');
  await expect(item.locator('img')).toHaveJSProperty('complete', true);

  await item.getByTestId('library-open').click();
  await expect(page.getByTestId('texture-canvas')).toHaveAttribute('data-generation-id', id);
  await expect(page.getByTestId('texture-canvas')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('seed-input')).toHaveValue('42');

  await page.getByTestId('nav-library').click();
  await item.getByTestId('library-delete').click();
  await page.getByTestId('library-confirm-delete').click();
  await expect(item).toHaveCount(0);
  await expect(page.getByTestId('library-empty')).toBeVisible();
  expect(existsSync(join(host.dataDir, 'assets', id))).toBe(false);
  await page.reload();
  await page.getByTestId('nav-library').click();
  await expect(page.getByTestId('library-empty')).toBeVisible();
});

test('an invalid size disables Generate and says why; the app keeps working and exports a PNG', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await expect(page.getByTestId('status-inference')).toContainText(/ready/i);
  const button = page.getByTestId('generate-button');
  const why = page.getByTestId('texture-generate-why');
  await expect(button).toBeEnabled();
  await expect(why).toHaveCount(0);
  await page.getByTestId('size-select').selectOption('custom');
  await page.getByTestId('size-input').fill('100');
  await expect(button).toBeDisabled();
  await expect(why).toHaveText('The size must be at least 256 px.');
  await expect(page.getByTestId('size-input')).toHaveAttribute('aria-invalid', 'true');
  await page.getByTestId('size-input').fill('');
  await expect(why).toHaveText('The custom size must not be empty.');
  await page.getByTestId('size-input').fill('300');
  await expect(why).toHaveText('The size must be a multiple of 64 px.');
  // Ctrl+Enter does not send it either: nothing reaches the host, no error banner.
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  await expect(page.getByTestId('progress')).toHaveAttribute('data-stage', 'idle');
  await page.getByTestId('size-input').fill('320');
  await expect(why).toHaveCount(0);
  await expect(button).toBeEnabled();
  // A size that is slow on the CPU is allowed, with a warning.
  await page.getByTestId('size-select').selectOption('2048');
  await expect(page.getByTestId('texture-size-warning')).toContainText('16× the pixels of 512 × 512');
  await expect(button).toBeEnabled();

  await generate(page, '256', 7);
  expect(await canvasContrast(page)).toBeGreaterThan(5);

  // Export PNG in the browser host is a download of the generated image.
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-button').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^atelier-texture-.+-7-256\.png$/);
  const file = readFileSync((await download.path())!);
  expect([...file.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]); // "PNG"
  expect(file.readUInt32BE(16)).toBe(256); // IHDR width
});

test('a long generation shows progress and can be cancelled without saving anything', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await page.getByTestId('nav-library').click();
  const countBefore = await page.getByTestId('library-item').count();
  await page.getByTestId('nav-textures').click();
  await page.getByTestId('size-select').selectOption('2048');
  await page.getByTestId('generate-button').click();
  await expect(page.getByTestId('progress')).toBeVisible();
  await page.getByTestId('cancel-button').click();
  await expect(page.getByTestId('notice')).toContainText(/cancel/i);
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  await page.getByTestId('nav-library').click();
  await expect(page.getByTestId('library-item')).toHaveCount(countBefore);
});
