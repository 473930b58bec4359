/**
 * Every record opens in the studio that made it: a Latent Explorer bookmark opened from the
 * Library shows in the explorer — its model, its point, the text it was saved with, the bookmark
 * marked — not in the Texture studio; "Send to canvas" still shows a point big on the texture
 * canvas. The real UI in Debian Chromium against the real browser host and bundled VAEs.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './host';

async function chooseModel(page: Page, model: string): Promise<void> {
  await page.getByTestId('latent-model-select').selectOption(model);
  await expect(page.locator(`[data-testid="latent-view"][data-model="${model}"]`)).toBeVisible();
  await expect(page.getByTestId('latent-canvas')).not.toHaveAttribute('data-paints', '0');
}

const pointOf = (page: Page): Promise<string | null> =>
  page.getByTestId('latent-canvas').getAttribute('data-point');

test('a bookmark opened from the Library returns to the explorer: model, point, text, marked', async ({
  page,
  host,
}, testInfo) => {
  await page.goto(host.url);
  await page.getByTestId('nav-latent').click();
  await chooseModel(page, 'glyphs');
  await page.getByTestId('latent-text').fill('Hamburg');
  await page.getByTestId('latent-randomize').click();
  await expect.poll(() => pointOf(page)).not.toBe(null);
  const p0 = await pointOf(page);
  await expect.poll(() => pointOf(page)).toBe(p0);
  await page.getByTestId('latent-bookmark').click();
  const items = page.getByTestId('latent-bookmark-item');
  await expect(items).toHaveCount(1);
  const id = (await items.first().getAttribute('data-id'))!;
  const saved = (await pointOf(page))!;

  // Move on: another point, other text, another model.
  await page.getByTestId('latent-randomize').click();
  await expect.poll(() => pointOf(page)).not.toBe(saved);
  await page.getByTestId('latent-text').fill('Kiel');
  await chooseModel(page, 'texture-vae');

  // The Library's card says where it opens, and Open goes there.
  await page.getByTestId('nav-library').click();
  const card = page.locator(`[data-testid="library-item"][data-generation-id="${id}"]`);
  await expect(card).toHaveAttribute('data-kind', 'latent');
  await expect(card.getByRole('button', { name: /in the Latent Explorer/ })).toBeVisible();
  await card.getByTestId('library-open').click();

  await expect(page.locator('[data-testid="latent-view"][data-model="glyphs"]')).toBeVisible();
  await expect(page.getByTestId('texture-canvas')).toBeHidden();
  await expect(page.getByTestId('latent-text')).toHaveValue('Hamburg');
  await expect.poll(() => pointOf(page)).toBe(saved);
  await expect(page.locator(`[data-testid="latent-bookmark-item"][data-id="${id}"]`)).toHaveAttribute(
    'data-marked',
    'true',
  );
  await page.screenshot({ path: testInfo.outputPath('latent-opened.png'), fullPage: true });

  // Moving the point away unmarks it; going back to the bookmark marks it again.
  await page.getByTestId('latent-randomize').click();
  await expect(page.locator('[data-testid="latent-bookmark-item"][data-marked="true"]')).toHaveCount(0);
  await page.locator(`[data-testid="latent-bookmark-item"][data-id="${id}"] .latent-bookmark-go`).click();
  await expect.poll(() => pointOf(page)).toBe(saved);
  await expect(page.locator(`[data-testid="latent-bookmark-item"][data-id="${id}"]`)).toHaveAttribute(
    'data-marked',
    'true',
  );
});

test('Send to canvas still shows the point big on the texture canvas; from the Library it opens in the explorer', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await page.getByTestId('nav-latent').click();
  await chooseModel(page, 'texture-vae');
  await page.getByTestId('latent-slider-0').fill('1.5');
  await expect.poll(() => pointOf(page)).not.toBe(null);
  await page.getByTestId('latent-send-canvas').click();
  const canvas = page.getByTestId('texture-canvas');
  await expect(canvas).toHaveAttribute('data-state', 'ready');
  const id = (await canvas.getAttribute('data-generation-id'))!;
  await expect(page.getByTestId('generation-info').locator('[data-field="kind"]')).toContainText(
    'Latent Explorer',
  );
  const sent = (await page.evaluate(
    () => document.querySelector('[data-testid="latent-canvas"]')?.getAttribute('data-point') ?? null,
  ))!;

  await page.getByTestId('nav-library').click();
  await page
    .locator(`[data-testid="library-item"][data-generation-id="${id}"]`)
    .getByTestId('library-open')
    .click();
  await expect(page.locator('[data-testid="latent-view"][data-model="texture-vae"]')).toBeVisible();
  await expect.poll(() => pointOf(page)).toBe(sent);
  await expect(page.locator(`[data-testid="latent-bookmark-item"][data-id="${id}"]`)).toHaveAttribute(
    'data-marked',
    'true',
  );
});
