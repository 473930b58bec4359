/** The benchmark's families and split: width words dropped, nested seeded orders, too few fonts refused. */
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { benchmarkFonts, familyGroup, trainingOrder, type BenchFont } from './benchmark-data';
import { findFonts } from './fonts';

const fonts = await findFonts();
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('familyGroup', () => {
  it('drops width words so a family’s narrow and condensed cuts stay together', () => {
    expect(familyGroup('Liberation Sans Narrow')).toBe('Liberation Sans');
    expect(familyGroup('DejaVu Serif Condensed')).toBe('DejaVu Serif');
    expect(familyGroup('Roboto SemiCondensed')).toBe('Roboto');
    expect(familyGroup('Fira Sans Extra Condensed')).toBe('Fira Sans');
    expect(familyGroup('Widescreen')).toBe('Widescreen');
    expect(familyGroup('Condensed')).toBe('Condensed');
  });
});

describe('trainingOrder', () => {
  const pool = Array.from({ length: 9 }, (_, i) => ({ name: `f${i}` }) as BenchFont);
  it('is seeded per character, the same for the same seed, and k = 1 ⊂ 3 ⊂ 5 by construction', () => {
    const a = trainingOrder(pool, 4);
    expect(a).toHaveLength(62);
    expect(trainingOrder(pool, 4)).toEqual(a);
    expect(trainingOrder(pool, 5)).not.toEqual(a);
    expect(new Set(a.map((o) => o[0]!.name)).size).toBeGreaterThan(1);
    for (const order of a) expect([...order].sort((x, y) => (x.name < y.name ? -1 : 1))).toEqual(pool);
  });
});

describe('benchmarkFonts', () => {
  it.runIf(fonts.length > 0)('refuses a machine with fonts of one family only, naming ks', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'atelier-bench-fonts-'));
    dirs.push(dir);
    await copyFile(fonts[0]!.path, join(dir, 'only.ttf'));
    await expect(benchmarkFonts(1, [dir])).rejects.toMatchObject({
      field: 'ks',
      message: expect.stringMatching(/at least 2 families/),
    });
  });

  it.runIf(fonts.length === 0)('SKIPPED: this machine has no fonts to split', () => {
    expect(fonts).toEqual([]);
  });

  it.runIf(new Set(fonts.map((f) => familyGroup(f.family))).size >= 2)(
    'holds out whole families and keeps the rest for training',
    async () => {
      const split = await benchmarkFonts(1);
      expect(split.test.length).toBeGreaterThan(0);
      for (const f of split.test) expect(split.testFamilies).toContain(f.group);
      for (const f of split.pool) expect(split.testFamilies).not.toContain(f.group);
      expect(split.test[0]!.glyphs).toHaveLength(62);
      await expect(benchmarkFonts(split.pool.length + 1)).rejects.toMatchObject({ field: 'ks' });
    },
  );
});
