/**
 * The Writer's Ask mode end to end: the real UI in Debian Chromium against the real browser host
 * and inference process. A chat model is made in a temp folder — a copy of the tiny GPT-2 fixture
 * (random weights) given a ChatML chat template and <|im_start|>/<|im_end|> as special tokens (the
 * tokenizer files the service tests use) — and imported through the picker, like a user's folder.
 * Selected text is shortened with the Shorten preset (the answer streams into the page after the
 * selection, is accepted and found in the Library with its instruction), a typed instruction's
 * answer replaces the selection, and the tiny GPT-2 itself, which has no chat template, shows why
 * Ask is disabled.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './host';
import { editor, importFolder, openWriter, pending, studio, useModel } from './writer-fixtures';

test.describe.configure({ mode: 'serial' });

const GPT2 = resolve('models/training/text/tiny/gpt2');
const CHATML = resolve('main/services/text/testdata/tiny-chatml');

let scratch = '';
let chatFolder = '';
test.beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'atelier-e2e-ask-'));
  chatFolder = join(scratch, 'tiny-chat-model');
  cpSync(GPT2, chatFolder, { recursive: true });
  for (const f of ['tokenizer.json', 'tokenizer_config.json']) cpSync(join(CHATML, f), join(chatFolder, f));
});
test.afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The Writer, opened with the chat model picked and Ask chosen. */
async function openAsk(page: Page, url: string): Promise<void> {
  await openWriter(page, url);
  await useModel(page, 'tiny-chat-model');
  await page.getByTestId('writer-mode-ask').click();
}

/** Selects `part` of the editor's text as a user would (the last keys make the page hear it). */
async function select(page: Page, text: string, part: string): Promise<void> {
  const start = text.indexOf(part);
  await editor(page).evaluate(
    (el, [a, b]) => {
      const t = el as HTMLTextAreaElement;
      t.focus();
      t.setSelectionRange(a!, b!, 'forward');
    },
    [start, start + part.length],
  );
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('Shift+ArrowRight');
}

const TEXT = 'Harbour notes.\nThe old boat rocked slowly in the grey water of the harbour. Gulls cried.';
const SELECTED = 'The old boat rocked slowly in the grey water of the harbour.';

test('Ask → Shorten: the answer streams in after the selection, is accepted and kept with its instruction', async ({
  page,
  host,
}, testInfo) => {
  await openWriter(page, host.url);
  await importFolder(page, chatFolder);
  await useModel(page, 'tiny-chat-model');
  await expect(page.getByTestId('writer-mode-ask')).toBeEnabled();
  await page.getByTestId('writer-mode-ask').click();
  await expect(page.getByTestId('writer-continue')).toHaveText(/Ask/);
  await page.getByTestId('writer-max-tokens').fill('40');
  await page.getByTestId('writer-seed').fill('2024');
  await page.getByTestId('writer-seed-lock').check();
  await editor(page).fill(TEXT);
  await select(page, TEXT, SELECTED);

  // The page records what it shows while the answer is written (the fixture is fast).
  await page.evaluate(() => {
    const seen: { status: string; tokens: number }[] = [];
    (window as unknown as { seenAsk: typeof seen }).seenAsk = seen;
    new MutationObserver(() => {
      const mark = document.querySelector('[data-testid="writer-pending"]');
      if (mark)
        seen.push({
          status: mark.getAttribute('data-status') ?? '',
          tokens: Number(mark.getAttribute('data-tokens')),
        });
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  await page.getByTestId('writer-ask-preset-shorten').click();
  await expect(page.getByTestId('writer-ask-input')).toHaveValue('Shorten this text. Keep what matters.');
  await expect(page.getByTestId('writer-stop-reason')).toBeVisible();
  await expect(studio(page)).toHaveAttribute('data-state', 'pending');
  const seen = await page.evaluate(() => (window as unknown as { seenAsk: { status: string }[] }).seenAsk);
  expect(seen.some((s) => s.status === 'streaming')).toBe(true);
  expect(seen.at(-1)!.status).toBe('done');
  // The answer shows after the selection, on a paragraph of its own, the rest of the text after it.
  const answer = (await pending(page).textContent())!;
  expect(answer.length).toBeGreaterThan(0);
  await expect(page.getByTestId('writer-page')).toHaveText(
    `${TEXT.slice(0, TEXT.indexOf(' Gulls'))}\n\n${answer}\n\nGulls cried.`,
  );
  await expect(page.getByTestId('writer-replace')).toHaveText('Replace selection');
  await expect(page.getByTestId('writer-reject')).toHaveText(/Discard/);
  const shot = testInfo.outputPath('writer-ask.png');
  await page.screenshot({ path: shot });
  await testInfo.attach('writer-ask', { path: shot, contentType: 'image/png' });

  await page.getByTestId('writer-accept').click();
  await expect(studio(page)).toHaveAttribute('data-state', 'idle');
  const doc = `${TEXT.slice(0, TEXT.indexOf(' Gulls'))}\n\n${answer}\n\nGulls cried.`;
  await expect(editor(page)).toHaveValue(doc);

  await page.getByTestId('nav-library').click();
  const card = page.locator('[data-testid="library-item"][data-kind="text"]').first();
  await expect(card).toBeVisible();
  await expect(card.getByTestId('library-text-instruction')).toHaveText(
    'Asked: Shorten this text. Keep what matters.',
  );
  await expect(card.getByRole('heading')).toContainText('Shorten this text');
});

test('a typed instruction (Enter asks) and Replace selection; the same seed answers the same', async ({
  page,
  host,
}) => {
  await openAsk(page, host.url);
  await page.getByTestId('writer-max-tokens').fill('40');
  await page.getByTestId('writer-seed').fill('77');
  await page.getByTestId('writer-seed-lock').check();
  await editor(page).fill(TEXT);
  await select(page, TEXT, SELECTED);
  await page.getByTestId('writer-ask-input').fill('Say it like a pirate.');
  await page.getByTestId('writer-ask-input').press('Enter');
  await expect(page.getByTestId('writer-stop-reason')).toBeVisible();
  const first = (await pending(page).textContent())!;
  await page.getByTestId('writer-regenerate').click();
  await expect(page.getByTestId('writer-alt-index')).toHaveText('2 / 2');
  await expect(page.getByTestId('writer-stop-reason')).toBeVisible();
  expect(await pending(page).textContent()).toBe(first);
  await page.getByTestId('writer-replace').click();
  await expect(editor(page)).toHaveValue(`Harbour notes.\n${first} Gulls cried.`);
});

test('an empty instruction is refused in the page, naming the box; nothing is run', async ({
  page,
  host,
}) => {
  await openAsk(page, host.url);
  await page.getByTestId('writer-ask-input').fill('   ');
  await page.getByTestId('writer-continue').click();
  await expect(page.getByTestId('writer-error')).toContainText('Say what the model should do');
  await expect(page.getByTestId('writer-ask-input')).toHaveAttribute('aria-invalid', 'true');
  await expect(studio(page)).toHaveAttribute('data-state', 'error');
});

test('a model without a chat template: Ask is disabled and says why', async ({ page, host }) => {
  await openAsk(page, host.url);
  await importFolder(page, GPT2);
  await useModel(page, 'gpt2');
  await expect(page.getByTestId('writer-ask-disabled')).toHaveText(
    'This model has no chat template: use Continue.',
  );
  await expect(page.getByTestId('writer-mode-ask')).toBeDisabled();
  await expect(page.getByTestId('writer-continue')).toHaveText(/Continue/);
  await expect(page.getByTestId('writer-ask-input')).toHaveCount(0);
  // Back on the chat model, Ask comes back as it was left.
  await useModel(page, 'tiny-chat-model');
  await expect(page.getByTestId('writer-ask-disabled')).toHaveCount(0);
  await expect(page.getByTestId('writer-mode-ask')).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('writer-ask-input')).toBeVisible();
});
