/**
 * "Drop a few letters of your font" in the Latent Explorer, end to end: glyph PNGs of ONE font are
 * made for the test by the real service (one style point decoded as single characters, written with
 * pngjs into a temp dir), opened together in the glyph set (their letters read from the file
 * names), and the pad shows each glyph's point, the combined point and its ellipse; a file that is
 * not a picture gets the service's sentence beside its chip while the others stay; removing a glyph
 * widens the ellipse; the designer's text is drawn in the style; "Use this style" moves the
 * explorer's point to the combined mean; a 13th glyph is refused. Screenshots `latent-glyph-set*.png`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import type { PixelImage } from '../../preload/contract';
import { decodeFrame, encodeFrame, TOKEN_PARAM, WS_PATH, type ServerFrame } from '../../preload/wire';
import { expect, test } from './host';

const require = createRequire(import.meta.url);
const { PNG } = require('pngjs') as typeof import('pngjs');
const { WebSocket } = require('ws') as typeof import('ws');

/** One call to the running host over its WebSocket, as the page makes it. */
async function callHost<T>(pageUrl: string, method: string, input: unknown): Promise<T> {
  const url = new URL(pageUrl);
  const ws = new WebSocket(`ws://${url.host}${WS_PATH}?${TOKEN_PARAM}=${url.searchParams.get(TOKEN_PARAM)}`, {
    headers: { Origin: url.origin },
  });
  try {
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    const answer = new Promise<ServerFrame>((resolve) =>
      ws.on('message', (data: Buffer) => {
        const f = decodeFrame(data) as ServerFrame;
        if (f.t === 'result' && f.id === 1) resolve(f);
      }),
    );
    ws.send(encodeFrame({ t: 'call', id: 1, method, input }));
    const f = await answer;
    if (f.t !== 'result' || !f.ok) throw new Error(`${method} failed: ${JSON.stringify(f)}`);
    return f.value as T;
  } finally {
    ws.close();
  }
}

function toPng(img: PixelImage): Buffer {
  const png = new PNG({ width: img.width, height: img.height });
  for (let i = 0; i < img.width * img.height; i++) {
    for (let c = 0; c < 3; c++)
      png.data[i * 4 + c] = img.pixels[i * img.channels + (img.channels === 3 ? c : 0)]!;
    png.data[i * 4 + 3] = 255;
  }
  return PNG.sync.write(png);
}

/** PNG files of some characters of one style point (the font to recover), named as a designer might. */
async function fontFiles(pageUrl: string, dir: string, names: Record<string, string>): Promise<string[]> {
  const { points } = await callHost<{ points: number[][] }>(pageUrl, 'latent.sample', {
    model: 'glyphs',
    seed: 11,
    count: 1,
    temperature: 0.8,
  });
  const paths: string[] = [];
  for (const [char, name] of Object.entries(names)) {
    const { images } = await callHost<{ images: PixelImage[] }>(pageUrl, 'latent.decode', {
      model: 'glyphs',
      points: [points[0]],
      view: { kind: 'text', text: char },
    });
    const path = join(dir, name);
    writeFileSync(path, toPng(images[0]!));
    paths.push(path);
  }
  return paths;
}

async function openExplorer(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('nav-latent').click();
  await page.getByTestId('latent-model-select').selectOption('glyphs');
  await expect(page.locator('[data-testid="latent-view"][data-model="glyphs"]')).toBeVisible();
  await expect(page.getByTestId('latent-canvas')).not.toHaveAttribute('data-paints', '0');
}

const num = async (l: Locator, attr: string): Promise<number> => Number(await l.getAttribute(attr));
const centre = async (l: Locator): Promise<[number, number]> => {
  const b = (await l.boundingBox())!;
  return [b.x + b.width / 2, b.y + b.height / 2];
};

let dir = '';
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'atelier-glyph-set-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a few letters of one font: their points, the combined style and its ellipse, text drawn in it', async ({
  page,
  host,
}, testInfo) => {
  test.setTimeout(180_000);
  await openExplorer(page, host.url);
  const files = await fontFiles(host.url, dir, { H: 'upper-H.png', a: 'a.png', R: 'glyph_R.png' });

  await page.getByTestId('latent-glyphs-input').setInputFiles(files);
  const chips = page.getByTestId('latent-glyph-chip');
  await expect(chips).toHaveCount(3);
  expect(await chips.evaluateAll((els) => els.map((e) => e.getAttribute('data-char')))).toEqual([
    'H',
    'a',
    'R',
  ]);
  await expect(chips.locator('canvas')).toHaveCount(3);
  const overlay = page.getByTestId('latent-glyph-overlay');
  await expect(overlay).toHaveAttribute('data-glyph-count', '3');
  await expect(page.getByTestId('latent-glyph-mark')).toHaveCount(3);
  await expect(page.getByTestId('latent-glyph-combined')).toBeVisible();
  await expect(page.getByTestId('latent-glyph-ellipse')).toBeVisible();
  await expect(page.getByTestId('latent-glyphs-narrowing')).toContainText(
    /^3 glyphs: style uncertainty \d+ % of one glyph’s\./,
  );
  expect(await num(page.getByTestId('latent-glyphs-narrowing'), 'data-percent')).toBeLessThan(100);
  // Glyphs of one font sit close together: the close-up shows them at a smaller span than the pad's.
  const closeup = page.getByTestId('latent-glyph-closeup-overlay');
  await expect(page.getByTestId('latent-glyph-closeup-mark')).toHaveCount(3);
  expect(await num(closeup, 'data-range')).toBeLessThan(3);
  expect(await closeup.getAttribute('data-ellipse-rx')).toBe(await overlay.getAttribute('data-ellipse-rx'));

  // A file that is not a picture, dropped among them: the service's sentence beside its chip.
  await page.getByTestId('latent-view').evaluate((el) => {
    const dt = new DataTransfer();
    dt.items.add(new File(['these are notes, not pixels'], 'lower-g.png', { type: 'image/png' }));
    el.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }));
    el.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
  });
  const bad = page.locator('[data-testid="latent-glyph-chip"][data-file="lower-g.png"]');
  await expect(bad).toHaveAttribute('data-state', 'error');
  await expect(bad.getByTestId('latent-glyph-error')).toContainText(/PNG or JPEG/);
  await expect(page.locator('[data-testid="latent-glyph-chip"][data-state="ok"]')).toHaveCount(3);
  await expect(overlay).toHaveAttribute('data-glyph-count', '3');
  await expect(page.getByTestId('latent-glyph-set')).toHaveAttribute('data-state', 'ready');
  const rx3 = await num(overlay, 'data-ellipse-rx');
  const ry3 = await num(overlay, 'data-ellipse-ry');

  const panelShot = testInfo.outputPath('latent-glyph-set.png');
  await page.getByTestId('latent-glyph-set').screenshot({ path: panelShot });
  await testInfo.attach('latent-glyph-set.png', { path: panelShot, contentType: 'image/png' });
  const padShot = testInfo.outputPath('latent-glyph-set-pad.png');
  await page.getByTestId('latent-pad').screenshot({ path: padShot });
  await testInfo.attach('latent-glyph-set-pad.png', { path: padShot, contentType: 'image/png' });

  // Two glyphs say less than three: the ellipse grows.
  await page
    .locator('[data-testid="latent-glyph-chip"][data-char="R"]')
    .getByTestId('latent-glyph-remove')
    .click();
  await expect(chips).toHaveCount(3);
  await expect(overlay).toHaveAttribute('data-glyph-count', '2');
  await expect(page.getByTestId('latent-glyph-set')).toHaveAttribute('data-state', 'ready');
  expect((await num(overlay, 'data-ellipse-rx')) * (await num(overlay, 'data-ellipse-ry'))).toBeGreaterThan(
    rx3 * ry3,
  );
  await expect(bad.getByTestId('latent-glyph-error')).toBeVisible();

  // The designer's text, drawn in the combined style.
  await page.getByTestId('latent-glyphs-text').fill('Hamburgefonts');
  const text = page.getByTestId('latent-glyph-text-image');
  await expect(text).toHaveAttribute('data-text', 'Hamburgefonts');
  expect(await num(text, 'width')).toBeGreaterThan(await num(text, 'height'));

  // "Use this style": the explorer's point is the combined mean; the pad's dot sits on its mark.
  const before = await page.getByTestId('latent-canvas').getAttribute('data-point');
  const mean = (await page.getByTestId('latent-glyphs-use').getAttribute('data-point'))!;
  expect(mean).not.toBe(before);
  await page.getByTestId('latent-glyphs-use').click();
  await expect(page.getByTestId('latent-canvas')).toHaveAttribute('data-point', mean);
  const [dx, dy] = await centre(page.locator('.pad-dot'));
  const [cx, cy] = await centre(page.getByTestId('latent-glyph-combined'));
  expect(Math.hypot(dx - cx, dy - cy)).toBeLessThan(2);
  const shot = testInfo.outputPath('latent-glyph-set-page.png');
  await page.screenshot({ path: shot });
  await testInfo.attach('latent-glyph-set-page.png', { path: shot, contentType: 'image/png' });

  // Up to twelve: a thirteenth is refused in a sentence.
  const more = Array.from({ length: 10 }, (_, i) => ({
    name: `scan${i + 10}.png`,
    mimeType: 'image/png',
    buffer: toPng({ width: 8, height: 8, channels: 1, pixels: new Uint8Array(64).fill(255) }),
  }));
  await page.getByTestId('latent-glyphs-input').setInputFiles(more);
  await expect(chips).toHaveCount(12);
  await expect(page.getByTestId('latent-glyphs-notice')).toContainText(
    'A style combines at most 12 glyphs, so “scan19.png” was not added.',
  );
  await expect(page.getByTestId('latent-glyph-which')).toHaveCount(9);
  await expect(page.getByTestId('latent-glyphs-open')).toBeDisabled();
  await expect(overlay).toHaveAttribute('data-glyph-count', '2');
  const full = testInfo.outputPath('latent-glyph-set-full.png');
  await page.getByTestId('latent-glyph-set').screenshot({ path: full });
  await testInfo.attach('latent-glyph-set-full.png', { path: full, contentType: 'image/png' });
});
