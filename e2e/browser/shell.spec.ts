/**
 * The shell as a user meets it: the nav lists every studio of the registry in order and each
 * opens, the status bar names the studio's model, and "Copy diagnostics" puts a bug report on the
 * clipboard (versions, provider, models, the log) without anything the user made.
 */
import { expect, test } from './host';

/** The first studios, in registry order; later studios come after them, the Library last. */
const FIRST = ['textures', 'latent', 'melody', 'writer', 'images'];

test('every studio of the registry is in the nav and opens', async ({ page, host }) => {
  await page.goto(host.url);
  const ids = await page
    .locator('[data-testid^="nav-"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('nav-'.length)));
  expect(ids.slice(0, FIRST.length)).toEqual(FIRST);
  expect(ids.at(-1)).toBe('library');
  await expect(page.getByTestId('status-model')).toContainText(/texture/i);
  for (const view of ids) {
    await page.getByTestId(`nav-${view}`).click();
    await expect(page.getByTestId(`nav-${view}`)).toHaveAttribute('aria-current', 'page');
  }
  await page.getByTestId('nav-writer').click();
  await expect(page.getByTestId('status-model')).toContainText(/verse|text/i);
});

test('Copy diagnostics puts a report on the clipboard, with no user content', async ({
  page,
  host,
  context,
}, testInfo) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(host.url).origin });
  await page.goto(host.url);
  // Something the user made, which the report must not carry.
  await page.getByTestId('nav-writer').click();
  await page.getByTestId('writer-editor').fill('A private line about my secret garden');
  await page.getByTestId('copy-diagnostics').click();
  await expect(page.getByTestId('copy-diagnostics')).toHaveAttribute('data-state', 'copied');
  const text = await page.evaluate(() => navigator.clipboard.readText());
  expect(text).toMatch(/^Atelier \d+\.\d+\.\d+ \(browser host\)/);
  expect(text).toContain('inference:');
  expect(text).toMatch(/\n {2}texture \S+ bundled /);
  expect(text).toContain('last log lines');
  expect(text).toContain('browser host started');
  expect(text).not.toContain('secret');
  await testInfo.attach('diagnostics.txt', { body: text, contentType: 'text/plain' });
  await testInfo.attach('status-bar.png', {
    body: await page.locator('footer.statusbar').screenshot(),
    contentType: 'image/png',
  });
});
