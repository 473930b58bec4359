/**
 * The Labs studio in Debian Chromium against the real browser host: every lab trains in the
 * page's Web Worker (Play, the counter rises, the picture changes; a screenshot of each), a
 * check-yourself task passes on the live model, a run saved to the library comes back after a
 * reload through the Library's Open (same iteration, same picture), Export JSON → Open file gives
 * the same run, a broken CSV and a broken file are refused with readable sentences while the lab
 * keeps training, the GAN trains on glyph images, the keys and the brush work.
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page, TestInfo } from '@playwright/test';
import { expect, test } from './host';

const LABS = ['gan', 'vae', 'flow', 'diffusion', 'bayes'] as const;
type Lab = (typeof LABS)[number];

const studio = (page: Page): Locator => page.getByTestId('labs-studio');
const picture = (page: Page): Locator => page.getByTestId('lab-view');
const iteration = async (page: Page): Promise<number> =>
  Number(await page.getByTestId('lab-iteration').getAttribute('data-iteration'));
const hash = async (page: Page): Promise<string> => (await picture(page).getAttribute('data-hash')) ?? '';

async function openLabs(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('nav-labs').click();
  await expect(studio(page)).toBeVisible();
}

/** Shows a lab's tab and waits for its run's first picture. */
async function showLab(page: Page, lab: Lab): Promise<void> {
  await page.getByTestId(`lab-tab-${lab}`).click();
  await expect(studio(page)).toHaveAttribute('data-lab', lab);
  await expect(studio(page)).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await expect(picture(page)).toHaveAttribute('data-ready', 'true');
}

/** Pauses and waits until the picture is the paused run's (the counter and the hash stay put). */
async function pauseAndSettle(page: Page): Promise<{ iteration: number; hash: string }> {
  if (await page.getByTestId('lab-pause').isVisible()) await page.getByTestId('lab-pause').click();
  await expect(page.getByTestId('lab-play')).toBeVisible();
  // The worker's last snapshot was taken paused: it is the run's final picture.
  await expect(page.getByTestId('lab-iteration')).toHaveAttribute('data-training', 'false');
  let last = { iteration: -1, hash: '' };
  await expect
    .poll(async () => {
      const now = { iteration: await iteration(page), hash: await hash(page) };
      const same = now.iteration === last.iteration && now.hash === last.hash;
      last = now;
      return same;
    })
    .toBe(true);
  return last;
}

async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await studio(page).screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

test.describe.configure({ mode: 'serial' });

test('every lab trains live: the counter rises and the picture changes', async ({ page, host }, testInfo) => {
  test.setTimeout(300_000);
  await openLabs(page, host.url);
  for (const lab of LABS) {
    await showLab(page, lab);
    const before = await hash(page);
    expect(before).toMatch(/^[0-9a-f]{8}$/);
    const start = await iteration(page);
    await page.getByTestId('lab-play').click();
    await expect.poll(() => iteration(page), { timeout: 60_000 }).toBeGreaterThan(start + 30);
    await expect.poll(() => hash(page)).not.toBe(before);
    await expect(page.getByTestId('lab-chart')).not.toHaveAttribute('data-points', '0');
    await expect(page.getByTestId('lab-metrics')).toHaveAttribute('data-ready', 'true');
    // Let it learn a little so the screenshot shows a picture a learner reads.
    await page.waitForTimeout(4000);
    await pauseAndSettle(page);
    await shot(page, testInfo, `labs-${lab}`);
  }
});

test('check-yourself tasks pass on the live model, and stay passed until reset', async ({ page, host }) => {
  test.setTimeout(180_000);
  await openLabs(page, host.url);
  for (const [lab, check] of [
    ['vae', 'vae-gaussian'],
    ['flow', 'flow-beat-gaussian'],
  ] as const) {
    await showLab(page, lab);
    const task = page.getByTestId(`lab-check-${check}`);
    await expect(task).toHaveAttribute('data-passed', 'false');
    await page.getByTestId('lab-play').click();
    await expect(task).toHaveAttribute('data-passed', 'true', { timeout: 60_000 });
    await pauseAndSettle(page);
    await expect(task).toHaveAttribute('data-passed', 'true');
    await page.getByTestId('lab-reset').click();
    await expect.poll(() => iteration(page)).toBe(0);
    await expect(task).toHaveAttribute('data-passed', 'false');
  }
});

test('export ONNX; save to the library, reload, open from the Library: the same iteration and picture', async ({
  page,
  host,
}) => {
  test.setTimeout(180_000);
  await openLabs(page, host.url);
  await showLab(page, 'flow');
  await page.getByTestId('lab-play').click();
  await expect.poll(() => iteration(page), { timeout: 60_000 }).toBeGreaterThan(40);
  const saved = await pauseAndSettle(page);
  // The trained flow as ONNX (x → z, log p): a protobuf with the ONNX magic fields.
  const onnxDownload = page.waitForEvent('download');
  await page.getByTestId('lab-export-onnx').click();
  const onnx = await onnxDownload;
  expect(onnx.suggestedFilename()).toBe(`flow-${saved.iteration}.onnx`);
  const onnxBytes = readFileSync((await onnx.path())!);
  expect(onnxBytes.length).toBeGreaterThan(1000);
  expect(onnxBytes.includes(Buffer.from('log_prob'))).toBe(true);

  await page.getByTestId('lab-title').fill('Flow on the ring');
  await page.getByTestId('lab-save').click();
  await expect(page.getByTestId('lab-save')).not.toHaveAttribute('data-saved', '');
  const id = (await page.getByTestId('lab-save').getAttribute('data-saved'))!;

  // A reload, then a new run (R resets to the seed), so the Library's Open must bring the run back.
  await page.reload();
  await page.getByTestId('nav-labs').click();
  await showLab(page, 'flow');
  await page.locator('.labs-blurb').click();
  await page.keyboard.press('r');
  await expect.poll(() => iteration(page)).toBe(0);
  await expect.poll(() => hash(page)).not.toBe(saved.hash);

  await page.getByTestId('nav-library').click();
  const card = page.locator(`[data-testid="library-item"][data-generation-id="${id}"]`);
  await expect(card).toHaveAttribute('data-kind', 'lab');
  await expect(card).toContainText('Flow on the ring');
  await expect(card).toContainText(`${saved.iteration.toLocaleString('en-US')} iterations`);
  await expect(card.locator('img')).toBeVisible();
  await card.getByTestId('library-open').click();
  await expect(studio(page)).toHaveAttribute('data-lab', 'flow');
  await expect.poll(() => iteration(page)).toBe(saved.iteration);
  await expect.poll(() => hash(page)).toBe(saved.hash);

  // From a fresh page straight to the Library: the Labs start with the opened run.
  await page.getByTestId('lab-tab-gan').click();
  await page.reload();
  await page.getByTestId('nav-library').click();
  await page
    .locator(`[data-testid="library-item"][data-generation-id="${id}"]`)
    .getByTestId('library-open')
    .click();
  await expect(studio(page)).toHaveAttribute('data-lab', 'flow');
  await expect(page.getByTestId('lab-tab-flow')).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => iteration(page)).toBe(saved.iteration);
  await expect.poll(() => hash(page)).toBe(saved.hash);
});

test('export JSON and open the file again: the same run; a broken file is refused readably', async ({
  page,
  host,
}, testInfo) => {
  await openLabs(page, host.url);
  await showLab(page, 'vae');
  for (let k = 0; k < 3; k++) await page.getByTestId('lab-step').click();
  await expect.poll(() => iteration(page)).toBe(3);
  const saved = await pauseAndSettle(page);
  const download = page.waitForEvent('download');
  await page.getByTestId('lab-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('vae-3.atelier-lab.json');
  const path = testInfo.outputPath('vae-3.atelier-lab.json');
  await file.saveAs(path);
  const state = JSON.parse(readFileSync(path, 'utf8'));
  expect(state).toMatchObject({ format: 'atelier-lab', lab: 'vae', iteration: 3 });

  await page.getByTestId('lab-reset').click();
  await expect.poll(() => iteration(page)).toBe(0);
  await page.getByTestId('lab-open-file').setInputFiles(path);
  await expect.poll(() => iteration(page)).toBe(3);
  await expect.poll(() => hash(page)).toBe(saved.hash);

  await page.getByTestId('lab-open-file').setInputFiles({
    name: 'notes.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format":"something-else"}'),
  });
  await expect(page.getByTestId('lab-error')).toContainText('is not an Atelier lab file');
  await page.getByTestId('lab-open-file').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format":'),
  });
  await expect(page.getByTestId('lab-error')).toContainText('broken.json is not a lab file: it is not JSON');
  expect(await iteration(page)).toBe(3);
});

test('a broken CSV gets a readable error and the lab keeps training; a good one trains', async ({
  page,
  host,
}) => {
  await openLabs(page, host.url);
  await showLab(page, 'gan');
  await page.getByTestId('lab-play').click();
  const dataLine = await page.getByTestId('lab-data-line').textContent();
  await page.getByTestId('lab-csv').setInputFiles({
    name: 'broken.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('x,y\n1,2\nfoo,bar\n'),
  });
  await expect(page.getByTestId('lab-error')).toHaveText(
    /Line 3 of broken\.csv is not two numbers \("foo,bar"\)/,
  );
  await expect(page.getByTestId('lab-data-line')).toHaveText(dataLine!);
  const at = await iteration(page);
  await expect.poll(() => iteration(page)).toBeGreaterThan(at + 10);
  await expect(page.getByTestId('lab-pause')).toBeVisible();

  const rows = Array.from({ length: 200 }, (_, i) => `${Math.cos(i / 10) * 50},${Math.sin(i / 10) * 50}`);
  await page.getByTestId('lab-csv').setInputFiles({
    name: 'circle.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`x,y\n${rows.join('\n')}\n`),
  });
  await expect(page.getByTestId('lab-data-line')).toHaveText('circle.csv · 200 points');
  await expect(page.getByTestId('lab-error')).toHaveCount(0);
  await page.getByTestId('lab-play').click();
  await expect.poll(() => iteration(page)).toBeGreaterThan(10);
});

test('the GAN trains on glyph images', async ({ page, host }, testInfo) => {
  test.setTimeout(180_000);
  await openLabs(page, host.url);
  await showLab(page, 'gan');
  await page.getByTestId('lab-images').check();
  await expect(page.getByTestId('lab-data-line')).toContainText('images of 16×16');
  await expect(page.getByTestId('lab-glyph-strip')).toBeVisible();
  await expect(picture(page)).toHaveAttribute('data-ready', 'true');
  await expect.poll(() => iteration(page)).toBe(0);
  const before = await hash(page);
  await page.getByTestId('lab-play').click();
  await expect.poll(() => iteration(page), { timeout: 60_000 }).toBeGreaterThan(60);
  await expect.poll(() => hash(page)).not.toBe(before);
  await pauseAndSettle(page);
  await shot(page, testInfo, 'labs-gan-images');
  await page.getByTestId('lab-images').uncheck();
  await expect(page.getByTestId('lab-data-line')).toContainText('points');
});

test('keys: Space plays and pauses, S steps, R resets; the brush draws data the model learns', async ({
  page,
  host,
}) => {
  await openLabs(page, host.url);
  await showLab(page, 'diffusion');
  await page.locator('.labs-blurb').click();
  await page.keyboard.press('s');
  await page.keyboard.press('s');
  await expect.poll(() => iteration(page)).toBe(2);
  await page.keyboard.press('Space');
  await expect(page.getByTestId('lab-pause')).toBeVisible();
  await expect.poll(() => iteration(page)).toBeGreaterThan(5);
  await page.keyboard.press('Space');
  await expect(page.getByTestId('lab-play')).toBeVisible();
  await page.keyboard.press('r');
  await expect.poll(() => iteration(page)).toBe(0);
  // Typing in a field is not a shortcut.
  await page.getByTestId('lab-title').pressSequentially('rs ');
  await expect(page.getByTestId('lab-play')).toBeVisible();
  expect(await iteration(page)).toBe(0);

  await page.getByTestId('lab-draw').click();
  await expect(page.getByTestId('lab-draw')).toHaveAttribute('aria-pressed', 'true');
  const box = (await page.getByTestId('lab-brush').boundingBox())!;
  for (const row of [0.3, 0.5, 0.7]) {
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * row);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.8, box.y + box.height * row, { steps: 20 });
    await page.mouse.up();
  }
  await expect(page.getByTestId('lab-data-line')).toHaveText(/^Drawn by hand · \d+ points$/);
  const drawn = Number((await page.getByTestId('lab-data-line').textContent())!.match(/(\d+) points/)![1]);
  expect(drawn).toBeGreaterThan(60);
  await page.getByTestId('lab-play').click();
  await expect.poll(() => iteration(page)).toBeGreaterThan(10);
});
