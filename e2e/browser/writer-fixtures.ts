/**
 * What the Writer specs share: the studio's main parts, opening the studio, importing a model
 * folder through its picker, and choosing a model by the words its picker line shows.
 */
import type { Locator, Page } from '@playwright/test';
import { expect } from './host';

export const studio = (page: Page): Locator => page.getByTestId('writer-studio');
export const editor = (page: Page): Locator => page.getByTestId('writer-editor');
export const pending = (page: Page): Locator => page.getByTestId('writer-pending');

export async function openWriter(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('nav-writer').click();
  await expect(studio(page)).toBeVisible();
  await expect(page.getByTestId('writer-model')).toBeVisible();
}

/** The picker's options as [value, label] pairs. */
export async function modelOptions(page: Page): Promise<[string, string][]> {
  return page
    .getByTestId('writer-model')
    .locator('option')
    .evaluateAll((opts) =>
      opts.map((o) => [(o as HTMLOptionElement).value, o.textContent ?? ''] as [string, string]),
    );
}

/** Picks the model whose picker line names `name`, once the picker lists it. */
export async function useModel(page: Page, name: string): Promise<void> {
  await expect.poll(async () => (await modelOptions(page)).some(([, l]) => l.includes(name))).toBe(true);
  const [value] = (await modelOptions(page)).find(([, l]) => l.includes(name))!;
  await page.getByTestId('writer-model').selectOption(value);
}

/** Imports the model folder at `folder` through the studio's Import box. */
export async function importFolder(page: Page, folder: string): Promise<void> {
  await page.getByTestId('writer-import').click();
  await page.getByTestId('writer-import-path').fill(folder);
  await page.getByTestId('writer-import-ok').click();
  await expect(page.getByTestId('writer-import-path')).toHaveCount(0);
}
