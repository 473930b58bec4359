/**
 * The Palettes studio in Debian Chromium against the real browser host and the bundled palette
 * flow: Generate, lock two colours, Space regenerates the others (the locked ones stay, even with
 * the focus on the lock just clicked), editing a colour moves the meter, Save, export .gpl (the
 * downloaded file's text), reload, and the palette found in the Library opens back on the bench
 * with its locks. Then a walk between two saved palettes ends on the second. And Apply to…: a
 * texture generated in the Texture studio is recoloured with a generated palette (two colours
 * locked through Space), and the Texture studio shows the recoloured copy; the palette's .gpl,
 * and the palette found in the Library after a reload.
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './host';

const studio = (page: Page): Locator => page.getByTestId('palette-studio');
const colorsOf = async (page: Page): Promise<string[]> =>
  ((await studio(page).getAttribute('data-colors')) ?? '').split(',');
const meter = (page: Page): Locator => page.getByTestId('palette-meter');

async function openStudio(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('nav-palettes').click();
  await expect(page.getByTestId('palette-generate')).toBeEnabled();
}

/** Waits until the meter has the bench's score and answers its log-likelihood. */
async function settledScore(page: Page): Promise<string> {
  await expect(meter(page)).toHaveAttribute('data-state', 'ready');
  return (await meter(page).getAttribute('data-loglik'))!;
}

test('generate, lock two, Space keeps them; an edit moves the meter; save, export .gpl, reload, reopen from the Library', async ({
  page,
  host,
}, testInfo) => {
  await openStudio(page, host.url);
  const starter = await colorsOf(page);
  await page.getByTestId('palette-generate').click();
  await expect(studio(page)).toHaveAttribute('data-state', 'idle');
  await expect.poll(() => colorsOf(page)).not.toEqual(starter);
  await expect(page.getByTestId('palette-candidate')).toHaveCount(8);
  for (const c of await colorsOf(page)) expect(c).toMatch(/^#[0-9a-f]{6}$/);
  await settledScore(page);

  // Lock colours 2 and 4 (clicks), then Space: the focus is still on the second lock.
  await page.getByTestId('palette-lock').nth(1).click();
  await page.getByTestId('palette-lock').nth(3).click();
  await expect(studio(page)).toHaveAttribute('data-locks', '01010');
  await expect(page.getByTestId('palette-lock').nth(3)).toBeFocused();
  const generated = await colorsOf(page);
  for (let round = 0; round < 2; round++) {
    const before = await colorsOf(page);
    await page.keyboard.press('Space');
    await expect.poll(() => colorsOf(page)).not.toEqual(before);
    await expect(studio(page)).toHaveAttribute('data-state', 'idle');
    await expect(studio(page)).toHaveAttribute('data-locks', '01010');
    const now = await colorsOf(page);
    expect(now[1]).toBe(generated[1]);
    expect(now[3]).toBe(generated[3]);
    // Every candidate keeps the locked colours in their places.
    for (const c of await page.getByTestId('palette-candidate').all()) {
      const cs = ((await c.getAttribute('data-colors')) ?? '').split(',');
      expect([cs[1], cs[3]]).toEqual([generated[1], generated[3]]);
    }
  }
  const swatch = (k: number): Locator => page.getByTestId('palette-swatch').nth(k);
  await expect(swatch(1)).toHaveAttribute('data-locked', 'true');

  // Edit colour 1 in its hex field, then colour 3 with the colour picker: the meter follows.
  const s0 = await settledScore(page);
  const hex = page.getByTestId('palette-hex').nth(0);
  await hex.click();
  await hex.fill('#00FF00');
  await hex.press('Enter');
  await expect(swatch(0)).toHaveAttribute('data-color', '#00ff00');
  await expect.poll(() => meter(page).getAttribute('data-loglik')).not.toBe(s0);
  const s1 = await settledScore(page);
  await page.getByTestId('palette-picker').nth(2).fill('#3a2b5c');
  await expect(swatch(2)).toHaveAttribute('data-color', '#3a2b5c');
  await expect.poll(() => meter(page).getAttribute('data-loglik')).not.toBe(s1);
  await settledScore(page);
  // A bright green among these colours is unusual for the model: well below the typical palette.
  expect(Number(await meter(page).getAttribute('data-percentile'))).toBeLessThan(50);

  // Save with a name; the bench now is that record.
  await page.getByTestId('palette-name').fill('Harbour at dusk');
  await page.getByTestId('palette-save').click();
  await expect(studio(page)).not.toHaveAttribute('data-opened', '');
  const id = (await studio(page).getAttribute('data-opened'))!;
  const saved = await colorsOf(page);

  // Export .gpl: a GIMP palette with the five colours.
  const download = page.waitForEvent('download');
  await page.getByTestId('palette-export-gpl').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('atelier-palette-harbour-at-dusk.gpl');
  const gpl = readFileSync((await file.path())!, 'utf8');
  expect(gpl).toMatch(/^GIMP Palette\nName: Harbour at dusk\nColumns: 5\n#\n/);
  const rows = gpl.trimEnd().split('\n').slice(4);
  expect(rows.map((r) => r.split('\t')[1])).toEqual(saved);
  const [r, g, b] = rows[0]!.split('\t')[0]!.trim().split(/\s+/).map(Number);
  expect([r, g, b]).toEqual([0, 255, 0]);

  await page.screenshot({ path: testInfo.outputPath('palettes-studio.png') });
  await testInfo.attach('palettes-studio', {
    path: testInfo.outputPath('palettes-studio.png'),
    contentType: 'image/png',
  });

  // Reload: the bench comes back; then move on (unlock all, generate) so opening shows a change.
  await page.reload();
  await page.getByTestId('nav-palettes').click();
  await expect.poll(() => colorsOf(page)).toEqual(saved);
  await page.getByTestId('palette-lock').nth(1).click();
  await page.getByTestId('palette-lock').nth(3).click();
  await expect(studio(page)).toHaveAttribute('data-locks', '00000');
  await page.getByTestId('palette-generate').click();
  await expect.poll(() => colorsOf(page)).not.toEqual(saved);

  // The Library's card: the swatches, its .gpl export, and Open back in the studio with its locks.
  await page.getByTestId('nav-library').click();
  const card = page.locator(`[data-testid="library-item"][data-generation-id="${id}"]`);
  await expect(card).toHaveAttribute('data-kind', 'palette');
  await expect(card.getByRole('button', { name: /in the Palettes studio/ })).toBeVisible();
  await expect(card.locator('img')).toBeVisible();
  await card.screenshot({ path: testInfo.outputPath('palettes-library-card.png') });
  await testInfo.attach('palettes-library-card', {
    path: testInfo.outputPath('palettes-library-card.png'),
    contentType: 'image/png',
  });
  const cardDownload = page.waitForEvent('download');
  await card.getByTestId('library-export').click();
  const cardFile = await cardDownload;
  expect(cardFile.suggestedFilename()).toBe('atelier-palette-harbour-at-dusk.gpl');
  expect(readFileSync((await cardFile.path())!, 'utf8')).toMatch(/^GIMP Palette\n/);
  await card.getByTestId('library-open').click();
  await expect(studio(page)).toBeVisible();
  await expect.poll(() => colorsOf(page)).toEqual(saved);
  await expect(studio(page)).toHaveAttribute('data-locks', '01010');
  await expect(studio(page)).toHaveAttribute('data-opened', id);
  await expect(page.getByTestId('palette-name')).toHaveValue('Harbour at dusk');
});

test('the slider walks between two saved palettes through the model’s space', async ({ page, host }) => {
  await openStudio(page, host.url);
  const savedIds: string[] = [];
  const savedColors: string[][] = [];
  for (let k = 0; k < 2; k++) {
    await page.getByTestId('palette-generate').click();
    await expect(studio(page)).toHaveAttribute('data-state', 'idle');
    await page.getByTestId('palette-name').fill(`Walk ${k + 1}`);
    const before = await studio(page).getAttribute('data-opened');
    await page.getByTestId('palette-save').click();
    await expect(studio(page)).not.toHaveAttribute('data-opened', before ?? '');
    savedIds.push((await studio(page).getAttribute('data-opened'))!);
    savedColors.push(await colorsOf(page));
  }
  await page.getByTestId('palette-interp-a').selectOption(savedIds[0]!);
  await page.getByTestId('palette-interp-b').selectOption(savedIds[1]!);
  const scrub = page.getByTestId('palette-interp-scrub');
  await expect(scrub).toBeEnabled();
  // Choosing the ends leaves the bench alone; the slider puts each step on it.
  await expect(page.getByTestId('palette-interp-step')).toHaveText('1 / 11');
  await scrub.fill('10');
  await expect.poll(() => colorsOf(page)).toEqual(savedColors[1]);
  await scrub.fill('5');
  await expect(page.getByTestId('palette-interp-step')).toHaveText('6 / 11');
  const middle = await colorsOf(page);
  expect(middle).not.toEqual(savedColors[0]);
  expect(middle).not.toEqual(savedColors[1]);
  await expect(meter(page)).toHaveAttribute('data-state', 'ready');
  await scrub.fill('0');
  await expect.poll(() => colorsOf(page)).toEqual(savedColors[0]);
});

/** Mean RGB of the Texture studio's canvas (its opaque pixels). */
async function canvasMean(page: Page): Promise<[number, number, number]> {
  return page.evaluate(() => {
    const sum = [0, 0, 0];
    let n = 0;
    for (const c of document.querySelectorAll<HTMLCanvasElement>('[data-testid="texture-canvas"] canvas')) {
      const ctx = c.getContext('2d');
      if (!ctx || c.width === 0) continue;
      const { data } = ctx.getImageData(0, 0, c.width, c.height);
      for (let i = 0; i < data.length; i += 16) {
        if (data[i + 3] === 0) continue;
        sum[0]! += data[i]!;
        sum[1]! += data[i + 1]!;
        sum[2]! += data[i + 2]!;
        n++;
      }
    }
    return sum.map((v) => (n > 0 ? v / n : 0)) as [number, number, number];
  });
}

test('apply a palette to a texture: the Texture studio shows the recoloured copy; export .gpl, reload, the palette is in the Library', async ({
  page,
  host,
}, testInfo) => {
  // A texture generated in the Texture studio first.
  await page.goto(host.url);
  await page.getByTestId('nav-textures').click();
  await page.getByTestId('size-select').selectOption('256');
  await page.getByTestId('generate-button').click();
  const canvas = page.getByTestId('texture-canvas');
  await expect(canvas).toHaveAttribute('data-state', 'ready');
  await expect(canvas).toHaveAttribute('data-generation-id', /^[0-9a-f-]+$/);
  const sourceId = (await canvas.getAttribute('data-generation-id'))!;
  const before = await canvasMean(page);

  // Palettes: generate, lock colours 1 and 3, Space draws the others and keeps them.
  await page.getByTestId('nav-palettes').click();
  await expect(page.getByTestId('palette-generate')).toBeEnabled();
  const starter = await colorsOf(page);
  await page.getByTestId('palette-generate').click();
  await expect.poll(() => colorsOf(page)).not.toEqual(starter);
  await expect(studio(page)).toHaveAttribute('data-state', 'idle');
  await page.getByTestId('palette-lock').nth(0).click();
  await page.getByTestId('palette-lock').nth(2).click();
  await expect(studio(page)).toHaveAttribute('data-locks', '10100');
  const generated = await colorsOf(page);
  await page.keyboard.press('Space');
  await expect.poll(() => colorsOf(page)).not.toEqual(generated);
  await expect(studio(page)).toHaveAttribute('data-state', 'idle');
  const colors = await colorsOf(page);
  expect([colors[0], colors[2]]).toEqual([generated[0], generated[2]]);

  // Apply to…: the picker lists the texture; choose it, see the preview, set the strength, Apply.
  await page.getByTestId('palette-apply').click();
  const dialog = page.getByTestId('palette-apply-dialog');
  await expect(dialog).toBeVisible();
  const item = dialog.locator(`[data-testid="palette-apply-item"][data-id="${sourceId}"]`);
  await expect(item).toHaveAttribute('data-kind', 'texture');
  await expect(item.locator('img')).toBeVisible();
  // The studio's keys are off while the picker is open: Space does not draw new colours.
  await item.focus();
  await page.keyboard.press('Space');
  await expect(item).toHaveAttribute('aria-pressed', 'true');
  expect(await colorsOf(page)).toEqual(colors);
  await expect(page.getByTestId('palette-apply-preview')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('palette-apply-strength').fill('0.9');
  await expect(page.getByTestId('palette-apply-preview')).toHaveAttribute('data-ready', 'true');
  await page.screenshot({ path: testInfo.outputPath('palettes-apply.png') });
  await testInfo.attach('palettes-apply', {
    path: testInfo.outputPath('palettes-apply.png'),
    contentType: 'image/png',
  });
  await page.getByTestId('palette-apply-go').click();

  // The Texture studio shows the recoloured copy: a new record, not the source.
  await expect(canvas).toBeVisible();
  await expect(canvas).toHaveAttribute('data-state', 'ready');
  await expect(canvas).not.toHaveAttribute('data-generation-id', sourceId);
  const recolouredId = (await canvas.getAttribute('data-generation-id'))!;
  expect(recolouredId).toMatch(/^[0-9a-f-]+$/);
  await expect(page.getByTestId('generation-info')).toHaveAttribute('data-generation-id', recolouredId);
  await expect(dialog).toHaveCount(0);
  await expect
    .poll(async () => {
      const after = await canvasMean(page);
      return Math.max(...after.map((v, c) => Math.abs(v - before[c]!)));
    })
    .toBeGreaterThan(8);
  await page.screenshot({ path: testInfo.outputPath('palettes-recoloured-texture.png') });
  await testInfo.attach('palettes-recoloured-texture', {
    path: testInfo.outputPath('palettes-recoloured-texture.png'),
    contentType: 'image/png',
  });

  // Back in the Palettes studio: save, export .gpl.
  await page.getByTestId('nav-palettes').click();
  await page.getByTestId('palette-name').fill('Recoloured granite');
  await page.getByTestId('palette-save').click();
  await expect(studio(page)).not.toHaveAttribute('data-opened', '');
  const paletteId = (await studio(page).getAttribute('data-opened'))!;
  const download = page.waitForEvent('download');
  await page.getByTestId('palette-export-gpl').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('atelier-palette-recoloured-granite.gpl');
  const gpl = readFileSync((await file.path())!, 'utf8');
  expect(
    gpl
      .trimEnd()
      .split('\n')
      .slice(4)
      .map((r) => r.split('\t')[1]),
  ).toEqual(colors);

  // Reload: the palette and the recoloured texture (its parent kept) are in the Library.
  await page.reload();
  await page.getByTestId('nav-library').click();
  const card = page.locator(`[data-testid="library-item"][data-generation-id="${paletteId}"]`);
  await expect(card).toHaveAttribute('data-kind', 'palette');
  const copy = page.locator(`[data-testid="library-item"][data-generation-id="${recolouredId}"]`);
  await expect(copy).toHaveAttribute('data-kind', 'texture');
  await expect(copy).toContainText('· recoloured');
});
