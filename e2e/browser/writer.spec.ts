/**
 * The Writer end to end, as a writer: the real UI in Debian Chromium against the real browser host,
 * a text model in the inference process streaming tokens, jobs.cancel, the SQLite library.
 *
 * The tests run in order against one host: the first imports the tiny GPT-2 fixture (random
 * weights, made by the training scripts), the next ones write with it, the last removes it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, startHost, test } from './host';
import { editor, modelOptions, openWriter, pending, studio, useModel } from './writer-fixtures';

test.describe.configure({ mode: 'serial' });

const FIXTURE = resolve('models/training/text/tiny/gpt2');

/** Picks the imported fixture in the model picker. */
async function useImportedModel(page: Page): Promise<void> {
  await useModel(page, 'imported');
  await expect(page.getByTestId('writer-continue')).toBeEnabled();
}

test('importing a text model: a missing folder is refused readably, the fixture is imported and writes', async ({
  page,
  host,
}) => {
  await openWriter(page, host.url);
  const before = await modelOptions(page);

  await page.getByTestId('writer-import').click();
  await page.getByTestId('writer-import-path').fill(join(tmpdir(), 'atelier-no-such-model-folder'));
  await page.getByTestId('writer-import-ok').click();
  await expect(page.getByTestId('writer-import-error')).toBeVisible();
  expect((await page.getByTestId('writer-import-error').textContent())!.length).toBeGreaterThan(10);
  expect(await modelOptions(page)).toEqual(before);

  await page.getByTestId('writer-import-path').fill(FIXTURE);
  await page.getByTestId('writer-import-ok').click();
  await expect(page.getByTestId('writer-import-path')).toHaveCount(0);
  await expect(page.getByTestId('writer-model-info')).toHaveAttribute('data-source', 'imported');
  await expect(page.getByTestId('writer-model-remove')).toBeVisible();
  expect((await modelOptions(page)).length).toBe(before.filter(([v]) => v !== '').length + 1);

  await editor(page).fill('The lighthouse keeper');
  await page.getByTestId('writer-max-tokens').fill('12');
  await page.getByTestId('writer-continue').click();
  await expect(page.getByTestId('writer-stop-reason')).toBeVisible();
  await expect(studio(page)).toHaveAttribute('data-state', 'pending');
  await page.getByTestId('writer-reject').click();
  await expect(editor(page)).toHaveValue('The lighthouse keeper');
});

test('a continuation streams in place, stops, is accepted, survives a reload and reopens from the Library', async ({
  page,
  host,
}) => {
  await openWriter(page, host.url);
  await useImportedModel(page);
  const prompt = 'It was the last night of the fair, and';
  await editor(page).fill(prompt);
  await page.getByTestId('writer-max-tokens').fill('4096');
  // The fixture writes hundreds of tokens a second; with this seed it runs for 285 tokens before it
  // ends the text, so Stop lands mid-stream. The page itself presses Stop once it has seen the count
  // grow (a test driver's round trip could be slower than the whole continuation).
  await page.getByTestId('writer-seed').fill('613393932');
  await page.getByTestId('writer-seed-lock').check();
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { seenTokens: number[] }).seenTokens = seen;
    const observer = new MutationObserver(() => {
      const mark = document.querySelector('[data-testid="writer-pending"]');
      const n = Number(mark?.getAttribute('data-tokens') ?? 0);
      if (n > 0 && n !== seen.at(-1)) seen.push(n);
      if (seen.length >= 2) {
        observer.disconnect();
        (document.querySelector('[data-testid="writer-stop"]') as HTMLButtonElement | null)?.click();
      }
    });
    observer.observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
  });
  await page.getByTestId('writer-continue').click();
  await expect(page.getByTestId('writer-page')).toBeVisible();
  await expect(page.getByTestId('writer-stop-reason')).toHaveText(/stopped/);
  await expect(studio(page)).toHaveAttribute('data-state', 'pending');
  const seen = await page.evaluate(() => (window as unknown as { seenTokens: number[] }).seenTokens);
  expect(seen.length).toBeGreaterThanOrEqual(2);
  expect(seen[1]!).toBeGreaterThan(seen[0]!);
  const total = Number(await page.getByTestId('writer-stats').getAttribute('data-tokens'));
  expect(total).toBeGreaterThanOrEqual(seen[1]!);
  expect(total).toBeLessThan(285);
  await expect(page.getByTestId('writer-page')).toContainText(prompt);
  const continuation = (await pending(page).textContent())!;
  expect(continuation.length).toBeGreaterThan(0);

  await page.getByTestId('writer-accept').click();
  await expect(studio(page)).toHaveAttribute('data-state', 'idle');
  const doc = prompt + continuation;
  await expect(editor(page)).toHaveValue(doc);

  await page.reload();
  await page.getByTestId('nav-writer').click();
  await expect(editor(page)).toHaveValue(doc);

  // Other text in the editor: opening the record asks first.
  await editor(page).fill('Something else entirely.');
  await page.getByTestId('nav-library').click();
  const card = page.locator('[data-testid="library-item"][data-kind="text"]').first();
  await expect(card).toBeVisible();
  await expect(card.getByTestId('library-text-excerpt')).toContainText(continuation.trim().slice(0, 20));
  const download = page.waitForEvent('download');
  await card.getByTestId('library-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.txt$/);
  expect(readFileSync((await file.path())!, 'utf8')).toBe(doc);
  await card.getByTestId('library-open').click();
  await expect(page.getByTestId('writer-confirm')).toBeVisible();
  await page.getByTestId('writer-confirm-ok').click();
  await expect(editor(page)).toHaveValue(doc);
  expect(await editor(page).evaluate((el) => (el as HTMLTextAreaElement).selectionStart)).toBe(doc.length);
});

test('the same seed and prompt give the same continuation; another seed gives another', async ({
  page,
  host,
}) => {
  await openWriter(page, host.url);
  await useImportedModel(page);
  await editor(page).fill('A wise man');
  await page.getByTestId('writer-max-tokens').fill('24');
  await page.getByTestId('writer-seed').fill('1234');
  await page.getByTestId('writer-seed-lock').check();

  await page.getByTestId('writer-continue').click();
  await expect(page.getByTestId('writer-stop-reason')).toBeVisible();
  const a = await pending(page).textContent();

  await page.getByTestId('writer-regenerate').click();
  await expect(page.getByTestId('writer-alt-index')).toHaveText('2 / 2');
  await expect(page.getByTestId('writer-stop-reason')).toBeVisible();
  expect(await pending(page).textContent()).toBe(a);
  await expect(page.getByTestId('writer-seed')).toHaveValue('1234');

  await page.getByTestId('writer-another-seed').click();
  await expect(page.getByTestId('writer-alt-index')).toHaveText('3 / 3');
  await expect(page.getByTestId('writer-stop-reason')).toBeVisible();
  await expect(page.getByTestId('writer-seed')).not.toHaveValue('1234');
  expect(await pending(page).textContent()).not.toBe(a);

  await page.keyboard.press('Alt+BracketLeft');
  await expect(page.getByTestId('writer-alt-index')).toHaveText('2 / 3');
  expect(await pending(page).textContent()).toBe(a);
  await page.keyboard.press('Escape');
  await expect(editor(page)).toHaveValue('A wise man');
});

test("the bundled model writes an aphorism from the preset's starter, and the accept lands in the Library", async ({
  page,
  host,
}) => {
  await openWriter(page, host.url);
  await page.getByTestId('writer-model').selectOption('text');
  await expect(page.getByTestId('writer-model-info')).toHaveAttribute('data-source', 'bundled');
  await expect(page.getByTestId('writer-model').locator('option:checked')).toHaveText(/Atelier Verse/);
  await expect(editor(page)).toHaveValue('');

  // An empty editor takes the preset's starter.
  await page.getByTestId('writer-preset').selectOption('aphorism');
  await expect(editor(page)).toHaveValue('A wise man');
  await expect(page.getByTestId('writer-max-tokens')).toHaveValue('40');
  // A locked seed: the same aphorism every run (the preset stops at the end of the line).
  await page.getByTestId('writer-seed').fill('7');
  await page.getByTestId('writer-seed-lock').check();
  await page.getByTestId('writer-continue').click();
  await expect(page.getByTestId('writer-stop-reason')).toBeVisible({ timeout: 60_000 });
  await expect(studio(page)).toHaveAttribute('data-state', 'pending');
  await expect(pending(page)).toHaveAttribute('data-status', 'done');
  const text = (await pending(page).textContent())!;
  expect(text.trim().length).toBeGreaterThan(0);
  expect(text).not.toContain('\uFFFD');
  expect(Number(await page.getByTestId('writer-stats').getAttribute('data-tokens'))).toBeGreaterThan(0);

  await page.getByTestId('writer-accept').click();
  await expect(studio(page)).toHaveAttribute('data-state', 'idle');
  await expect(editor(page)).toHaveValue(`A wise man${text}`);

  await page.getByTestId('nav-library').click();
  const card = page.locator('[data-testid="library-item"][data-kind="text"]').first();
  await expect(card).toBeVisible();
  await expect(card.getByTestId('library-text-excerpt')).toContainText(text.trim().slice(0, 20));
});

/** The draft as this browser stores it (every tab of the context shares it). */
const storedDraft = (page: Page): Promise<string> =>
  page.evaluate(
    () =>
      (JSON.parse(localStorage.getItem('atelier.writer.draft.v1') ?? '{}') as { text?: string }).text ?? '',
  );

test('two tabs share the draft: one follows the other; an edit while the other shows a continuation keeps both', async ({
  context,
  host,
}) => {
  const one = await context.newPage();
  const two = await context.newPage();
  await openWriter(one, host.url);
  await openWriter(two, host.url);

  // A tab that has changed nothing shows what the other one writes (it used to keep its old text
  // and write it over the other tab's on its next keystroke).
  await editor(one).fill('Written in the first tab.');
  await expect(editor(two)).toHaveValue('Written in the first tab.');
  await editor(two).fill('Written in the first tab. Then in the second');
  await expect(editor(one)).toHaveValue('Written in the first tab. Then in the second');
  await expect(one.getByTestId('writer-kept')).toHaveCount(0);

  // Tab two shows a continuation (its text must not change under it) while tab one edits.
  await useImportedModel(two);
  await two.getByTestId('writer-max-tokens').fill('8');
  await two.getByTestId('writer-continue').click();
  await expect(two.getByTestId('writer-stop-reason')).toBeVisible();
  const meanwhile = 'Changed in the first tab meanwhile.';
  await editor(one).fill(meanwhile);
  await expect.poll(() => storedDraft(one)).toBe(meanwhile);
  await one.waitForTimeout(300);
  await expect(two.getByTestId('writer-page')).toContainText('Then in the second');

  // Accept: the continuation lands in the text it was made for; tab one's version is kept aside,
  // and both tabs offer it.
  const continuation = (await pending(two).textContent())!;
  await two.getByTestId('writer-accept').click();
  const accepted = `Written in the first tab. Then in the second${continuation}`;
  await expect(editor(two)).toHaveValue(accepted);
  await expect(editor(one)).toHaveValue(accepted);
  for (const page of [one, two]) {
    await expect(page.getByTestId('writer-kept')).toBeVisible();
    await expect(page.getByTestId('writer-kept-excerpt')).toHaveText(meanwhile);
  }

  // Both survive a reload (the draft and the kept version).
  await one.reload();
  await one.getByTestId('nav-writer').click();
  await expect(editor(one)).toHaveValue(accepted);
  await expect(one.getByTestId('writer-kept-excerpt')).toHaveText(meanwhile);

  // Add it below: one text holding both; the other tab follows, and its notice goes too.
  await one.getByTestId('writer-kept-append').click();
  await expect(one.getByTestId('writer-kept')).toHaveCount(0);
  const merged = `${accepted.replace(/\s+$/u, '')}\n\n${meanwhile}`;
  await expect(editor(one)).toHaveValue(merged);
  await expect(editor(two)).toHaveValue(merged);
  await expect(two.getByTestId('writer-kept')).toHaveCount(0);
});

test('an imported model can be removed', async ({ page, host }) => {
  await openWriter(page, host.url);
  await useImportedModel(page);
  const before = await modelOptions(page);
  await page.getByTestId('writer-model-remove').click();
  await page.getByTestId('writer-model-remove-confirm').click();
  await expect
    .poll(async () => (await modelOptions(page)).some(([, l]) => l.includes('imported')))
    .toBe(false);
  expect((await modelOptions(page)).filter(([v]) => v !== '').length).toBe(before.length - 1);
});

test('with no text model the Writer says so, keeps the draft and offers Import', async ({ page }) => {
  const models = mkdtempSync(join(tmpdir(), 'atelier-e2e-models-'));
  const host = await startHost(['--models-dir', models]);
  try {
    await openWriter(page, host.url);
    await expect(page.getByTestId('writer-model-error')).toContainText(/No text model/);
    await expect(page.getByTestId('writer-continue')).toBeDisabled();
    await expect(page.getByTestId('writer-import')).toBeEnabled();
    await editor(page).fill('Nothing is lost.');
    await page.keyboard.press('Control+Enter');
    await expect(editor(page)).toHaveValue('Nothing is lost.');
    await expect(studio(page)).toHaveAttribute('data-state', 'idle');
  } finally {
    await host.stop();
    rmSync(models, { recursive: true, force: true });
  }
});
