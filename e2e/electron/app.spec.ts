/**
 * The Electron host end to end (Playwright's _electron). Runs where the Electron binary exists;
 * elsewhere (machines that cannot download it) it skips and says why.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { electronBinary } from '../../main/scripts/electron-binary.mjs';
import { contract } from '../../preload/contract';

/** What window.atelier must hold: one object per contract section, plus `on` for events. */
export const expectedApi = [...Object.keys(contract), 'on'].sort();

const bin = electronBinary();
if (!bin) {
  console.log(
    '!!! e2e/electron: SKIPPED: no Electron binary on this machine (its download needs internet access); the Electron window was not tested.',
  );
}

test.describe('Electron host', () => {
  test.skip(!bin, 'no Electron binary on this machine (its download needs internet access)');

  test('opens a sandboxed window that generates a texture', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'atelier-electron-'));
    const app = await electron.launch({ executablePath: bin!, args: ['.', `--data-dir=${dataDir}`] });
    try {
      const page = await app.firstWindow();
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
      // window.open is denied.
      expect(await page.evaluate(() => window.open('https://example.com') === null)).toBe(true);
      await page.getByTestId('size-select').selectOption('256');
      await page.getByTestId('generate-button').click();
      await expect(page.getByTestId('texture-canvas')).toHaveAttribute('data-state', 'ready', {
        timeout: 60_000,
      });
      await expect(page.getByTestId('status-provider')).not.toBeEmpty();
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
