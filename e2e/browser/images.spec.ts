/**
 * The Image studio end to end: the real UI in Debian Chromium against the real browser host, a
 * diffusion model sampling in the inference process with live previews, the image queue,
 * jobs.cancel and the SQLite library.
 *
 * The tests run in order against one host. They use the bundled `emoji` model (a word-conditioned
 * pixel diffusion UNet) when it is installed, else the tiny random-weight Stable Diffusion
 * fixture, imported by the first test.
 */
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './host';

test.describe.configure({ mode: 'serial' });

const EMOJI = existsSync(resolve('models/emoji/model.json'));
const TINY_SD = resolve('models/training/images/tiny-sd');
const PROMPT = EMOJI ? 'a happy cat face' : 'a red apple';

const studio = (page: Page): Locator => page.getByTestId('image-studio');
const results = (page: Page): Locator => page.getByTestId('image-result');

async function openStudio(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('nav-images').click();
  await expect(studio(page)).toBeVisible();
  await expect(page.getByTestId('image-model')).toBeVisible();
}

/** The picker's options as [value, label] pairs. */
async function modelOptions(page: Page): Promise<[string, string][]> {
  return page
    .getByTestId('image-model')
    .locator('option')
    .evaluateAll((opts) =>
      opts.map((o) => [(o as HTMLOptionElement).value, o.textContent ?? ''] as [string, string]),
    );
}

/** The model the tests draw with: the bundled emoji model, or the imported fixture. */
async function useModel(page: Page): Promise<void> {
  if (EMOJI) {
    await expect.poll(async () => (await modelOptions(page)).some(([v]) => v === 'emoji')).toBe(true);
    await page.getByTestId('image-model').selectOption('emoji');
  } else {
    await expect
      .poll(async () => (await modelOptions(page)).some(([, l]) => l.includes('imported')))
      .toBe(true);
    const [value] = (await modelOptions(page)).find(([, l]) => l.includes('imported'))!;
    await page.getByTestId('image-model').selectOption(value);
  }
  await expect(page.getByTestId('image-generate')).toBeEnabled();
}

/** Sets a range input the way a drag would (React hears the input event). */
async function setRange(input: Locator, value: string): Promise<void> {
  await input.evaluate((el, v) => {
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    setter.call(el, v);
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }, value);
}

test('importing a Stable Diffusion folder: a missing folder is refused readably, the fixture is imported', async ({
  page,
  host,
}) => {
  await openStudio(page, host.url);
  const before = await modelOptions(page);
  await page.getByTestId('image-import').click();
  await page.getByTestId('image-import-path').fill(join(tmpdir(), 'atelier-no-such-sd-folder'));
  await page.getByTestId('image-import-ok').click();
  await expect(page.getByTestId('image-import-error')).toBeVisible();
  expect((await page.getByTestId('image-import-error').textContent())!.length).toBeGreaterThan(10);
  expect(await modelOptions(page)).toEqual(before);

  await page.getByTestId('image-import-path').fill(TINY_SD);
  await page.getByTestId('image-import-ok').click();
  await expect(page.getByTestId('image-import-path')).toHaveCount(0);
  await expect(page.getByTestId('image-model-info')).toHaveAttribute('data-source', 'imported');
  await expect(page.getByTestId('image-model-remove')).toBeVisible();
  // Its defaults came with it (Stable Diffusion: Euler).
  await expect(page.getByTestId('image-sampler')).toHaveValue('euler');
});

test('a batch forms live on the board, lands with seeds s..s+3, img2img from one, survives a reload, shows in the Library', async ({
  page,
  host,
}, testInfo) => {
  await openStudio(page, host.url);
  await useModel(page);

  if (EMOJI) {
    await page.getByTestId('image-prompt').fill('a happy zzqxv face');
    await expect(page.getByTestId('image-unknown-words')).toContainText('zzqxv');
  }
  await page.getByTestId('image-prompt').fill(PROMPT);
  await expect(page.getByTestId('image-unknown-words')).toHaveCount(0);
  await page.getByTestId('image-negative').fill('');
  await page.getByTestId('image-steps').fill('40');
  await page.getByTestId('image-batch').fill('4');
  await page.getByTestId('image-seed').fill('1000');
  await page.getByTestId('image-seed-lock').check();

  // Record every step and pixel hash the first preview cell shows, from inside the page.
  await page.evaluate(() => {
    const w = window as unknown as { seen: { step: string; hash: string }[] };
    w.seen = [];
    const note = (): void => {
      const cell = document.querySelector('[data-testid="image-preview-cell"]');
      if (!cell) return;
      const step = cell.getAttribute('data-step') ?? '';
      const hash = cell.getAttribute('data-hash') ?? '';
      const last = w.seen[w.seen.length - 1];
      if (!last || last.step !== step || last.hash !== hash) w.seen.push({ step, hash });
    };
    new MutationObserver(note).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-step', 'data-hash'],
    });
  });

  await page.getByTestId('image-generate').click();
  await expect(studio(page)).toHaveAttribute('data-state', 'running');
  await expect(page.getByTestId('image-preview-cell')).toHaveCount(4);
  await expect(results(page)).toHaveCount(4, { timeout: 90_000 });
  await expect(studio(page)).toHaveAttribute('data-state', 'idle');
  await expect(page.getByTestId('image-preview-cell')).toHaveCount(0);

  const seen = await page.evaluate(
    () => (window as unknown as { seen: { step: string; hash: string }[] }).seen,
  );
  const steps = seen.map((s) => Number(s.step)).filter((n) => n > 0);
  expect(steps.length).toBeGreaterThan(2);
  expect(Math.max(...steps)).toBeGreaterThan(Math.min(...steps));
  expect(new Set(seen.map((s) => s.hash).filter((h) => h !== '')).size).toBeGreaterThan(2);

  const seeds = await results(page).evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-seed'))));
  expect([...seeds].sort((a, b) => a - b)).toEqual([1000, 1001, 1002, 1003]);
  await expect(page.getByTestId('image-board')).toHaveAttribute('data-images', '4');

  // img2img from the seed-1001 result at strength 0.5.
  const picked = page.locator('[data-testid="image-result"][data-seed="1001"]');
  const pickedId = (await picked.getAttribute('data-id'))!;
  await picked.getByTestId('image-img2img').click();
  await expect(page.getByTestId('image-init')).toHaveAttribute('data-id', pickedId);
  await setRange(page.getByTestId('image-strength'), '0.5');
  await expect(page.getByTestId('image-strength')).toHaveValue('0.5');
  await page.getByTestId('image-batch').fill('1');
  await page.getByTestId('image-steps').fill('20');
  await page.getByTestId('image-generate').click();
  await expect(results(page)).toHaveCount(5, { timeout: 90_000 });
  const child = page.locator(`[data-testid="image-result"][data-parent="${pickedId}"]`);
  await expect(child).toHaveCount(1);
  const childId = (await child.getAttribute('data-id'))!;
  await page.getByTestId('image-init-clear').click();
  await expect(page.getByTestId('image-init')).toHaveCount(0);

  // Select an image on the board: the toolbar follows; Use this seed locks it in the form.
  await page.locator(`[data-testid="image-result"][data-id="${childId}"] .image-result-thumb`).click();
  await expect(page.getByTestId('image-board')).toHaveAttribute('data-selected', childId);
  await page.getByTestId('image-use-seed').first().click();

  const shot = testInfo.outputPath('image-studio.png');
  await page.screenshot({ path: shot });
  await testInfo.attach('image-studio', { path: shot, contentType: 'image/png' });

  // Export board: one PNG of the whole board.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('image-export-board').click(),
  ]);
  expect(download.suggestedFilename()).toBe('atelier-board.png');
  // The whole board at its content bounds, one board unit a pixel: two rows of four 192-unit cells, 16 apart.
  const png = readFileSync(await download.path());
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(Math.abs(png.readUInt32BE(16) - (4 * 192 + 3 * 16))).toBeLessThanOrEqual(2);
  expect(Math.abs(png.readUInt32BE(20) - (2 * 192 + 16))).toBeLessThanOrEqual(2);

  // "Open image…" takes a PNG file as the init image; clear drops it.
  await page
    .getByTestId('image-init-file')
    .setInputFiles({ name: 'board.png', mimeType: 'image/png', buffer: png });
  await expect(page.getByTestId('image-init')).toHaveAttribute('data-kind', 'file');
  await page.getByTestId('image-init-clear').click();
  await expect(page.getByTestId('image-init')).toHaveCount(0);

  // Dropping a PNG on the studio does the same.
  await studio(page).evaluate(
    (el, bytes) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], 'dropped.png', { type: 'image/png' }));
      el.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }));
      el.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
    },
    [...png],
  );
  await expect(page.getByTestId('image-init')).toHaveAttribute('title', 'dropped.png');
  await page.getByTestId('image-init-clear').click();

  // Vary: the same settings with the next seed, one image, the varied record as its parent.
  const last = page.locator('[data-testid="image-result"][data-seed="1003"]');
  const lastId = (await last.getAttribute('data-id'))!;
  await last.getByTestId('image-vary').click();
  const varied = page.locator(`[data-testid="image-result"][data-parent="${lastId}"]`);
  await expect(varied).toHaveAttribute('data-seed', '1004', { timeout: 90_000 });
  await expect(results(page)).toHaveCount(6);

  // The board and the settings come back after a reload.
  await page.reload();
  await page.getByTestId('nav-images').click();
  await expect(page.getByTestId('image-board')).toHaveAttribute('data-images', '6');
  await expect(results(page)).toHaveCount(6);
  await expect(page.getByTestId('image-prompt')).toHaveValue(PROMPT);

  // Arrange keeps every image; removing one from the board leaves it in the Library.
  await page.getByTestId('image-arrange').click();
  await expect(page.getByTestId('image-board')).toHaveAttribute('data-images', '6');
  await page.locator(`[data-testid="image-result"][data-id="${lastId}"] .image-result-thumb`).click();
  await page.getByTestId('image-board-remove').click();
  await expect(page.getByTestId('image-board')).toHaveAttribute('data-images', '5');

  await page.getByTestId('nav-library').click();
  const childCard = page.locator(`[data-testid="library-item"][data-generation-id="${childId}"]`);
  const pickedCard = page.locator(`[data-testid="library-item"][data-generation-id="${pickedId}"]`);
  await expect(childCard).toHaveAttribute('data-kind', 'image');
  await expect(pickedCard).toHaveAttribute('data-kind', 'image');
  // Removed from the board, still in the Library.
  await expect(page.locator(`[data-testid="library-item"][data-generation-id="${lastId}"]`)).toBeVisible();
  await expect(childCard.locator('img')).toBeVisible();

  // Open takes the image back to the studio with its settings.
  await childCard.getByTestId('library-open').click();
  await expect(studio(page)).toBeVisible();
  await expect(page.getByTestId('image-board')).toHaveAttribute('data-selected', childId);
  await expect(page.getByTestId('image-steps')).toHaveValue('20');
  await expect(page.getByTestId('image-seed-lock')).toBeChecked();
});

test('the queue: a second job waits behind the first and can be removed before it starts; the first is cancelled', async ({
  page,
  host,
}, testInfo) => {
  await openStudio(page, host.url);
  await useModel(page);
  const before = await results(page).count();
  await page.getByTestId('image-prompt').fill(PROMPT);
  await page.getByTestId('image-steps').fill('200');
  await page.getByTestId('image-batch').fill('8');
  await page.getByTestId('image-generate').click();
  // Ctrl+Enter generates too (from the prompt): a second job queues behind the first.
  await page.getByTestId('image-prompt').press('Control+Enter');

  const items = page.getByTestId('image-queue-item');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toHaveAttribute('data-state', 'running');
  await expect(items.nth(1)).toHaveAttribute('data-state', 'queued');
  const queuedJob = await items.nth(1).getAttribute('data-job');
  await items.nth(1).getByTestId('image-queue-cancel').click();
  await expect(page.locator(`[data-testid="image-queue-item"][data-job="${queuedJob}"]`)).toHaveCount(0);
  await expect(items).toHaveCount(1);
  await expect(items.nth(0)).toHaveAttribute('data-state', 'running');
  await expect.poll(async () => Number(await items.nth(0).getAttribute('data-step'))).toBeGreaterThan(0);
  await expect(page.getByTestId('image-preview-cell').first()).not.toHaveAttribute('data-hash', '');
  const shot = testInfo.outputPath('image-studio-sampling.png');
  await page.screenshot({ path: shot });
  await testInfo.attach('image-studio-sampling', { path: shot, contentType: 'image/png' });

  await items.nth(0).getByTestId('image-queue-cancel').click();
  await expect(items).toHaveCount(0);
  await expect(studio(page)).toHaveAttribute('data-state', 'idle');
  await expect(page.getByTestId('image-error')).toHaveCount(0);
  expect(await results(page).count()).toBe(before);
});

test('bad values are refused readably before anything runs: Generate is disabled and says why', async ({
  page,
  host,
}) => {
  await openStudio(page, host.url);
  await useModel(page);
  const before = await results(page).count();
  const generate = page.getByTestId('image-generate');
  const why = page.getByTestId('image-generate-why');

  // An empty prompt is allowed (an image without words), and said so.
  await page.getByTestId('image-prompt').fill('');
  await expect(page.getByTestId('image-prompt-empty')).toHaveText(
    'The prompt is empty: the model will draw without words.',
  );
  await expect(generate).toBeEnabled();
  await page.getByTestId('image-prompt').fill(PROMPT);
  await expect(page.getByTestId('image-prompt-empty')).toHaveCount(0);

  await page.getByTestId('image-steps').fill('0');
  await expect(generate).toBeDisabled();
  await expect(why).toHaveText('Steps must be at least 1.');
  await expect(page.getByTestId('image-steps')).toHaveAttribute('aria-invalid', 'true');
  // Ctrl+Enter asks anyway: the same sentence, and nothing runs.
  await page.getByTestId('image-steps').press('Control+Enter');
  await expect(page.getByTestId('image-error')).toHaveText('Steps must be at least 1.');
  await expect(page.getByTestId('image-error')).toHaveAttribute('data-code', 'invalid-input');
  await expect(page.getByTestId('image-queue-item')).toHaveCount(0);

  await page.getByTestId('image-steps').fill('10');
  await page.getByTestId('image-guidance').fill('31');
  await expect(why).toHaveText('Guidance must be at most 30.');
  await page.getByTestId('image-guidance').fill('3');
  await expect(generate).toBeEnabled();
  await expect(why).toHaveCount(0);

  // Custom… starts from the model's own size (not 512 px); an invalid size disables Generate.
  const native = await page.getByTestId('image-size').inputValue();
  await page.getByTestId('image-size').selectOption('custom');
  await expect(page.getByTestId('image-width')).toHaveValue(native);
  await expect(page.getByTestId('image-height')).toHaveValue(native);
  await expect(page.getByTestId('image-size-warning')).toHaveCount(0);
  await page.getByTestId('image-width').fill('50');
  await expect(generate).toBeDisabled();
  await expect(why).toHaveText('The width must be a multiple of 8 px.');
  await page.getByTestId('image-width').fill('');
  await expect(why).toHaveText('The width must not be empty.');
  // Far past the model's own size: a warning that says roughly how much slower, before any run.
  const big = String(Number(native) * 4);
  await page.getByTestId('image-width').fill(big);
  await page.getByTestId('image-height').fill(big);
  await expect(page.getByTestId('image-size-warning')).toContainText(
    `${big} × ${big} is 16× the pixels of this model's native ${native} × ${native}`,
  );
  await expect(generate).toBeEnabled();
  await page.getByTestId('image-width').fill(native);
  await page.getByTestId('image-height').fill(native);
  await expect(page.getByTestId('image-size-warning')).toHaveCount(0);

  await page.getByTestId('image-batch').fill('9');
  await expect(generate).toBeDisabled();
  await expect(why).toHaveText('The batch must be at most 8.');
  expect(await results(page).count()).toBe(before);
  // The values typed are kept (nothing is lost on a refusal or a reload).
  await page.reload();
  await page.getByTestId('nav-images').click();
  await expect(page.getByTestId('image-batch')).toHaveValue('9');
  await expect(page.getByTestId('image-generate-why')).toHaveText('The batch must be at most 8.');
});

test('removing the imported model', async ({ page, host }) => {
  await openStudio(page, host.url);
  const [value] = (await modelOptions(page)).find(([, l]) => l.includes('imported'))!;
  await page.getByTestId('image-model').selectOption(value);
  await page.getByTestId('image-model-remove').click();
  await page.getByTestId('image-model-remove-confirm').click();
  await expect
    .poll(async () => (await modelOptions(page)).some(([, l]) => l.includes('imported')))
    .toBe(false);
});
