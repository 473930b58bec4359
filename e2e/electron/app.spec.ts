/**
 * The Electron host end to end (Playwright's _electron). Runs where the Electron binary exists;
 * elsewhere (machines that cannot download it) it skips and says why.
 *
 * One app for the file, one generation per studio through the same data-testids as the browser
 * specs (e2e/browser/*.spec.ts): the window is served from atelier://app, the library is SQLite
 * through better-sqlite3's Electron build, and the models run in the utilityProcess.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { electronBinary, installedElectron } from '../../main/scripts/electron-binary.mjs';
import { pickSqliteBinding } from '../../main/scripts/sqlite-binding.mjs';
import { contract } from '../../preload/contract';

/** What window.atelier must hold: one object per contract section, plus `on` for events. */
export const expectedApi = [...Object.keys(contract), 'on'].sort();

const bin = electronBinary();
const electronRuntime = installedElectron();
const sqlite = electronRuntime ? pickSqliteBinding({ electron: electronRuntime, root: process.cwd() }) : null;
/** Why the app cannot start here, as npm start would say it (null: it can). */
const why = !bin
  ? 'no Electron binary on this machine (its download needs internet access)'
  : sqlite && !sqlite.ok
    ? sqlite.message
    : null;
if (why) console.log(`!!! e2e/electron: SKIPPED: ${why}; the Electron window was not tested.`);

test.describe.configure({ mode: 'serial' });

test.describe('Electron host', () => {
  test.skip(why !== null, why ?? '');

  let app: ElectronApplication;
  let page: Page;
  let dataDir: string;

  test.beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'atelier-electron-'));
    app = await electron.launch({ executablePath: bin!, args: ['.', `--data-dir=${dataDir}`] });
    page = await app.firstWindow();
  });

  test.afterAll(async () => {
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('a sandboxed window on atelier://app with the strict CSP and only the named API', async () => {
    expect(new URL(page.url()).origin).toBe('atelier://app');
    // No Node in the page (sandbox, no nodeIntegration) and only the named API on window.atelier.
    const seen = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      api: Object.keys((globalThis as { atelier?: object }).atelier ?? {}).sort(),
    }));
    expect(seen).toEqual({
      require: 'undefined',
      process: 'undefined',
      api: expectedApi,
    });
    // The protocol handler's CSP header is on what it serves; a path out of the folder is refused.
    const probe = await page.evaluate(async () => {
      const ok = await fetch('/index.html');
      const out = await fetch('/..%2f..%2fpackage.json');
      return { csp: ok.headers.get('content-security-policy'), status: ok.status, outside: out.status };
    });
    expect(probe.status).toBe(200);
    expect(probe.csp).toContain("default-src 'none'");
    expect(probe.outside).toBe(403);
    // window.open is denied; navigating away (even within our origin) is refused.
    expect(await page.evaluate(() => window.open('https://example.com') === null)).toBe(true);
    await page.evaluate(() => {
      window.location.href = 'atelier://app/index.html?elsewhere';
    });
    await page.waitForTimeout(500);
    expect(page.url()).not.toContain('elsewhere');
  });

  test('Textures: generate', async () => {
    await page.getByTestId('nav-textures').click();
    await page.getByTestId('size-select').selectOption('256');
    await page.getByTestId('generate-button').click();
    await expect(page.getByTestId('texture-canvas')).toHaveAttribute('data-state', 'ready', {
      timeout: 60_000,
    });
    await expect(page.getByTestId('status-provider')).not.toBeEmpty();
  });

  test('Latent Explorer: the glyph model decodes a glyph', async () => {
    await page.getByTestId('nav-latent').click();
    await page.getByTestId('latent-model-select').selectOption('glyphs');
    await expect(page.locator('[data-testid="latent-view"][data-model="glyphs"]')).toBeVisible();
    await expect(page.getByTestId('latent-canvas')).not.toHaveAttribute('data-paints', '0', {
      timeout: 60_000,
    });
    await expect(page.getByTestId('latent-sheet')).not.toHaveAttribute('data-paints', '0');
    const point0 = await page.getByTestId('latent-canvas').getAttribute('data-point');
    await page.getByTestId('latent-randomize').click();
    await expect(page.getByTestId('latent-canvas')).not.toHaveAttribute('data-point', point0!);
  });

  test('Melody Sketcher: generate takes', async () => {
    await page.getByTestId('nav-melody').click();
    await expect(page.getByTestId('melody-studio')).toBeVisible();
    await expect(page.getByTestId('melody-generate')).toBeEnabled({ timeout: 60_000 });
    await page.getByTestId('melody-tab-generate').click();
    await page.getByTestId('melody-bars').fill('4');
    await page.getByTestId('melody-count').fill('2');
    await page.getByTestId('melody-generate').click();
    const takes = page.getByTestId('melody-take');
    await expect(takes).toHaveCount(2, { timeout: 60_000 });
    expect(Number(await takes.first().getAttribute('data-notes'))).toBeGreaterThan(0);
    const before = await page.getByTestId('melody-clip').count();
    await takes.first().getByTestId('melody-take-use').click();
    // "Use" keeps the take in the library (SQLite through the Electron build of better-sqlite3).
    await expect(page.getByTestId('melody-clip')).toHaveCount(before + 1);
  });

  test('Writer: continue with the bundled model', async () => {
    await page.getByTestId('nav-writer').click();
    await expect(page.getByTestId('writer-studio')).toBeVisible();
    await page.getByTestId('writer-model').selectOption('text');
    await expect(page.getByTestId('writer-model-info')).toHaveAttribute('data-source', 'bundled');
    await page.getByTestId('writer-preset').selectOption('aphorism');
    await page.getByTestId('writer-seed').fill('7');
    await page.getByTestId('writer-seed-lock').check();
    await page.getByTestId('writer-continue').click();
    await expect(page.getByTestId('writer-stop-reason')).toBeVisible({ timeout: 60_000 });
    const pending = page.getByTestId('writer-pending');
    await expect(pending).toHaveAttribute('data-status', 'done');
    const text = (await pending.textContent()) ?? '';
    expect(text.trim().length).toBeGreaterThan(0);
    expect(text).not.toContain('\uFFFD');
    await page.getByTestId('writer-accept').click();
    await expect(page.getByTestId('writer-studio')).toHaveAttribute('data-state', 'idle');
  });

  test('Images: generate 1 at 32 px with the bundled model', async () => {
    await page.getByTestId('nav-images').click();
    await expect(page.getByTestId('image-model')).toBeVisible();
    await page.getByTestId('image-model').selectOption('emoji');
    await expect(page.getByTestId('image-generate')).toBeEnabled();
    await page.getByTestId('image-prompt').fill('a happy cat face');
    await page.getByTestId('image-size').selectOption('32');
    await page.getByTestId('image-steps').fill('10');
    await page.getByTestId('image-batch').fill('1');
    await page.getByTestId('image-generate').click();
    const results = page.getByTestId('image-result');
    await expect(results).toHaveCount(1, { timeout: 90_000 });
    await expect(page.getByTestId('image-studio')).toHaveAttribute('data-state', 'idle');
  });

  test('Labs: the GAN trains in its Web Worker on atelier:// and saves to the library', async () => {
    await page.getByTestId('nav-labs').click();
    await page.getByTestId('lab-tab-gan').click();
    await page.getByTestId('lab-play').click();
    await expect
      .poll(async () => Number(await page.getByTestId('lab-iteration').getAttribute('data-iteration')), {
        timeout: 60_000,
      })
      .toBeGreaterThan(20);
    await page.getByTestId('lab-pause').click();
    await page.getByTestId('lab-title').fill('GAN in the desktop app');
    await page.getByTestId('lab-save').click();
    await expect(page.getByTestId('lab-save')).not.toHaveAttribute('data-saved', '');
  });

  test('Library: every generation above is listed', async () => {
    await page.getByTestId('nav-library').click();
    for (const kind of ['texture', 'melody', 'text', 'image', 'lab']) {
      await expect(
        page.locator(`[data-testid="library-item"][data-kind="${kind}"]`).first(),
        kind,
      ).toBeVisible();
    }
  });
});
