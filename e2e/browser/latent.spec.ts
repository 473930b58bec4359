/**
 * The Latent Explorer end to end, as a designer: the real UI in Debian Chromium against the
 * real browser host, the real bundled VAEs in the inference process, and the SQLite library.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { GifReader } from 'omggif';
import { expect, test } from './host';

async function openExplorer(page: Page, url: string, model: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('nav-latent').click();
  await page.getByTestId('latent-model-select').selectOption(model);
  await expect(page.locator(`[data-testid="latent-view"][data-model="${model}"]`)).toBeVisible();
  await expect(page.getByTestId('latent-canvas')).not.toHaveAttribute('data-paints', '0');
}

const paints = async (page: Page): Promise<number> =>
  Number(await page.getByTestId('latent-canvas').getAttribute('data-paints'));

/** The main view's pixels, as the user sees them. */
const viewPixels = (page: Page): Promise<Buffer> => page.getByTestId('latent-canvas').screenshot();

/** Drags across the pad from one fraction of its box to another. */
async function dragPad(page: Page, from: [number, number], to: [number, number], steps = 30): Promise<void> {
  const box = (await page.getByTestId('latent-pad').boundingBox())!;
  const at = ([fx, fy]: [number, number]): [number, number] => [
    box.x + fx * box.width,
    box.y + fy * box.height,
  ];
  await page.mouse.move(...at(from));
  await page.mouse.down();
  for (let k = 1; k <= steps; k++) {
    const t = k / steps;
    await page.mouse.move(...at([from[0] + (to[0] - from[0]) * t, from[1] + (to[1] - from[1]) * t]));
  }
  await page.mouse.up();
}

test('glyphs: dragging on the pad redraws the style live; the alphabet and grid follow', async ({
  page,
  host,
}) => {
  await openExplorer(page, host.url, 'glyphs');
  await expect(page.getByTestId('latent-sheet')).not.toHaveAttribute('data-paints', '0');
  await expect(page.getByTestId('latent-grid')).not.toHaveAttribute('data-paints', '0');
  const point0 = await page.getByTestId('latent-canvas').getAttribute('data-point');
  const pixels0 = await viewPixels(page);
  const paints0 = await paints(page);
  const sheet0 = Number(await page.getByTestId('latent-sheet').getAttribute('data-paints'));

  await dragPad(page, [0.5, 0.5], [0.9, 0.15]);

  await expect(page.getByTestId('latent-canvas')).not.toHaveAttribute('data-point', point0!);
  expect(await paints(page)).toBeGreaterThan(paints0 + 1);
  expect((await viewPixels(page)).equals(pixels0)).toBe(false);
  // When the drag settles, the alphabet sheet is redrawn in the new style.
  await expect
    .poll(async () => Number(await page.getByTestId('latent-sheet').getAttribute('data-paints')))
    .toBeGreaterThan(sheet0);
  await page.screenshot({ path: test.info().outputPath('latent-glyphs.png'), fullPage: true });

  // Typing a word redraws the main view.
  const before = await paints(page);
  await page.getByTestId('latent-text').fill('Hamburg');
  await expect.poll(() => paints(page)).toBeGreaterThan(before);

  // Keyboard: an arrow key nudges the point.
  await page.getByTestId('latent-pad').click({ position: { x: 5, y: 5 } });
  const p1 = await page.getByTestId('latent-canvas').getAttribute('data-point');
  await page.getByTestId('latent-pad').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('latent-canvas')).not.toHaveAttribute('data-point', p1!);
});

test('arrow keys keep the point within the pad: the point stops at the edge with the dot', async ({
  page,
  host,
}) => {
  await openExplorer(page, host.url, 'glyphs');
  await page.getByTestId('latent-reset').click();
  const readout = page.locator('.pad-readout');
  await expect(readout).toContainText('D1 0.00');
  await page.getByTestId('latent-pad').focus();
  // 14 × 0.5 SD would be −7 SD (broken glyphs); the keys stop at the pad's edge, −3 SD.
  for (let k = 0; k < 14; k++) await page.keyboard.press('Shift+ArrowLeft');
  await expect(readout).toContainText('D1 −3.00');
  await expect(page.locator('.pad-dot')).not.toHaveClass(/is-outside/);
  const atEdge = await page.getByTestId('latent-canvas').getAttribute('data-point');
  await page.keyboard.press('ArrowLeft');
  await expect(readout).toContainText('D1 −3.00');
  // A key back towards the middle moves again.
  await page.keyboard.press('ArrowRight');
  await expect(readout).toContainText('D1 −2.90');
  await expect(page.getByTestId('latent-canvas')).not.toHaveAttribute('data-point', atEdge!);
  // Up is the pad's other direction, capped the same way.
  for (let k = 0; k < 8; k++) await page.keyboard.press('Shift+ArrowUp');
  await expect(readout).toContainText('D2 +3.00');
});

test('texture VAE: the same explorer drives another model; sliders and randomize move the point', async ({
  page,
  host,
}) => {
  await openExplorer(page, host.url, 'texture-vae');
  const point0 = await page.getByTestId('latent-canvas').getAttribute('data-point');
  await page.getByTestId('latent-slider-0').fill('2');
  await expect(page.getByTestId('latent-canvas')).not.toHaveAttribute('data-point', point0!);
  const point1 = await page.getByTestId('latent-canvas').getAttribute('data-point');
  await page.getByTestId('latent-randomize').click();
  await expect(page.getByTestId('latent-canvas')).not.toHaveAttribute('data-point', point1!);
  await page.getByTestId('latent-reset').click();
  await expect(page.getByTestId('latent-canvas')).not.toHaveAttribute('data-point', point1!);
  await page.screenshot({ path: test.info().outputPath('latent-texture.png'), fullPage: true });

  // Send to canvas: the decode is saved to the library and opens in the Texture studio.
  await page.getByTestId('latent-send-canvas').click();
  const canvas = page.getByTestId('texture-canvas');
  await expect(canvas).toBeVisible();
  await expect(canvas).toHaveAttribute('data-state', 'ready');
  const id = await canvas.getAttribute('data-generation-id');
  await page.getByTestId('nav-library').click();
  await expect(page.locator(`[data-testid="library-item"][data-generation-id="${id}"]`)).toBeVisible();
});

test('bookmarks survive a reload; an interpolation exports as a GIF with the requested frames', async ({
  page,
  host,
}) => {
  await openExplorer(page, host.url, 'glyphs');
  const items = page.getByTestId('latent-bookmark-item');
  await expect(items).toHaveCount(0);
  await page.getByTestId('latent-bookmark').click();
  await expect(items).toHaveCount(1);
  await page.getByTestId('latent-randomize').click();
  await page.getByTestId('latent-bookmark').click();
  await expect(items).toHaveCount(2);

  await page.reload();
  await openExplorer(page, host.url, 'glyphs');
  await expect(items).toHaveCount(2);

  const [a, b] = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-id')!));
  await page.getByTestId('latent-interp-a').selectOption(a!);
  await page.getByTestId('latent-interp-b').selectOption(b!);
  await page.getByTestId('latent-interp-frames').fill('9');
  const before = await paints(page);
  await page.getByTestId('latent-interp-t').fill('0.5');
  await expect.poll(() => paints(page)).toBeGreaterThan(before);

  const download = page.waitForEvent('download');
  await page.getByTestId('latent-export-gif').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.gif$/);
  const bytes = readFileSync((await file.path())!);
  const gif = new GifReader(bytes);
  expect(gif.numFrames()).toBe(9);

  const strip = page.waitForEvent('download');
  await page.getByTestId('latent-export-strip').click();
  expect((await strip).suggestedFilename()).toMatch(/\.png$/);
});

test('encode: a dropped PNG shows its reconstruction; a non-image file shows a readable error', async ({
  page,
  host,
}) => {
  await openExplorer(page, host.url, 'glyphs');
  const index = JSON.parse(readFileSync(join('models', 'glyphs', 'heldout', 'index.json'), 'utf8')) as {
    file: string;
    char: string;
  }[];
  const sample = index[0]!;
  await page.getByTestId('latent-encode-char').selectOption(sample.char);
  const point0 = await page.getByTestId('latent-canvas').getAttribute('data-point');
  await page
    .getByTestId('latent-encode-input')
    .setInputFiles(join('models', 'glyphs', 'heldout', sample.file));
  const result = page.getByTestId('latent-encode-result');
  await expect(result).toBeVisible();
  await expect(result.locator('canvas, img')).not.toHaveCount(0);
  await expect(page.getByTestId('latent-canvas')).not.toHaveAttribute('data-point', point0!);
  await page.screenshot({ path: test.info().outputPath('latent-encode.png'), fullPage: true });

  await page.getByTestId('latent-encode-input').setInputFiles({
    name: 'notes.png',
    mimeType: 'image/png',
    buffer: Buffer.from('these are notes, not pixels'),
  });
  await expect(page.getByTestId('error-banner')).toContainText(/not a PNG or JPEG/);
  // The explorer keeps working.
  const p = await page.getByTestId('latent-canvas').getAttribute('data-point');
  await page.getByTestId('latent-randomize').click();
  await expect(page.getByTestId('latent-canvas')).not.toHaveAttribute('data-point', p!);
});

test('glyphs flow prior: the typicality meter follows the point; Nearest typical style; Randomize from the flow prior', async ({
  page,
  host,
}) => {
  await openExplorer(page, host.url, 'glyphs');
  const meter = page.getByTestId('latent-typicality');
  const canvas = page.getByTestId('latent-canvas');
  const percentile = async (): Promise<number> => Number(await meter.getAttribute('data-percentile'));
  await expect(meter).toHaveAttribute('data-state', 'ready');
  await expect(meter).toContainText(/percentile of training glyphs|training glyph/);
  const atMean = await percentile();
  expect(atMean).toBeGreaterThanOrEqual(0);
  expect(atMean).toBeLessThanOrEqual(100);

  // Dragging the point to the pad's corner (3 SD out along two directions): the meter drops, live.
  await dragPad(page, [0.5, 0.5], [0.98, 0.02]);
  await expect.poll(percentile).toBeLessThan(atMean);
  await expect(meter).toHaveAttribute('data-state', 'ready');
  const far = await percentile();
  const farPoint = (await canvas.getAttribute('data-point'))!;

  // Nearest typical style moves the point and raises the meter.
  await page.getByTestId('latent-nearest-typical').click();
  await expect(canvas).not.toHaveAttribute('data-point', farPoint);
  await expect(meter).toHaveAttribute('data-state', 'ready');
  await expect.poll(percentile).toBeGreaterThan(far);
  await expect(meter).toHaveAttribute('data-state', 'ready');
  const first = await percentile();
  expect(first).toBeGreaterThanOrEqual(49);
  // Pressed again it climbs further towards the flow's most likely style.
  const typicalPoint = (await canvas.getAttribute('data-point'))!;
  await page.getByTestId('latent-nearest-typical').click();
  await expect(canvas).not.toHaveAttribute('data-point', typicalPoint);
  await expect(meter).toHaveAttribute('data-state', 'ready');
  await expect.poll(percentile).toBeGreaterThan(first);
  await page.screenshot({ path: test.info().outputPath('latent-typical.png'), fullPage: true });

  // Randomize from the flow prior: a new point, and the meter reads it.
  await page.getByTestId('latent-prior-flow').check();
  await expect(page.getByTestId('latent-randomize')).toHaveAttribute('data-prior', 'flow');
  for (let k = 0; k < 2; k++) {
    const before = (await canvas.getAttribute('data-point'))!;
    await page.getByTestId('latent-randomize').click();
    await expect(canvas).not.toHaveAttribute('data-point', before);
    await expect(meter).toHaveAttribute('data-state', 'ready');
    expect(await percentile()).toBeGreaterThanOrEqual(0);
  }
  await page.getByTestId('latent-prior-normal').check();
  await expect(page.getByTestId('latent-randomize')).toHaveAttribute('data-prior', 'normal');

  // A model without a flow prior shows no meter.
  await page.getByTestId('latent-model-select').selectOption('texture-vae');
  await expect(page.locator('[data-testid="latent-view"][data-model="texture-vae"]')).toBeVisible();
  await expect(meter).toHaveCount(0);
  await expect(page.getByTestId('latent-randomize')).toHaveAttribute('data-prior', 'normal');
});
