/**
 * A damaged model file: the studio says clearly what is wrong and refuses to generate, and the
 * rest of the app keeps working.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startHost } from './host';

test('a corrupt texture model is reported in the studio and Generate is disabled', async ({ page }) => {
  const models = mkdtempSync(join(tmpdir(), 'atelier-e2e-models-'));
  cpSync('models/texture', join(models, 'texture'), { recursive: true });
  const onnx = join(models, 'texture', 'texture.onnx');
  const bytes = readFileSync(onnx);
  const mid = bytes.length >> 1;
  bytes[mid] = bytes[mid]! ^ 0xff;
  writeFileSync(onnx, bytes);
  const host = await startHost(['--models-dir', models]);
  try {
    await page.goto(host.url);
    await expect(page.getByTestId('model-error')).toContainText(/does not match its sha256/);
    await expect(page.getByTestId('generate-button')).toBeDisabled();
    await page.getByTestId('nav-library').click();
    await expect(page.getByTestId('library-empty')).toBeVisible();
    await expect(page.getByTestId('status-inference')).toContainText(/ready/i);
  } finally {
    await host.stop();
    rmSync(models, { recursive: true, force: true });
  }
});
