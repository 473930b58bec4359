/**
 * The Image studio's word suggestions end to end, on the bundled emoji model (skipped without it):
 * the style and colour words sit under the prompt; picking one puts it first and replaces the
 * other word of its group; unknown words are still named; and the colour word picked changes the
 * colour of what comes back for the same seed (read from the result thumbnails in the page).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './host';

test.describe.configure({ mode: 'serial' });
test.skip(!existsSync(resolve('models/emoji/model.json')), 'the bundled emoji model is not installed');

const chip = (page: Page, word: string): Locator =>
  page.locator(`[data-testid="image-suggestion"][data-word="${word}"]`);

/** Mean red minus mean blue over the thumbnail's non-white pixels. */
async function redMinusBlue(page: Page, seed: number, nth: number): Promise<number> {
  const img = page.locator(`[data-testid="image-result"][data-seed="${seed}"] img`).nth(nth);
  await expect(img).toBeVisible();
  return img.evaluate(async (el) => {
    const im = el as HTMLImageElement;
    await im.decode();
    const c = document.createElement('canvas');
    c.width = im.naturalWidth;
    c.height = im.naturalHeight;
    const g = c.getContext('2d')!;
    g.drawImage(im, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    let r = 0;
    let b = 0;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (255 - Math.min(d[i]!, d[i + 1]!, d[i + 2]!) <= 40) continue;
      r += d[i]!;
      b += d[i + 2]!;
      n++;
    }
    return n ? (r - b) / n : 0;
  });
}

test('style and colour words are offered, replace each other, and the colour word colours the picture', async ({
  page,
  host,
}, testInfo) => {
  await page.goto(host.url);
  await page.getByTestId('nav-images').click();
  await expect.poll(() => page.getByTestId('image-model').locator('option[value="emoji"]').count()).toBe(1);
  await page.getByTestId('image-model').selectOption('emoji');
  const prompt = page.getByTestId('image-prompt');
  await expect(page.locator('[data-testid="image-suggestions"][data-group="Style"]')).toBeVisible();
  await expect(page.locator('[data-testid="image-suggestions"][data-group="Colour"] button')).toHaveCount(11);

  await prompt.fill('heart');
  await chip(page, 'red').click();
  await expect(prompt).toHaveValue('red heart');
  await expect(chip(page, 'red')).toHaveAttribute('aria-pressed', 'true');
  await chip(page, 'line icon').click();
  await expect(prompt).toHaveValue('line icon red heart');
  await chip(page, 'flat').click();
  await expect(prompt).toHaveValue('flat red heart');
  await expect(chip(page, 'line icon')).toHaveAttribute('aria-pressed', 'false');
  await chip(page, 'flat').click();
  await expect(prompt).toHaveValue('red heart');
  await prompt.fill('red zzqxv heart');
  await expect(page.getByTestId('image-unknown-words')).toContainText('zzqxv');
  await prompt.fill('red heart');
  await expect(page.getByTestId('image-unknown-words')).toHaveCount(0);

  await page.getByTestId('image-batch').fill('1');
  await page.getByTestId('image-seed').fill('5');
  await page.getByTestId('image-seed-lock').check();
  await page.getByTestId('image-generate').click();
  await expect(page.locator('[data-testid="image-result"][data-seed="5"]')).toHaveCount(1, {
    timeout: 120_000,
  });
  const red = await redMinusBlue(page, 5, 0);

  await chip(page, 'blue').click();
  await expect(prompt).toHaveValue('blue heart');
  await page.getByTestId('image-generate').click();
  await expect(page.locator('[data-testid="image-result"][data-seed="5"]')).toHaveCount(2, {
    timeout: 120_000,
  });
  // The newest result is listed first.
  const blue = await redMinusBlue(page, 5, 0);
  expect(red, 'the red heart is redder than blue').toBeGreaterThan(40);
  expect(blue, 'the blue heart is bluer than red').toBeLessThan(-40);
  await page.screenshot({ path: testInfo.outputPath('images-words.png') });
});
