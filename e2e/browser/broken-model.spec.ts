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

test('a corrupt melody VAE is reported in the Melody studio where it is needed; Generate and Continue (the LSTM), the roll and MIDI export still work', async ({
  page,
}) => {
  const models = mkdtempSync(join(tmpdir(), 'atelier-e2e-models-'));
  for (const id of ['melody-vae', 'melody-rnn'])
    cpSync(`models/${id}`, join(models, id), { recursive: true });
  const step = join(models, 'melody-vae', 'decoder_step.onnx');
  writeFileSync(step, readFileSync(step).subarray(0, 4096));
  const host = await startHost(['--models-dir', models]);
  try {
    await page.goto(host.url);
    await page.getByTestId('nav-melody').click();
    // Variations runs the melody VAE: it says why it cannot, naming the damaged file.
    await page.getByTestId('melody-tab-variations').click();
    await expect(page.getByTestId('melody-model-error')).toContainText(/decoder_step\.onnx/);
    await expect(page.getByTestId('melody-variations')).toBeDisabled();
    // Generate and Continue run the (intact) melody LSTM.
    await page.getByTestId('melody-tab-generate').click();
    await expect(page.getByTestId('melody-model-error')).toHaveCount(0);
    await expect(page.getByTestId('melody-generate')).toBeEnabled();
    await page.getByTestId('melody-tab-continue').click();
    await expect(page.getByTestId('melody-model-error')).toHaveCount(0);
    // The roll keeps working: draw a note, continue it with the (intact) melody RNN, export MIDI.
    const roll = page.getByTestId('melody-roll');
    const box = (await roll.boundingBox())!;
    const attr = async (name: string): Promise<number> => Number(await roll.getAttribute(name));
    const x = box.x + (await attr('data-key-width')) + 0.1 * (await attr('data-beat-width'));
    const y = box.y + (await attr('data-ruler-height')) + 5.5 * (await attr('data-row-height'));
    await page.mouse.click(x, y);
    await expect(roll).toHaveAttribute('data-notes', '1');
    await page.getByTestId('melody-continue').click();
    await expect(page.getByTestId('melody-take').first()).toBeVisible();
    const download = page.waitForEvent('download');
    await page.getByTestId('melody-export-midi').click();
    expect((await download).suggestedFilename()).toMatch(/\.mid$/);
  } finally {
    await host.stop();
    rmSync(models, { recursive: true, force: true });
  }
});
