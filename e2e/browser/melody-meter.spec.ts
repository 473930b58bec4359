/**
 * The Melody studio in the clip's meter, end to end: a musician picks 3/4, the roll's ruler and
 * grid turn to bars of 3 beats, Generate writes 4 bars of 3/4 (12 beats) with the melody LSTM, the
 * take's picture has 3-beat bars, and the exported MIDI file carries the 3/4 time signature. 6/8
 * counts two dotted quarters a bar and plays (metronome on) looped over its 3-beat bar; 12/8, which
 * the models were not trained in, turns Generate and Continue off with the reason in words.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './host';
import { Midi, music, roll, studio } from './melody-fixtures';

/** The ruler's bars in view as [number, first beat]. */
async function rulerBars(page: Page): Promise<[number, number][]> {
  const text = (await roll(page).getAttribute('data-ruler-bars')) ?? '';
  return text
    .split(' ')
    .filter(Boolean)
    .map((s) => s.split('@').map(Number) as [number, number]);
}

/** Clicks the roll (draw tool) at a beat, four rows below its top: a note there of the last drawn length. */
async function clickRoll(page: Page, beat: number): Promise<void> {
  const r = roll(page);
  const box = (await r.boundingBox())!;
  const attr = async (name: string): Promise<number> => Number(await r.getAttribute(name));
  const x =
    box.x +
    (await attr('data-key-width')) +
    (beat - (await attr('data-scroll-beat'))) * (await attr('data-beat-width'));
  const y = box.y + (await attr('data-ruler-height')) + 4.5 * (await attr('data-row-height'));
  await page.mouse.click(x, y);
}

/** Where the time signature meta event (FF 58 04 nn dd cc bb) is in a MIDI file, or −1. */
function timeSignatureAt(bytes: Uint8Array): number {
  return bytes.findIndex((v, i) => v === 0xff && bytes[i + 1] === 0x58 && bytes[i + 2] === 0x04);
}

test('3/4: the ruler counts bars of 3 beats, Generate writes 4 bars of 3/4, the MIDI file says 3/4', async ({
  page,
  host,
}, testInfo) => {
  await page.goto(host.url);
  await page.getByTestId('nav-melody').click();
  await expect(studio(page)).toBeVisible();
  await expect(page.getByTestId('melody-generate')).toBeEnabled();
  await expect(roll(page)).toHaveAttribute('data-bar-beats', '4');

  await page.getByTestId('melody-meter').selectOption('3/4');
  await expect(roll(page)).toHaveAttribute('data-meter', '3/4');
  await expect(roll(page)).toHaveAttribute('data-bar-beats', '3');
  await expect(roll(page)).toHaveAttribute('data-pulses', '0 1 2');
  await expect
    .poll(async () => (await rulerBars(page)).slice(0, 4))
    .toEqual([
      [1, 0],
      [2, 3],
      [3, 6],
      [4, 9],
    ]);

  // Generate 4 bars of 3/4: the Bars field says what a bar is; the take ends within 4 × 3 beats.
  await page.getByTestId('melody-tab-generate').click();
  await expect(page.getByTestId('melody-coherence')).toHaveCount(0);
  await expect(page.getByText('Bars of 3/4: 3 beats each.')).toBeVisible();
  await page.getByTestId('melody-bars').fill('4');
  await page.getByTestId('melody-count').fill('1');
  await page.getByTestId('melody-generate').click();
  const take = page.getByTestId('melody-take');
  await expect(take).toHaveCount(1);
  const n = Number(await take.getAttribute('data-notes'));
  expect(n).toBeGreaterThan(0);
  await expect(take.getByTestId('melody-take-preview')).toHaveAttribute('data-bar-beats', '3');
  await expect(take.getByTestId('melody-take-preview')).toHaveAttribute('data-shown', String(n));

  await take.getByTestId('melody-take-use').click();
  await expect(roll(page)).toHaveAttribute('data-notes', String(n));
  await expect(studio(page)).toHaveAttribute('data-dirty', 'false');
  const notes = await music(page);
  const end = Math.max(...notes.map((x) => x.start + x.duration));
  expect(end).toBeLessThanOrEqual(12 + 1e-6);
  // The clip kept its meter: the roll still counts bars of 3.
  await expect(page.getByTestId('melody-meter')).toHaveValue('3/4');
  await expect(roll(page)).toHaveAttribute('data-bar-beats', '3');
  await page
    .getByTestId('melody-roll-root')
    .screenshot({ path: testInfo.outputPath('melody-meter-3-4.png') });
  await testInfo.attach('melody-meter-3-4', {
    path: testInfo.outputPath('melody-meter-3-4.png'),
    contentType: 'image/png',
  });

  // The exported MIDI file's time signature: FF 58 04 03 02 (3 beats, a quarter = 2^2).
  const download = page.waitForEvent('download');
  await page.getByTestId('melody-export-midi').click();
  const bytes = new Uint8Array(readFileSync((await (await download).path())!));
  const at = timeSignatureAt(bytes);
  expect(at).toBeGreaterThan(0);
  expect([...bytes.subarray(at, at + 5)]).toEqual([0xff, 0x58, 0x04, 0x03, 0x02]);
  const file = new Midi(bytes);
  expect(file.header.timeSignatures[0]!.timeSignature).toEqual([3, 4]);
  const written = file.tracks.flatMap((t) => t.notes);
  expect(written).toHaveLength(n);
  for (const x of written) expect(x.ticks + x.durationTicks).toBeLessThanOrEqual(12 * file.header.ppq);
});

test('6/8 counts two dotted quarters a bar and loops a bar of 3 beats; 12/8 turns Generate and Continue off, saying why', async ({
  page,
  host,
}, testInfo) => {
  await page.goto(host.url);
  await page.getByTestId('nav-melody').click();
  await expect(page.getByTestId('melody-generate')).toBeEnabled();

  await page.getByTestId('melody-meter').selectOption('6/8');
  await expect(roll(page)).toHaveAttribute('data-bar-beats', '3');
  await expect(roll(page)).toHaveAttribute('data-pulses', '0 1.5');
  await page.getByTestId('roll-snap').selectOption('1/8');
  await page
    .getByTestId('melody-roll-root')
    .screenshot({ path: testInfo.outputPath('melody-meter-6-8.png') });
  await testInfo.attach('melody-meter-6-8', {
    path: testInfo.outputPath('melody-meter-6-8.png'),
    contentType: 'image/png',
  });

  // One note, played looped with the metronome on: the loop is the clip's one bar of 6/8, so the
  // playhead wraps before beat 3 (a 4/4 bar would run to 4), with two clicks a bar scheduled.
  await clickRoll(page, 0.1);
  await expect(roll(page)).toHaveAttribute('data-notes', '1');
  await page.getByTestId('melody-metronome').click();
  await page.getByTestId('melody-loop').click();
  await page.evaluate(() => {
    const el = document.querySelector('[data-testid="melody-roll"]')!;
    const heads: number[] = [];
    (window as unknown as { heads: number[] }).heads = heads;
    new MutationObserver(() => {
      const text = el.getAttribute('data-playhead') ?? '';
      if (text !== '') heads.push(Number(text));
    }).observe(el, { attributes: true, attributeFilter: ['data-playhead'] });
  });
  await page.getByTestId('melody-play').click();
  await expect(studio(page)).toHaveAttribute('data-playing', 'roll');
  const heads = (): Promise<number[]> =>
    page.evaluate(() => (window as unknown as { heads: number[] }).heads);
  await expect
    .poll(
      async () => {
        const h = await heads();
        const late = h.findIndex((v) => v > 2);
        return late >= 0 && h.slice(late).some((v) => v < 1);
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  expect(Math.max(...(await heads()))).toBeLessThanOrEqual(3); // the loop end itself can show, rounded
  await page.getByTestId('melody-stop').click();
  await expect(studio(page)).toHaveAttribute('data-playing', 'idle');
  await expect(page.getByTestId('error-banner')).toHaveCount(0);

  await page.getByTestId('melody-meter').selectOption('9/8');
  await expect(roll(page)).toHaveAttribute('data-bar-beats', '4.5');
  await expect
    .poll(async () => (await rulerBars(page)).slice(0, 3))
    .toEqual([
      [1, 0],
      [2, 4.5],
      [3, 9],
    ]);

  await page.getByTestId('melody-meter').selectOption('12/8');
  const reason = 'The melody models write 4/4, 2/2, 2/4, 3/4, 6/8 and 9/8; this clip is in 12/8.';
  for (const tab of ['generate', 'continue']) {
    await page.getByTestId(`melody-tab-${tab}`).click();
    await expect(page.getByTestId(`melody-${tab}`)).toBeDisabled();
    await expect(page.getByTestId('melody-model-error')).toHaveText(reason);
  }
  // The melody VAE's tabs do not depend on the meter.
  await page.getByTestId('melody-tab-variations').click();
  await expect(page.getByTestId('melody-model-error')).toHaveCount(0);

  // Back in a meter the models know, Generate is on again.
  await page.getByTestId('melody-meter').selectOption('6/8');
  await page.getByTestId('melody-tab-generate').click();
  await expect(page.getByTestId('melody-generate')).toBeEnabled();
  await expect(page.getByTestId('melody-model-error')).toHaveCount(0);
});
