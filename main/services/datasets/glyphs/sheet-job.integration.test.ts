/**
 * `datasets.glyphSheet` through the real router with the bundled glyph VAE in the real inference
 * process and a real system font: the ImageFolder of 62 classes, the sheets, the manifest and the
 * card; the same bytes on a rerun (resumed, nothing made again) and from a fresh folder; bad
 * input refused naming the field with nothing written; cancel through `jobs.cancel`.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DatasetsGlyphSheetResult } from '../../../../preload/contract';
import { sharedAtelier, tree } from '../testing';
import { charFolder, findFonts, GLYPH_CHARS } from './fonts';

const fonts = await findFonts();
const font = fonts.find((f) => f.family === 'DejaVu Serif' && f.style === 'Book') ?? fonts[0];
const keep = process.env.ATELIER_KEEP_SHEETS;

const t = sharedAtelier({ keepRoot: Boolean(keep) });
const { call } = t;

describe.runIf(!font)('datasets.glyphSheet', () => {
  it('SKIPPED: this machine has no fonts in its font folders, so no glyph sheet can be made', () => {
    expect(fonts).toEqual([]);
  });
});

describe.runIf(font)('datasets.glyphSheet', () => {
  const sheet = (out: string, more: object = {}) => ({
    font: font!.path,
    out,
    k: 2,
    seed: 7,
    spread: 0.7,
    ...more,
  });

  it('writes the 62-class ImageFolder, the sheets, the manifest and the card; the same bytes again', async () => {
    const out = keep ? join(keep, 'sheet') : join(t.root, 'a');
    const r = await call<DatasetsGlyphSheetResult>('datasets.glyphSheet', sheet(out));
    const stem = font!.path
      .split('/')
      .pop()!
      .replace(/\.[^.]+$/, '');
    expect(r.missing).toEqual([]);
    expect(r.written).toBe(62 * 3);
    expect(r.sheets).toEqual([`sheets/${stem}.png`, `sheets/${stem}-v0.png`, `sheets/${stem}-v1.png`]);
    for (const c of GLYPH_CHARS)
      expect(readdirSync(join(out, 'train', charFolder(c))).sort()).toEqual([
        `${stem}-real.png`,
        `${stem}-v0.png`,
        `${stem}-v1.png`,
      ]);
    const rows = readFileSync(r.manifestPath, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows).toHaveLength(62 * 3);
    const v = rows.find((x) => x.method === 'glyph-sheet')!;
    expect(v).toMatchObject({
      model: 'glyphs',
      source: `${stem}.ttf`,
      params: { spread: 0.7, variation: 0 },
    });
    expect(v.model_sha256).toMatch(/^[0-9a-f]{64}$/);
    // One seed per variation: all 62 glyphs of a variation share it.
    expect(new Set(rows.filter((x) => x.method === 'glyph-sheet').map((x) => x.seed)).size).toBe(2);
    const card = readFileSync(r.cardPath, 'utf8');
    expect(card).toContain('## Sheets');
    expect(card).toContain('glyph-sheet');
    expect(card).not.toContain(out);

    const before = tree(out);
    const again = await call<DatasetsGlyphSheetResult>('datasets.glyphSheet', sheet(out));
    expect(again).toMatchObject({ written: 0, reused: 62 * 3 });
    expect(tree(out)).toEqual(before);

    // A fresh folder makes the same bytes; a damaged item is made again on a rerun.
    const fresh = join(t.root, 'b');
    await call('datasets.glyphSheet', sheet(fresh));
    expect(tree(fresh)).toEqual(before);
    writeFileSync(join(fresh, 'train', 'upper-A', `${stem}-v1.png`), 'damaged');
    rmSync(join(fresh, 'sheets', `${stem}-v1.png`));
    const repaired = await call<DatasetsGlyphSheetResult>('datasets.glyphSheet', sheet(fresh));
    expect(repaired.written).toBe(1);
    expect(tree(fresh)).toEqual(before);
  });

  it('refuses bad input naming the field, with nothing written', async () => {
    const out = join(t.root, 'refused');
    const damaged = join(t.root, 'damaged.ttf');
    writeFileSync(damaged, Buffer.alloc(200, 3));
    const cases: [object, string, RegExp][] = [
      [{ font: damaged }, 'font', /could not be read/],
      [{ font: join(t.root, 'none.ttf') }, 'font', /does not exist/],
      [{ font: join(t.root, 'x.png') }, 'font', /not a \.ttf/],
      [{ spread: 5 }, 'spread', /0 to 3/],
      [{ k: 0 }, 'k', /1 to/],
      [{ model: 'texture-vae' }, 'model', /does not draw characters/],
      [{ out: '/usr/share/atelier-glyphs' }, 'out', /system folder/],
    ];
    for (const [more, field, message] of cases) {
      const r = await t.env.atelier.router.call('datasets.glyphSheet', sheet(out, more));
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.field).toBe(field);
        expect(r.error.message).toMatch(message);
      }
    }
    expect(existsSync(out)).toBe(false);
    mkdirSync(join(t.root, 'busy'));
    writeFileSync(join(t.root, 'busy', 'notes.txt'), 'mine');
    const busy = await t.env.atelier.router.call('datasets.glyphSheet', sheet(join(t.root, 'busy')));
    expect(busy.ok ? null : busy.error.field).toBe('out');
  });

  it('cancels through jobs.cancel and a rerun finishes the same sheet', async () => {
    const out = join(t.root, 'c');
    const jobId = 'glyph-sheet-cancel';
    const off = t.env.atelier.events.on('job.progress', (p) => {
      if (p.jobId === jobId && p.fraction > 0.3) void t.env.atelier.router.call('jobs.cancel', { jobId });
    });
    const r = await t.env.atelier.router.call('datasets.glyphSheet', { ...sheet(out, { k: 6 }), jobId });
    off();
    expect(r.ok ? 'finished' : r.error.code).toBe('cancelled');
    const done = await call<DatasetsGlyphSheetResult>('datasets.glyphSheet', sheet(out, { k: 6 }));
    expect(done.reused).toBeGreaterThan(0);
    expect(done.written + done.reused).toBe(62 * 7);
  });
});
