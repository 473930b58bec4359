/**
 * Materials, as a game artist uses them: generate a texture, open Material…, watch the 3D preview
 * (three.js on WebGL — SwiftShader under --disable-gpu) change as a strength slider moves and as
 * the shape switches (screenshots `material-preview-<shape>.png`, the frame time attached), and
 * export the maps — 16-bit, DirectX normals — as downloads: five PNGs of the texture's size, named
 * by map, whose opposite edges meet as smoothly as their interiors. Where WebGL cannot start, the
 * panel says so in words.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { expect, test } from './host';

async function generate(page: Page, size: string, seed: number, style = 'stone-wall'): Promise<string> {
  await page.getByTestId('nav-textures').click();
  await page.getByTestId('style-select').selectOption(style);
  await page.getByTestId('size-select').selectOption(size);
  await page.getByTestId('seed-input').fill(String(seed));
  if (!(await page.getByTestId('seed-lock').isChecked())) await page.getByTestId('seed-lock').check();
  await page.getByTestId('generate-button').click();
  const canvas = page.getByTestId('texture-canvas');
  await expect(canvas).toHaveAttribute('data-state', 'ready');
  return (await canvas.getAttribute('data-generation-id'))!;
}

/** A hash of the preview's last frame (the WebGL canvas keeps its drawing buffer). */
async function frameHash(page: Page): Promise<string> {
  const url = await page
    .getByTestId('material-preview')
    .locator('canvas')
    .evaluate((c: HTMLCanvasElement) => c.toDataURL('image/png'));
  return createHash('sha256').update(url).digest('hex');
}

/** Waits for the preview to draw a frame after `action`. */
async function afterRender(page: Page, action: () => Promise<void>): Promise<void> {
  const preview = page.getByTestId('material-preview');
  const before = Number(await preview.getAttribute('data-renders'));
  await action();
  await expect.poll(async () => Number(await preview.getAttribute('data-renders'))).toBeGreaterThan(before);
}

/** Mean step across the wrap over the mean step between interior neighbours (≈1: no seam). */
function seamScore(png: PNG, c: number): number {
  const { width: w, height: h, data } = png;
  const at = (x: number, y: number): number => data[(y * w + x) * 4 + c] as number;
  let seam = 0;
  let inner = 0;
  for (let y = 0; y < h; y++) {
    seam += Math.abs(at(w - 1, y) - at(0, y));
    for (let x = 0; x < w - 1; x++) inner += Math.abs(at(x, y) - at(x + 1, y)) / (w - 1);
  }
  for (let x = 0; x < w; x++) {
    seam += Math.abs(at(x, h - 1) - at(x, 0));
    for (let y = 0; y < h - 1; y++) inner += Math.abs(at(x, y) - at(x, y + 1)) / (h - 1);
  }
  return seam / Math.max(inner, 1e-9);
}

test('a texture becomes a material: live 3D preview, shapes, and seamless maps exported', async ({
  page,
  host,
}, testInfo) => {
  await page.goto(host.url);
  await expect(page.getByTestId('status-inference')).toContainText(/ready/i);
  await generate(page, '512', 5);

  await page.getByTestId('material-open').click();
  const panel = page.getByTestId('material-panel');
  await expect(panel).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('material-name')).toContainText('512×512');
  const preview = page.getByTestId('material-preview');
  await expect(preview).toHaveAttribute('data-state', 'ready');
  await expect.poll(async () => Number(await preview.getAttribute('data-renders'))).toBeGreaterThan(0);

  // A strength slider changes the picture.
  const first = await frameHash(page);
  await afterRender(page, () => page.getByTestId('material-normal-strength').fill('8'));
  const stronger = await frameHash(page);
  expect(stronger).not.toBe(first);
  await afterRender(page, () => page.getByTestId('material-roughness-max').fill('0.3'));
  expect(await frameHash(page)).not.toBe(stronger);
  // So does the light: sliders, and a drag on the preview.
  const lit = await frameHash(page);
  await afterRender(page, () => page.getByTestId('material-light-azimuth').fill('315'));
  expect(await frameHash(page)).not.toBe(lit);
  await afterRender(page, () => page.getByTestId('material-light-azimuth').fill('135'));
  const box = (await preview.boundingBox())!;
  const dragged = await frameHash(page);
  await afterRender(page, async () => {
    await page.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.8);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.85, box.y + box.height * 0.7, { steps: 3 });
    await page.mouse.up();
  });
  expect(await frameHash(page)).not.toBe(dragged);
  await afterRender(page, () => page.getByTestId('material-light-azimuth').fill('135'));
  await afterRender(page, () => page.getByTestId('material-light-elevation').fill('35'));
  // Back to an artist's everyday settings for the pictures.
  await afterRender(page, () => page.getByTestId('material-normal-strength').fill('3'));
  await afterRender(page, () => page.getByTestId('material-roughness-max').fill('0.95'));

  const frameMs: Record<string, number> = {};
  for (const shape of ['plane', 'sphere', 'cube'] as const) {
    const before = await frameHash(page);
    if ((await preview.getAttribute('data-shape')) !== shape)
      await afterRender(page, () => page.getByTestId(`material-shape-${shape}`).click());
    await expect(preview).toHaveAttribute('data-shape', shape);
    if (shape !== 'plane') expect(await frameHash(page)).not.toBe(before);
    frameMs[shape] = Number(await preview.getAttribute('data-frame-ms'));
    const shot = testInfo.outputPath(`material-preview-${shape}.png`);
    await preview.screenshot({ path: shot });
    await testInfo.attach(`material-preview-${shape}.png`, { path: shot, contentType: 'image/png' });
  }
  // Measured, not asserted: SwiftShader's frame time says little about a real GPU's.
  const timings = testInfo.outputPath('material-frame-ms.json');
  writeFileSync(timings, JSON.stringify(frameMs));
  await testInfo.attach('material-frame-ms.json', { path: timings, contentType: 'application/json' });

  // Export: 16-bit, DirectX normals, one download per map.
  await page.getByTestId('material-bits').selectOption('16');
  await page.getByTestId('material-normal-convention').selectOption('dx');
  const downloads: Promise<import('@playwright/test').Download>[] = [];
  page.on('download', (d) => downloads.push(Promise.resolve(d)));
  await page.getByTestId('material-export').click();
  await expect(page.getByTestId('material-export-result')).toContainText('Downloaded');
  await expect.poll(() => downloads.length).toBe(5);
  const files = await Promise.all(downloads);
  const names = files.map((d) => d.suggestedFilename()).sort();
  expect(names.map((n) => n.replace(/^.*_(?=(basecolor|height|normal_dx|roughness|ao)\.png$)/, ''))).toEqual([
    'ao.png',
    'basecolor.png',
    'height.png',
    'normal_dx.png',
    'roughness.png',
  ]);
  for (const d of files) {
    const path = testInfo.outputPath(d.suggestedFilename());
    await d.saveAs(path);
    const bytes = readFileSync(path);
    const png = PNG.sync.read(bytes);
    expect([png.width, png.height], d.suggestedFilename()).toEqual([512, 512]);
    expect(bytes[24], d.suggestedFilename()).toBe(d.suggestedFilename().endsWith('_basecolor.png') ? 8 : 16);
    for (const c of d.suggestedFilename().includes('normal') ? [0, 1] : [0])
      expect(seamScore(png, c), `${d.suggestedFilename()} channel ${c}`).toBeLessThan(1.6);
  }
});

test('without WebGL the panel says so in words, still exports, and opens pictures', async ({
  page,
  host,
}, testInfo) => {
  await page.addInitScript(() => {
    const original = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (
      this: HTMLCanvasElement,
      id: string,
      ...rest: unknown[]
    ) {
      if (id === 'webgl2' || id === 'webgl') return null;
      return (original as (...a: unknown[]) => unknown).call(this, id, ...rest);
    } as typeof original;
  });
  await page.goto(host.url);
  await expect(page.getByTestId('status-inference')).toContainText(/ready/i);
  await generate(page, '256', 7);
  await page.getByTestId('material-open').click();
  await expect(page.getByTestId('material-no-webgl')).toContainText('The 3D preview needs WebGL');
  await expect(page.getByTestId('material-preview')).toHaveAttribute('data-state', 'no-webgl');
  await expect(page.getByTestId('material-panel')).toHaveAttribute('data-state', 'ready');
  const download = page.waitForEvent('download');
  await page.getByTestId('material-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/_basecolor\.png$/);

  // A picture the user opens: a PNG makes maps named after it; a file that is no picture gets a sentence.
  const path = testInfo.outputPath('my photo.png');
  await file.saveAs(path);
  await page.getByTestId('material-open-file').setInputFiles(path);
  await expect(page.getByTestId('material-name')).toContainText('my-photo · 256×256');
  await page.getByTestId('material-open-file').setInputFiles({
    name: 'notes.png',
    mimeType: 'image/png',
    buffer: Buffer.from('these are not pixels'),
  });
  await expect(page.getByTestId('material-error')).toHaveText('This file is not a PNG or JPEG image.');
});
