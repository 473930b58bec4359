/**
 * The Datasets studio in Debian Chromium against the real browser host, on a tiny ImageFolder
 * made here (three colour classes of PNGs under train/ and test/, and one truncated PNG): a
 * classic augment with k large enough to watch its progress is cancelled mid-run (some items on
 * disk, not all), resumed (it completes and reuses what was made), its card opened (the manifest
 * counts and the corrupt file listed) and its sample grid shown (real sources beside synthetic
 * items); then Evaluate with two seeds shows both arms and their difference. A relative path is
 * refused in the page with a sentence, and nothing runs. The glyph sheet of a system font shows
 * its sheets, a folder of MIDI melodies is augmented and its card opened, and a small benchmark
 * shows its table (each of those three either works or says in a sentence that this version cannot
 * do it yet). Screenshots after each step (`datasets-*.png`).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page, TestInfo } from '@playwright/test';
import { CLASSES, classPng, makeClassFolder, openStudio } from './datasets-fixtures';
import { expect, test } from './host';

type MidiModule = typeof import('@tonejs/midi');
const { Midi } = createRequire(import.meta.url)('@tonejs/midi') as MidiModule;
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

const PER_CLASS = 8;
const K = 48;
const SIDE = 96;

function makeImageFolder(root: string): { input: string; sources: number } {
  const folder = makeClassFolder(root, { name: 'flowers', perClass: PER_CLASS, side: SIDE, test: 4 });
  // A truncated PNG: listed as corrupt, never fatal.
  writeFileSync(
    join(folder.input, 'train', 'red', 'broken.png'),
    classPng(CLASSES.red, 99, SIDE).subarray(0, 80),
  );
  return folder;
}

const manifestRows = (out: string): number => {
  const path = join(out, 'train', 'metadata.jsonl');
  return existsSync(path)
    ? readFileSync(path, 'utf8')
        .split('\n')
        .filter((l) => l.trim()).length
    : 0;
};

const job = (page: Page, tab: string): Locator => page.getByTestId(`datasets-${tab}-job`);

async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: testInfo.outputPath(`datasets-${name}.png`) });
}

let root = '';
test.beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'atelier-datasets-e2e-'));
});
test.afterAll(() => rmSync(root, { recursive: true, force: true }));

test('augment with classic: cancel mid-run, resume, open the card, see samples, evaluate', async ({
  page,
  host,
}, testInfo) => {
  const { input, sources } = makeImageFolder(root);
  const out = join(root, 'flowers-augmented');
  const total = sources * (K + 1);
  await openStudio(page, host.url);
  await page.getByTestId('datasets-images-input').fill(input);
  await page.getByTestId('datasets-images-out').fill(out);
  await page.getByTestId('datasets-images-k').fill(String(K));
  await page.getByTestId('datasets-images-seed').fill('7');
  await shot(page, testInfo, 'form');

  // Run, and cancel once progress shows some items done.
  await page.getByTestId('datasets-images-run').click();
  await expect(job(page, 'images')).toHaveAttribute('data-phase', 'running');
  await expect(page.getByTestId('datasets-images-message')).toContainText(/[1-9]\d*\/\d+ items/);
  await shot(page, testInfo, 'running');
  await page.getByTestId('datasets-images-cancel').click();
  await expect(job(page, 'images')).toHaveAttribute('data-phase', 'cancelled');
  await expect(page.getByTestId('datasets-images-message')).toContainText(/Cancelled after \d+\/\d+ items/);
  expect(
    Number(await page.getByTestId('datasets-images-progress').getAttribute('aria-valuenow')),
  ).toBeLessThan(100);
  const partial = manifestRows(out);
  expect(partial).toBeGreaterThan(0);
  expect(partial).toBeLessThan(total);
  await shot(page, testInfo, 'cancelled');

  // Resume: the same request again; it completes, reusing what was made.
  await page.getByTestId('datasets-images-resume').click();
  await expect(job(page, 'images')).toHaveAttribute('data-phase', 'done', { timeout: 90_000 });
  const reused = Number(await page.getByTestId('datasets-reused').getAttribute('data-value'));
  expect(reused).toBeGreaterThan(0);
  const written = Number(await page.getByTestId('datasets-written').getAttribute('data-value'));
  expect(written + reused).toBe(total);
  expect(manifestRows(out)).toBe(total);
  await expect(page.getByTestId('datasets-corrupt-count')).toHaveAttribute('data-value', '1');
  await expect(page.getByTestId('datasets-corrupt-item')).toContainText('broken.png');

  // The sample grid: real sources beside their synthetic items, every class.
  await expect(page.getByTestId('datasets-sample').first()).toBeVisible();
  await expect(page.locator('[data-testid="datasets-sample"][data-method="real"]').first()).toBeVisible();
  await expect(page.locator('[data-testid="datasets-sample"][data-method="classic"]').first()).toBeVisible();
  for (const label of Object.keys(CLASSES))
    await expect(
      page.locator(`[data-testid="datasets-sample"][data-label="${label}"]`).first(),
    ).toBeVisible();
  await expect
    .poll(() =>
      page
        .locator('[data-testid="datasets-sample"] img')
        .evaluateAll((imgs) => imgs.every((i) => (i as HTMLImageElement).naturalWidth === 96)),
    )
    .toBe(true);
  await shot(page, testInfo, 'result');

  // The card: counts from the manifest, the corrupt file listed.
  await page.getByTestId('datasets-open-card').click();
  const card = page.getByTestId('datasets-card');
  await expect(card).toHaveAttribute('data-real', String(sources));
  await expect(card).toHaveAttribute('data-synthetic', String(sources * K));
  await expect(page.getByTestId('datasets-card-counts')).toContainText(
    `${sources} real · ${sources * K} synthetic`,
  );
  await expect(page.getByTestId('datasets-card-body')).toContainText('broken.png');
  await page.getByTestId('datasets-card').scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'card');

  // Evaluate: two seeds, few steps; both arms and their difference.
  await page.getByTestId('datasets-tab-evaluate').click();
  await page.getByTestId('datasets-evaluate-input').fill(input);
  await page.getByTestId('datasets-evaluate-augmented').fill(out);
  await page.getByTestId('datasets-evaluate-seeds').fill('1, 2');
  await page.getByTestId('datasets-evaluate-steps').fill('30');
  await page.getByTestId('datasets-evaluate-run').click();
  await expect(job(page, 'evaluate')).toHaveAttribute('data-phase', 'done', { timeout: 90_000 });
  await expect(page.getByTestId('datasets-arm-real')).toContainText('Real only');
  await expect(page.getByTestId('datasets-arm-real')).toContainText('%');
  await expect(page.getByTestId('datasets-arm-synthetic')).toContainText('Real + synthetic');
  await expect(page.getByTestId('datasets-difference')).toHaveText(/^([+−]\d+\.\d|±0\.0) pts$/);
  await expect(page.getByTestId('datasets-difference')).toHaveAttribute('data-tone', /better|worse|same/);
  await expect(page.getByTestId('datasets-class-row')).toHaveCount(3);
  await expect(page.locator('[data-testid="datasets-evaluation-table"] thead th')).toHaveCount(4);
  await shot(page, testInfo, 'evaluate');

  // The forms are kept across a reload.
  await page.reload();
  await page.getByTestId('nav-datasets').click();
  await expect(page.getByTestId('datasets-evaluate-augmented')).toHaveValue(out);
});

test('a relative path is refused in the page, naming the field, and nothing runs', async ({
  page,
  host,
}, testInfo) => {
  const out = join(root, 'never-made');
  await openStudio(page, host.url);
  await page.getByTestId('datasets-tab-images').click();
  await page.getByTestId('datasets-images-input').fill('photos/cats');
  await page.getByTestId('datasets-images-out').fill(out);
  await page.getByTestId('datasets-images-k').fill('0');
  await page.getByTestId('datasets-images-run').click();
  await expect(page.getByTestId('datasets-images-input-error')).toHaveText(
    /^The input folder must be an absolute path .*"photos\/cats"\.$/,
  );
  await expect(page.getByTestId('datasets-images-k-error')).toHaveText('k must be from 1 to 64.');
  await expect(page.getByTestId('datasets-images-input')).toHaveAttribute('aria-invalid', 'true');
  // Repeated beside the Run button, wherever the form is scrolled.
  await expect(page.getByTestId('datasets-images-problems')).toContainText('must be an absolute path');
  await expect(job(page, 'images')).toHaveAttribute('data-phase', 'idle');
  expect(existsSync(out)).toBe(false);
  await shot(page, testInfo, 'refused');

  // A folder main refuses (the output holds other files): its sentence beside the field.
  const busy = join(root, 'busy');
  mkdirSync(busy, { recursive: true });
  writeFileSync(join(busy, 'notes.txt'), 'mine');
  const { input } = makeImageFolder(mkdtempSync(join(root, 'second-')));
  await page.getByTestId('datasets-images-input').fill(input);
  await page.getByTestId('datasets-images-out').fill(busy);
  await page.getByTestId('datasets-images-k').fill('2');
  await page.getByTestId('datasets-images-run').click();
  await expect(page.getByTestId('datasets-images-out-error')).toContainText('holds other files');
  expect(readFileSync(join(busy, 'notes.txt'), 'utf8')).toBe('mine');
  expect(existsSync(join(busy, 'train'))).toBe(false);
});

/** A job ends done (the page shows why not, if it failed). */
async function done(page: Page, tab: string): Promise<void> {
  await expect(job(page, tab)).toHaveAttribute('data-phase', /done|failed/, { timeout: 110_000 });
  if ((await job(page, tab).getAttribute('data-phase')) !== 'done')
    throw new Error(`${tab} failed: ${await page.getByTestId(`datasets-${tab}-error`).textContent()}`);
}

test('glyph sheet of a font, melodies, and a small benchmark', async ({ page, host }, testInfo) => {
  test.skip(!existsSync(FONT), `${FONT} is not installed`);
  test.setTimeout(360_000);
  const dir = mkdtempSync(join(root, 'more-'));
  await openStudio(page, host.url);

  // Glyph sheet: the font and two variations of its style.
  await page.getByTestId('datasets-tab-glyphs').click();
  await page.getByTestId('datasets-glyphs-font').fill(FONT);
  await page.getByTestId('datasets-glyphs-out').fill(join(dir, 'glyphs'));
  await page.getByTestId('datasets-glyphs-k').fill('2');
  await page.getByTestId('datasets-glyphs-run').click();
  await done(page, 'glyphs');
  await expect(page.getByTestId('datasets-sheets')).toHaveAttribute('data-count', '3');
  await expect(page.getByTestId('datasets-sheet')).toHaveCount(3);
  await expect(page.locator('[data-testid="datasets-sample"][data-method="real"]').first()).toBeVisible();
  await shot(page, testInfo, 'glyphs');

  // Melodies: three little tunes, transposed and varied.
  const tunes = join(dir, 'tunes');
  mkdirSync(tunes);
  for (let t = 0; t < 3; t++) {
    const midi = new Midi();
    const track = midi.addTrack();
    for (let i = 0; i < 16; i++)
      track.addNote({ midi: 60 + ((i * (t + 2)) % 12), time: i * 0.25, duration: 0.25 });
    writeFileSync(join(tunes, `tune-${t}.mid`), Buffer.from(midi.toArray()));
  }
  await page.getByTestId('datasets-tab-melodies').click();
  await page.getByTestId('datasets-melodies-input').fill(tunes);
  await page.getByTestId('datasets-melodies-out').fill(join(dir, 'tunes-augmented'));
  await page.getByTestId('datasets-melodies-k').fill('2');
  await page.getByTestId('datasets-param-semitones').fill('-2, 13');
  await page.getByTestId('datasets-melodies-run').click();
  await expect(page.getByTestId('datasets-param-semitones-error')).toHaveText(
    'Semitones must be whole numbers from -12 to 12.',
  );
  await page.getByTestId('datasets-param-semitones').fill('-2, 3');
  await page.getByTestId('datasets-melodies-run').click();
  await done(page, 'melodies');
  await expect(page.getByTestId('datasets-written')).not.toHaveAttribute('data-value', '0');
  await page.getByTestId('datasets-open-card').click();
  await expect(page.getByTestId('datasets-card-body')).not.toBeEmpty();
  await shot(page, testInfo, 'melodies');

  // Benchmark: one k, one seed, few steps.
  await page.getByTestId('datasets-tab-benchmark').click();
  await page.getByTestId('datasets-benchmark-ks').fill('1');
  await page.getByTestId('datasets-benchmark-augment-k').fill('1');
  await page.getByTestId('datasets-benchmark-seeds').fill('1');
  await page.getByTestId('datasets-benchmark-steps').fill('5');
  await page.getByTestId('datasets-benchmark-run').click();
  const bench = await expect(job(page, 'benchmark'))
    .toHaveAttribute('data-phase', 'done', { timeout: 200_000 })
    .then(
      () => 'done',
      async () => (await job(page, 'benchmark').getAttribute('data-phase')) ?? '',
    );
  if (bench === 'done') {
    await expect(page.getByTestId('datasets-benchmark-row')).toHaveCount(1);
    await expect(
      page.locator('[data-testid="datasets-benchmark-row"] td[data-best="true"] strong'),
    ).not.toHaveCount(0);
    await expect(page.getByTestId('datasets-protocol')).not.toBeEmpty();
  } else {
    // Fonts of too few families on this machine: that sentence, not a crash.
    await expect(page.getByTestId('datasets-benchmark-error')).toContainText('famil');
  }
  await shot(page, testInfo, 'benchmark');
});

test('a reloaded page follows the running job and can cancel it', async ({ page, host }, testInfo) => {
  const { input } = makeImageFolder(mkdtempSync(join(root, 'reload-')));
  const out = join(root, 'reload-out');
  await openStudio(page, host.url);
  await page.getByTestId('datasets-images-input').fill(input);
  await page.getByTestId('datasets-images-out').fill(out);
  await page.getByTestId('datasets-images-k').fill('64');
  await page.getByTestId('datasets-images-run').click();
  await expect(page.getByTestId('datasets-images-message')).toContainText(/[1-9]\d*\/\d+ items/);
  await page.reload();
  await page.getByTestId('nav-datasets').click();
  const followed = page.getByTestId('datasets-followed-job');
  await expect(followed).toHaveAttribute('data-stage', /preparing|inference/);
  await expect(followed).toContainText('Augment · ');
  await shot(page, testInfo, 'followed');
  await page.getByTestId('datasets-followed-cancel').click();
  await expect(followed).toHaveAttribute('data-stage', 'cancelled');
  await expect(followed).toContainText('Run the same request again');
  expect(manifestRows(out)).toBeLessThan(24 * 65);
});
