/**
 * The Melody Sketcher end to end, as a musician: the real UI in Debian Chromium against the real
 * browser host, the bundled melody models in the inference process, Tone.js playback in the page,
 * MIDI files in and out, and the SQLite library.
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './host';
import { Midi, music, roll, studio, type N } from './melody-fixtures';

async function openStudio(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('nav-melody').click();
  await expect(studio(page)).toBeVisible();
  // The models are listed: the Generate button is live.
  await expect(page.getByTestId('melody-generate')).toBeEnabled();
}

/** Page coordinates of a beat and a pitch's row centre, from the roll's own layout attributes. */
async function rollPoint(page: Page, beat: number, pitch: number): Promise<[number, number]> {
  const r = roll(page);
  const box = (await r.boundingBox())!;
  const attr = async (name: string): Promise<number> => Number(await r.getAttribute(name));
  const keyWidth = await attr('data-key-width');
  const rulerHeight = await attr('data-ruler-height');
  const rowHeight = await attr('data-row-height');
  const beatWidth = await attr('data-beat-width');
  const scrollBeat = await attr('data-scroll-beat');
  const topPitch = await attr('data-top-pitch');
  return [
    box.x + keyWidth + (beat - scrollBeat) * beatWidth,
    box.y + rulerHeight + (topPitch - pitch) * rowHeight + rowHeight / 2,
  ];
}

/** Draws a note with the mouse (draw tool): press at its start, drag to its end. */
async function drawNote(page: Page, pitch: number, start: number, beats: number): Promise<void> {
  const [x0, y] = await rollPoint(page, start + 0.05, pitch);
  const [x1] = await rollPoint(page, start + beats - 0.05, pitch);
  await page.mouse.move(x0, y);
  await page.mouse.down();
  await page.mouse.move((x0 + x1) / 2, y, { steps: 4 });
  await page.mouse.move(x1, y, { steps: 4 });
  await page.mouse.up();
}

async function visiblePitch(page: Page, rowsDown: number): Promise<number> {
  return Number(await roll(page).getAttribute('data-top-pitch')) - rowsDown;
}

async function firstBeat(page: Page): Promise<number> {
  return Math.ceil(Number(await roll(page).getAttribute('data-scroll-beat'))) + 1;
}

/** Generate with the given bars/count and put take `index` in the roll (saves it to the library). */
async function generateAndUse(
  page: Page,
  bars: number,
  count: number,
  index = 0,
  replacingUnsaved = false,
): Promise<void> {
  await page.getByTestId('melody-tab-generate').click();
  await page.getByTestId('melody-bars').fill(String(bars));
  await page.getByTestId('melody-count').fill(String(count));
  const takes = page.getByTestId('melody-take');
  const before = await page.getByTestId('melody-clip').count();
  await page.getByTestId('melody-generate').click();
  await expect(takes).toHaveCount(count);
  await expect(page.getByTestId('melody-generate')).toBeEnabled();
  const take = takes.nth(index);
  const n = Number(await take.getAttribute('data-notes'));
  expect(n).toBeGreaterThan(0);
  await take.getByTestId('melody-take-use').click();
  if (replacingUnsaved) {
    // The roll holds unsaved notes: the studio asks before a take replaces them.
    await expect(page.getByTestId('melody-confirm')).toContainText(/unsaved changes/);
    await page.getByTestId('melody-confirm-ok').click();
  }
  await expect(roll(page)).toHaveAttribute('data-notes', String(n));
  // "Use" keeps the take in the library at once.
  await expect(page.getByTestId('melody-clip')).toHaveCount(before + 1);
  await expect(studio(page)).toHaveAttribute('data-dirty', 'false');
}

test('draw and undo with mouse and keys; generate, play, stop; continue the selection', async ({
  page,
  host,
}, testInfo) => {
  await openStudio(page, host.url);
  await expect(roll(page)).toHaveAttribute('data-notes', '0');

  const beat = await firstBeat(page);
  const p1 = await visiblePitch(page, 4);
  await drawNote(page, p1, beat, 1);
  await expect(roll(page)).toHaveAttribute('data-notes', '1');
  await drawNote(page, p1 - 3, beat + 1, 1);
  await expect(roll(page)).toHaveAttribute('data-notes', '2');
  const drawn = await music(page);
  expect(drawn.map((n) => n.pitch).sort()).toEqual([p1 - 3, p1].sort());
  expect(drawn.map((n) => n.start)).toEqual([beat, beat + 1]);
  await expect(page.getByTestId('melody-dirty')).toBeVisible();

  // Undo / redo: the buttons, then the keys.
  await page.getByTestId('roll-undo').click();
  await expect(roll(page)).toHaveAttribute('data-notes', '1');
  await page.getByTestId('roll-redo').click();
  await expect(roll(page)).toHaveAttribute('data-notes', '2');
  await roll(page).focus();
  await page.keyboard.press('Control+z');
  await expect(roll(page)).toHaveAttribute('data-notes', '1');
  await page.keyboard.press('Control+Shift+z');
  await expect(roll(page)).toHaveAttribute('data-notes', '2');

  // Generate 4 bars, two takes; use the first (replacing the unsaved drawing, after asking).
  await generateAndUse(page, 4, 2, 0, true);
  await roll(page).screenshot({ path: testInfo.outputPath('melody-roll.png') });
  await testInfo.attach('melody-roll', {
    path: testInfo.outputPath('melody-roll.png'),
    contentType: 'image/png',
  });
  await page.screenshot({ path: testInfo.outputPath('melody-studio.png') });

  // Play: the playhead moves with Tone's transport; Stop clears it.
  await page.getByTestId('melody-play').click();
  await expect(studio(page)).toHaveAttribute('data-playing', 'roll');
  await expect
    .poll(async () => Number((await roll(page).getAttribute('data-playhead')) || '0'))
    .toBeGreaterThan(0.5);
  const at = Number(await roll(page).getAttribute('data-playhead'));
  await expect
    .poll(async () => Number((await roll(page).getAttribute('data-playhead')) || '0'))
    .toBeGreaterThan(at);
  await page.getByTestId('melody-stop').click();
  await expect(roll(page)).toHaveAttribute('data-playhead', '');
  // Space plays and stops too.
  await roll(page).focus();
  await page.keyboard.press('Space');
  await expect(studio(page)).toHaveAttribute('data-playing', 'roll');
  await page.keyboard.press('Space');
  await expect(studio(page)).toHaveAttribute('data-playing', 'idle');

  // Select everything and continue it by 2 bars: the new notes come after the old and are selected.
  const old = await music(page);
  const oldEnd = Math.max(...old.map((n) => n.start + n.duration));
  await roll(page).focus();
  await page.keyboard.press('Control+a');
  await expect(roll(page)).toHaveAttribute('data-selected', String(old.length));
  await page.getByTestId('melody-tab-continue').click();
  await page.getByTestId('melody-bars').fill('2');
  await page.getByTestId('melody-count').fill('1');
  await page.getByTestId('melody-continue').click();
  const take = page.getByTestId('melody-take');
  await expect(take).toHaveCount(1);
  const added = Number(await take.getAttribute('data-notes'));
  expect(added).toBeGreaterThan(0);
  await take.getByTestId('melody-take-use').click();
  await expect(roll(page)).toHaveAttribute('data-notes', String(old.length + added));
  await expect(roll(page)).toHaveAttribute('data-selected', String(added));
  const after = await music(page);
  const key = (n: N): string => `${n.pitch}:${n.start}:${n.duration}`;
  const oldKeys = old.map(key);
  const fresh = after.filter((n) => {
    const i = oldKeys.indexOf(key(n));
    if (i < 0) return true;
    oldKeys.splice(i, 1);
    return false;
  });
  expect(fresh).toHaveLength(added);
  for (const n of fresh) expect(n.start).toBeGreaterThanOrEqual(oldEnd - 1e-6);
  // One undo step takes the continuation back out.
  await page.getByTestId('roll-undo').click();
  await expect(roll(page)).toHaveAttribute('data-notes', String(old.length));
});

test('interpolate between two saved clips; export the roll as MIDI', async ({ page, host }) => {
  await openStudio(page, host.url);
  await generateAndUse(page, 4, 1);
  const a = await studio(page).getAttribute('data-opened');
  await page.getByTestId('melody-seed-dice').click();
  await generateAndUse(page, 4, 1);
  const b = await studio(page).getAttribute('data-opened');
  expect(a).toBeTruthy();
  expect(b).not.toBe(a);

  await page.getByTestId('melody-tab-interpolate').click();
  await page.getByTestId('melody-interp-a').selectOption(a!);
  await page.getByTestId('melody-interp-b').selectOption(b!);
  await page.getByTestId('melody-interp-steps').fill('3');
  // Sampled, not greedy: greedy decodes of these latents are mostly rests with the bundled VAE.
  await page.getByTestId('melody-temperature').fill('1');
  await page.getByTestId('melody-interpolate').click();
  const takes = page.getByTestId('melody-take');
  await expect(takes).toHaveCount(3);
  // Audition one take alone: the roll does not play, the take does.
  await takes.nth(1).getByTestId('melody-take-play').click();
  await expect(studio(page)).toHaveAttribute('data-playing', 'audition');
  await takes.nth(1).getByTestId('melody-take-play').click();
  await expect(studio(page)).toHaveAttribute('data-playing', 'idle');
  const counts = await takes.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-notes'))));
  const pick = counts.indexOf(Math.max(...counts));
  expect(counts[pick]).toBeGreaterThan(0);
  await takes.nth(pick).getByTestId('melody-take-use').click();
  await expect(roll(page)).toHaveAttribute('data-notes', String(counts[pick]));

  // Export MIDI: the file holds the roll's notes.
  const notes = await music(page);
  const download = page.waitForEvent('download');
  await page.getByTestId('melody-export-midi').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^atelier-melody-.*\.mid$/);
  const midi = new Midi(readFileSync((await file.path())!));
  const ppq = midi.header.ppq;
  const exported = midi.tracks
    .flatMap((t) => t.notes)
    .map((n) => ({ pitch: n.midi, start: n.ticks / ppq, duration: n.durationTicks / ppq }))
    .sort((x, y) => x.start - y.start || x.pitch - y.pitch);
  expect(exported.length).toBe(notes.length);
  exported.forEach((n, i) => {
    expect(n.pitch).toBe(notes[i]!.pitch);
    expect(Math.abs(n.start - notes[i]!.start)).toBeLessThan(1 / 16);
    expect(Math.abs(n.duration - notes[i]!.duration)).toBeLessThan(1 / 16);
  });
});

test('import a multi-track MIDI file (pick track 2); a non-MIDI file is refused; saved clips and drafts survive a reload', async ({
  page,
  host,
}) => {
  await openStudio(page, host.url);
  const midi = new Midi();
  midi.header.setTempo(90);
  const bass = midi.addTrack();
  bass.name = 'Bass';
  [36, 43, 36, 41].forEach((p, i) =>
    bass.addNote({ midi: p, ticks: i * 2 * midi.header.ppq, durationTicks: 2 * midi.header.ppq }),
  );
  const lead = midi.addTrack();
  lead.name = 'Lead';
  const leadNotes = [72, 74, 76, 77, 79, 77, 76];
  leadNotes.forEach((p, i) =>
    lead.addNote({
      midi: p,
      ticks: (i * midi.header.ppq) / 2,
      durationTicks: midi.header.ppq / 2,
      velocity: 0.8,
    }),
  );
  await page.getByTestId('melody-import').setInputFiles({
    name: 'two-tracks.mid',
    mimeType: 'audio/midi',
    buffer: Buffer.from(midi.toArray()),
  });
  await expect(page.getByTestId('midi-track-picker')).toBeVisible();
  await expect(page.getByTestId('midi-track-0')).toContainText('Bass');
  await page.getByTestId('midi-track-1').click();
  await expect(page.getByTestId('midi-track-picker')).toBeHidden();
  await expect(roll(page)).toHaveAttribute('data-notes', String(leadNotes.length));
  expect((await music(page)).map((n) => n.pitch)).toEqual(leadNotes);
  expect((await music(page)).map((n) => n.start)).toEqual(leadNotes.map((_, i) => i / 2));
  await expect(page.getByTestId('melody-bpm')).toHaveValue('90');

  // Not a MIDI file: a readable error, and the roll keeps its notes.
  await page.getByTestId('melody-import').setInputFiles({
    name: 'notes.mid',
    mimeType: 'audio/midi',
    buffer: Buffer.from('these are words, not notes'),
  });
  await expect(page.getByTestId('error-banner')).toContainText(/not a MIDI file/);
  await expect(roll(page)).toHaveAttribute('data-notes', String(leadNotes.length));
  await page.getByTestId('error-dismiss').click();

  // Save the clip (Ctrl+S), then leave an unsaved edit behind.
  await roll(page).focus();
  await page.keyboard.press('Control+s');
  await expect(studio(page)).toHaveAttribute('data-dirty', 'false');
  const id = await studio(page).getAttribute('data-opened');
  expect(id).toBeTruthy();
  // The newest clip comes first on the shelf.
  await expect(page.getByTestId('melody-clip').first()).toHaveAttribute('data-id', id!);
  await drawNote(page, await visiblePitch(page, 2), await firstBeat(page), 1);
  await expect(roll(page)).toHaveAttribute('data-notes', String(leadNotes.length + 1));
  await page.waitForTimeout(400); // the draft is written a moment after the edit

  await page.reload();
  await page.getByTestId('nav-melody').click();
  await expect(page.locator(`[data-testid="melody-clip"][data-id="${id}"]`)).toBeVisible();
  await expect(page.getByTestId('melody-draft-offer')).toBeVisible();
  await page.getByTestId('melody-draft-restore').click();
  await expect(roll(page)).toHaveAttribute('data-notes', String(leadNotes.length + 1));
  await expect(studio(page)).toHaveAttribute('data-dirty', 'true');

  // The Library lists the clip; Open brings it back into the Melody studio.
  await page.getByTestId('nav-library').click();
  const card = page.locator(`[data-testid="library-item"][data-generation-id="${id}"]`);
  await expect(card).toBeVisible();
  await card.getByTestId('library-open').click();
  await expect(page.getByTestId('melody-confirm')).toBeVisible();
  await page.getByTestId('melody-confirm-ok').click();
  await expect(studio(page)).toBeVisible();
  await expect(studio(page)).toHaveAttribute('data-opened', id!);
  await expect(roll(page)).toHaveAttribute('data-notes', String(leadNotes.length));
  await expect(studio(page)).toHaveAttribute('data-dirty', 'false');
});

test('clips get names that tell them apart; rename from the shelf and from the name field, in place', async ({
  page,
  host,
}) => {
  await openStudio(page, host.url);
  // The same locked seed twice: the same take, saved as two clips that must still be told apart.
  await page.getByTestId('melody-seed').fill('7');
  await generateAndUse(page, 4, 1);
  const a = (await studio(page).getAttribute('data-opened'))!;
  await generateAndUse(page, 4, 1);
  const b = (await studio(page).getAttribute('data-opened'))!;
  expect(b).not.toBe(a);
  const title = (id: string): Locator =>
    page.locator(`[data-testid="melody-clip"][data-id="${id}"]`).getByTestId('melody-clip-title');
  await expect(title(a)).toHaveText('Generate · seed 7 · 4 bars');
  await expect(title(b)).toHaveText('Generate · seed 7 · 4 bars (2)');
  // The studio's name field shows the clip's name.
  await expect(page.getByTestId('melody-name')).toHaveValue('Generate · seed 7 · 4 bars (2)');

  // Interpolate's lists: every clip's entry differs.
  await page.getByTestId('melody-tab-interpolate').click();
  const options = page.getByTestId('melody-interp-a').locator('option');
  const labels = await options.evaluateAll((els) => els.map((e) => e.textContent ?? ''));
  expect(new Set(labels).size).toBe(labels.length);
  const labelOf = async (id: string): Promise<string> =>
    (await page.getByTestId('melody-interp-a').locator(`option[value="${id}"]`).textContent()) ?? '';
  expect(await labelOf(a)).toMatch(/^Generate · seed 7 · 4 bars · /);
  expect(await labelOf(b)).toMatch(/^Generate · seed 7 · 4 bars \(2\) · /);

  // Rename from the shelf: the same record, a new name; the open clip's name field follows.
  const clips = await page.getByTestId('melody-clip').count();
  const shelfB = page.locator(`[data-testid="melody-clip"][data-id="${b}"]`);
  await shelfB.getByTestId('melody-clip-rename').click();
  await shelfB.getByTestId('melody-clip-rename-input').fill('Hook');
  await shelfB.getByTestId('melody-clip-rename-input').press('Enter');
  await expect(title(b)).toHaveText('Hook');
  await expect(page.getByTestId('melody-clip')).toHaveCount(clips);
  await expect(page.getByTestId('melody-name')).toHaveValue('Hook');
  await expect(studio(page)).toHaveAttribute('data-dirty', 'false');
  expect(await labelOf(b)).toMatch(/^Hook · 4 bars · seed 7 · /);

  // Rename from the studio's name field: Enter renames the saved clip in place (no new clip).
  await page.getByTestId('melody-name').fill('Hook in the shed');
  await expect(studio(page)).toHaveAttribute('data-dirty', 'true');
  await page.getByTestId('melody-name').press('Enter');
  await expect(title(b)).toHaveText('Hook in the shed');
  await expect(page.getByTestId('melody-clip')).toHaveCount(clips);
  await expect(studio(page)).toHaveAttribute('data-dirty', 'false');
  await expect(studio(page)).toHaveAttribute('data-opened', b);

  // A rename survives a reload (it is the library record's name).
  await page.reload();
  await page.getByTestId('nav-melody').click();
  await expect(title(b)).toHaveText('Hook in the shed');
  await expect(title(a)).toHaveText('Generate · seed 7 · 4 bars');
});

test('the key lock comes with the clip into every tab; continue keeps it, shows its takes and scrolls to them; MIDI out carries key and meter', async ({
  page,
  host,
}) => {
  await openStudio(page, host.url);
  // A 4-bar G major tune in 3/4 (12 beats) with its key signature (as a DAW writes it: one sharp, major).
  const midi = new Midi();
  midi.header.setTempo(100);
  midi.header.timeSignatures.push({ ticks: 0, timeSignature: [3, 4] });
  const ppq = midi.header.ppq;
  const tune = [67, 71, 74, 72, 71, 69, 67, 66, 67, 69, 71, 67];
  const lead = midi.addTrack();
  lead.name = 'Air';
  tune.forEach((p, i) => lead.addNote({ midi: p, ticks: i * ppq, durationTicks: ppq, velocity: 0.8 }));
  const bytes = Uint8Array.from(midi.toArray());
  // @tonejs/midi writes key signatures wrongly; put one (FF 59 02 01 00: G major) before the end of track 1.
  const end = bytes.findIndex((v, i) => v === 0xff && bytes[i + 1] === 0x2f && i > 14);
  const withKey = Buffer.concat([
    Buffer.from(bytes.subarray(0, end)),
    Buffer.from([0xff, 0x59, 0x02, 0x01, 0x00, 0x00]),
    Buffer.from(bytes.subarray(end)),
  ]);
  const lenAt = 18; // the first MTrk's length
  withKey.writeUInt32BE(withKey.readUInt32BE(lenAt) + 6, lenAt);
  await page.getByTestId('melody-import').setInputFiles({
    name: 'air-in-g.mid',
    mimeType: 'audio/midi',
    buffer: withKey,
  });
  await expect(roll(page)).toHaveAttribute('data-notes', String(tune.length));
  await expect(page.getByTestId('melody-meter')).toHaveValue('3/4');

  // Every tab shows the clip's lock: G major, from the file.
  for (const tab of ['generate', 'continue', 'variations', 'interpolate', 'latent']) {
    await page.getByTestId(`melody-tab-${tab}`).click();
    await expect(page.getByTestId('melody-key')).toHaveValue('G');
    await expect(page.getByTestId('melody-scale')).toHaveValue('major');
    await expect(page.getByTestId('melody-key-source')).toHaveAttribute('data-source', 'file');
  }

  // Continue wildly: no G# (or anything else outside G major) in any take.
  await page.getByTestId('melody-tab-continue').click();
  await page.getByTestId('melody-bars').fill('4');
  await page.getByTestId('melody-count').fill('2');
  await page.getByTestId('melody-temperature').fill('2');
  await page.getByTestId('melody-continue').click();
  const takes = page.getByTestId('melody-take');
  await expect(takes).toHaveCount(2);
  const gMajor = new Set([7, 9, 11, 0, 2, 4, 6]);
  for (let i = 0; i < 2; i++) {
    const t = takes.nth(i);
    const pitches = ((await t.getAttribute('data-music')) ?? '')
      .split(' ')
      .filter(Boolean)
      .map((s) => Number(s.split(':')[0]));
    for (const p of pitches) expect(gMajor.has(p % 12), `pitch ${p}`).toBe(true);
    // Its picture shows every new note (not a blank strip).
    const n = await t.getAttribute('data-notes');
    expect(Number(n)).toBeGreaterThan(0);
    await expect(t.getByTestId('melody-take-preview')).toHaveAttribute('data-shown', n!);
  }

  // Append: the roll (4 bars on screen) scrolls so the new notes, beats 12 to 28, are on screen.
  const added = Number(await takes.first().getAttribute('data-notes'));
  await takes.first().getByTestId('melody-take-use').click();
  await expect(roll(page)).toHaveAttribute('data-notes', String(tune.length + added));
  const fresh = (await music(page)).filter((x) => x.start >= 12 - 1e-6);
  expect(fresh).toHaveLength(added);
  await expect
    .poll(async () => {
      const r = roll(page);
      const box = (await r.boundingBox())!;
      const num = async (name: string): Promise<number> => Number(await r.getAttribute(name));
      const from = await num('data-scroll-beat');
      const to = from + (box.width - (await num('data-key-width'))) / (await num('data-beat-width'));
      return fresh.filter((x) => x.start >= from - 1e-6 && x.start < to).length;
    })
    .toBe(added);

  // Saved with the clip; the exported MIDI file carries the key signature and the meter.
  await roll(page).focus();
  await page.keyboard.press('Control+s');
  await expect(studio(page)).toHaveAttribute('data-dirty', 'false');
  const id = (await studio(page).getAttribute('data-opened'))!;
  const download = page.waitForEvent('download');
  await page.getByTestId('melody-export-midi').click();
  const file = new Midi(readFileSync((await (await download).path())!));
  expect(file.header.keySignatures[0]).toMatchObject({ key: 'G', scale: 'major' });
  expect(file.header.timeSignatures[0]!.timeSignature).toEqual([3, 4]);

  // A new clip in another key; opening the saved clip brings its lock back, in every tab.
  await page.getByTestId('melody-new').click();
  await page.getByTestId('melody-key').selectOption('D');
  await page.getByTestId('melody-scale').selectOption('minor');
  await page.locator(`[data-testid="melody-clip"][data-id="${id}"]`).getByTestId('melody-clip-title').click();
  await expect(studio(page)).toHaveAttribute('data-opened', id);
  for (const tab of ['variations', 'generate']) {
    await page.getByTestId(`melody-tab-${tab}`).click();
    await expect(page.getByTestId('melody-key')).toHaveValue('G');
    await expect(page.getByTestId('melody-scale')).toHaveValue('major');
    await expect(page.getByTestId('melody-key-source')).toHaveAttribute('data-source', 'clip');
  }
  await expect(page.getByTestId('melody-meter')).toHaveValue('3/4');
});
