/**
 * `datasets.benchmark` through the real router with the bundled glyph VAE in the real inference
 * process and this machine's fonts: a small run (k = 1, one seed, few steps) gives the same
 * numbers twice and every field; bad input is refused naming the field; `jobs.cancel` stops it.
 */
import { describe, expect, it } from 'vitest';
import { DatasetsBenchmark } from '../../../../preload/contract';
import { sharedAtelier } from '../testing';
import { familyGroup } from './benchmark-data';
import { findFonts } from './fonts';

const families = new Set((await findFonts()).filter((f) => f.chars === 62).map((f) => familyGroup(f.family)));
const enough = families.size >= 2;

const t = sharedAtelier();
const { call } = t;

describe.runIf(!enough)('datasets.benchmark', () => {
  it('SKIPPED: this machine has fonts of fewer than 2 families with all 62 characters', async () => {
    const r = await t.env.atelier.router.call('datasets.benchmark', { ks: [1], seeds: [1], steps: 5 });
    expect(r.ok ? null : r.error.field).toBe('ks');
  });
});

describe.runIf(enough)('datasets.benchmark', () => {
  const small = { ks: [1], augmentK: 2, seeds: [3], steps: 15 };

  it('runs a small benchmark with every field, and the same numbers twice', async () => {
    const progress: string[] = [];
    const off = t.env.atelier.events.on('job.progress', (p) => void progress.push(p.message));
    const a = await call<DatasetsBenchmark>('datasets.benchmark', small);
    off();
    expect(DatasetsBenchmark.safeParse(a).success).toBe(true);
    expect(a).toMatchObject({ characters: 62, seeds: [3], steps: 15, augmentK: 2 });
    expect(a.fonts.families).toBe(families.size);
    expect(a.fonts.test).toBeGreaterThan(0);
    expect(a.fonts.found).toBeGreaterThan(a.fonts.test);
    expect(a.rows).toHaveLength(1);
    const row = a.rows[0]!;
    expect(row.counts).toEqual({ train: 62, synthetic: 124, test: 62 * a.fonts.test });
    for (const arm of ['none', 'classic', 'vae-posterior'] as const) {
      expect(row.arms[arm].perSeed).toHaveLength(1);
      expect(row.arms[arm].mean).toBeGreaterThanOrEqual(0);
      expect(row.arms[arm].mean).toBeLessThanOrEqual(1);
      expect(row.arms[arm].sd).toBe(0);
    }
    expect(a.protocol).toMatch(/held-out families/);
    expect(progress.some((m) => /making synthetic glyphs/.test(m))).toBe(true);
    expect(progress.some((m) => /training/.test(m))).toBe(true);

    const b = await call<DatasetsBenchmark>('datasets.benchmark', small);
    expect(b).toEqual(a);
  });

  it('refuses bad input naming the field', async () => {
    const cases: [object, string][] = [
      [{ ks: [0] }, 'ks'],
      [{ ks: [9] }, 'ks'],
      [{ ks: [] }, 'ks'],
      [{ augmentK: 17 }, 'augmentK'],
      [{ seeds: [] }, 'seeds'],
      [{ steps: 0 }, 'steps'],
      [{ steps: 1.5 }, 'steps'],
      [{ fonts: 3 }, 'fonts'],
    ];
    for (const [more, field] of cases) {
      const r = await t.env.atelier.router.call('datasets.benchmark', { ...small, ...more });
      // A list's field names the entry (ks.0).
      expect(r.ok ? 'accepted' : r.error.field?.split('.')[0], JSON.stringify(more)).toBe(field);
    }
  });

  it('cancels through jobs.cancel', async () => {
    const jobId = 'glyph-benchmark-cancel';
    const off = t.env.atelier.events.on('job.progress', (p) => {
      if (p.jobId === jobId && p.fraction > 0.05) void t.env.atelier.router.call('jobs.cancel', { jobId });
    });
    const r = await t.env.atelier.router.call('datasets.benchmark', { ...small, steps: 400, jobId });
    off();
    expect(r.ok ? 'finished' : r.error.code).toBe('cancelled');
  });
});
