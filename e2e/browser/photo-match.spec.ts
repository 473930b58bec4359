/**
 * "Your photo as a style", end to end: a photo (a crop of a real pattern sheet, made with pngjs)
 * opened in the Texture studio → the closest mix of the model's styles and how close it is →
 * kept in the library under a name → used to generate at 1024 px; a file that is not a picture
 * gets a sentence. Screenshot `photo-match.png`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { expect, test } from './host';

const require = createRequire(import.meta.url);
const { PNG } = require('pngjs') as typeof import('pngjs');

/** The top-left 256 px of the bundled model's 3×3 tiled sheet: one real texture, as a "photo". */
function photo(): Buffer {
  const sheet = PNG.sync.read(readFileSync(join(process.cwd(), 'models/texture/tiled-3x3.png')));
  const out = new PNG({ width: 256, height: 256 });
  PNG.bitblt(sheet, out, 0, 0, 256, 256, 0, 0);
  return PNG.sync.write(out);
}

test('match a photo, keep it as a style, generate from it at 1024 px', async ({ page, host }, testInfo) => {
  test.setTimeout(240_000);
  await page.goto(host.url);
  await page.getByTestId('nav-textures').click();
  await expect(page.getByTestId('photo-match-open')).toBeEnabled();

  await page
    .getByTestId('photo-match-file')
    .setInputFiles({ name: 'wall.png', mimeType: 'image/png', buffer: photo() });
  const verdict = page.getByTestId('photo-match-verdict');
  await expect(verdict).toContainText(/close|rough|poor/, { timeout: 120_000 });
  await expect(verdict).toContainText(/distance \d+\.\d{3}/);
  await expect(page.getByTestId('photo-match-preview')).toBeVisible();
  const shot = testInfo.outputPath('photo-match.png');
  await page.screenshot({ path: shot });
  await testInfo.attach('photo-match.png', { path: shot, contentType: 'image/png' });

  await page.getByTestId('photo-match-name').fill('Garden wall');
  await page.getByTestId('photo-match-keep').click();
  const canvas = page.getByTestId('texture-canvas');
  await expect(canvas).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  const kept = (await canvas.getAttribute('data-generation-id'))!;

  await page.getByTestId('photo-match-use').click();
  await expect(page.getByTestId('photo-match-in-use')).toBeVisible();
  await page.getByTestId('size-select').selectOption('1024');
  await page.getByTestId('generate-button').click();
  await expect(canvas).not.toHaveAttribute('data-generation-id', kept, { timeout: 60_000 });
  await expect(canvas).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await expect(page.getByTestId('generation-info')).toContainText('1024');

  // Stop using the mix, then reopen the kept style from the library: its mix comes back to Generate.
  await page.getByTestId('photo-match-stop').click();
  await expect(page.getByTestId('photo-match-in-use')).toHaveCount(0);
  await page.getByTestId('nav-library').click();
  const keptCard = page.locator(`[data-testid="library-item"][data-generation-id="${kept}"]`);
  await expect(keptCard).toContainText('Garden wall');
  await keptCard.getByTestId('library-open').click();
  await expect(page.getByTestId('photo-match-in-use')).toContainText('Garden wall');
  await expect(canvas).toHaveAttribute('data-generation-id', kept);

  await page.getByTestId('nav-textures').click();
  await page
    .getByTestId('photo-match-file')
    .setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not a picture') });
  await expect(page.getByText('This file is not a PNG or JPEG image.').first()).toBeVisible();
});
