/**
 * Integration: the real bundled texture model through the real inference process, the real
 * router and a real SQLite library in a temp dir.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Generation } from '../../../preload/contract';
import type { Atelier } from '../atelier';
import { columnBoundaryDiffs, decode, realAtelier, transpose } from '../../testing/atelier';

let env: Awaited<ReturnType<typeof realAtelier>>;
let atelier: Atelier;
let styles: string[];
let n = 0;

async function generate(params: Record<string, unknown>): Promise<Generation> {
  const r = await atelier.router.call('texture.generate', { jobId: `job-integration-${n++}`, params });
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as Generation;
}

async function pixels(gen: Generation): Promise<ReturnType<typeof decode>> {
  return decode((await atelier.library.readAsset(gen.id, 'image')).bytes);
}

beforeAll(async () => {
  env = await realAtelier();
  atelier = env.atelier;
  const model = atelier.registry.status().find((m) => m.id === 'texture');
  expect(model?.ok, model?.error).toBe(true);
  styles = model!.texture!.styles.map((s) => s.id);
});
afterAll(async () => env.cleanup());

describe('texture generation (real model, real inference process)', () => {
  it('gives identical bytes for the same seed and parameters', async () => {
    const a = await generate({ seed: 7, size: 256, style: styles[0] });
    const b = await generate({ seed: 7, size: 256, style: styles[0] });
    const [pa, pb] = [
      await atelier.library.readAsset(a.id, 'image'),
      await atelier.library.readAsset(b.id, 'image'),
    ];
    expect(Buffer.from(pa.bytes).equals(Buffer.from(pb.bytes))).toBe(true);
    expect(a.id).not.toBe(b.id);
  });

  it('gives different textures for different seeds and for different styles', async () => {
    const base = await pixels(await generate({ seed: 1, size: 256, style: styles[0] }));
    const otherSeed = await pixels(await generate({ seed: 2, size: 256, style: styles[0] }));
    const otherStyle = await pixels(await generate({ seed: 1, size: 256, style: styles[1] }));
    const meanDiff = (x: Buffer, y: Buffer): number => {
      let s = 0;
      for (let i = 0; i < x.length; i++) s += Math.abs((x[i] as number) - (y[i] as number));
      return s / x.length;
    };
    expect(meanDiff(base.data, otherSeed.data)).toBeGreaterThan(2);
    expect(meanDiff(base.data, otherStyle.data)).toBeGreaterThan(2);
  });

  it('tiles seamlessly at 512 px: the wrap-around seam lies within the interior differences', async () => {
    const img = await pixels(await generate({ seed: 11, size: 512, style: styles[2] ?? styles[0] }));
    expect([img.width, img.height]).toEqual([512, 512]);
    for (const view of [img, transpose(img)]) {
      const diffs = columnBoundaryDiffs(view);
      const seam = diffs[diffs.length - 1]!;
      const interior = diffs.slice(0, -1);
      expect(seam).toBeGreaterThanOrEqual(Math.min(...interior));
      expect(seam).toBeLessThanOrEqual(Math.max(...interior));
    }
  });

  it('is not blank: the texture has real contrast', async () => {
    const img = await pixels(await generate({ seed: 5, size: 256, style: styles[0] }));
    let min = 255;
    let max = 0;
    for (let i = 0; i < img.data.length; i += 4) {
      min = Math.min(min, img.data[i] as number);
      max = Math.max(max, img.data[i] as number);
    }
    expect(max - min).toBeGreaterThan(30);
  });

  it('enlarges with feature scale and stays seamless', async () => {
    const img = await pixels(await generate({ seed: 3, size: 512, style: styles[0], scale: 4 }));
    expect(img.width).toBe(512);
    const diffs = columnBoundaryDiffs(img);
    expect(diffs[diffs.length - 1]!).toBeLessThanOrEqual(Math.max(...diffs.slice(0, -1)));
  });

  it('records everything that replays the generation, and a thumbnail', async () => {
    const runs: Array<{ inferenceMs: number; provider: string }> = [];
    const off = atelier.inference.onRun((r) => runs.push(r));
    const gen = await generate({
      seed: 99,
      size: 256,
      style: styles[0],
      blend: { style: styles[1], amount: 0.25 },
    });
    off();
    expect(runs).toHaveLength(1);
    expect(runs[0]!.inferenceMs).toBeGreaterThan(0);
    const row = atelier.library.get(gen.id);
    expect(row.modelId).toBe('texture');
    expect(row.modelSha256).toMatch(/^[a-f0-9]{64}$/);
    expect(row.provider).toBe('cpu');
    expect(row.seed).toBe(99);
    expect(row.params).toMatchObject({
      seed: 99,
      size: 256,
      style: styles[0],
      scale: 1,
      blend: { style: styles[1], amount: 0.25 },
    });
    expect(row.durationMs).toBeGreaterThan(0);
    const thumb = decode((await atelier.library.readAsset(gen.id, 'thumbnail')).bytes);
    expect(Math.max(thumb.width, thumb.height)).toBeLessThanOrEqual(256);
    // Replaying the recorded parameters gives the same pixels.
    const { noise: _n, modelVersion: _v, ...params } = row.params;
    const replay = await generate(params);
    const [a, b] = [
      await atelier.library.readAsset(gen.id, 'image'),
      await atelier.library.readAsset(replay.id, 'image'),
    ];
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
  });

  it('rejects an unknown style with a readable error naming the field, and saves nothing', async () => {
    const before = atelier.library.list().length;
    const r = await atelier.router.call('texture.generate', {
      jobId: 'job-bad-style',
      params: { seed: 1, size: 256, style: 'no-such' },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid-input');
      expect(r.error.field).toBe('params.style');
      expect(r.error.message).toMatch(/Unknown style "no-such"/);
    }
    expect(atelier.library.list().length).toBe(before);
  });

  it('cancels a running job: the call answers "cancelled" and nothing is saved', async () => {
    const before = atelier.library.list().length;
    const progress: string[] = [];
    const off = atelier.events.on('job.progress', (p) => {
      if (p.jobId === 'job-cancel-me') progress.push(p.stage);
    });
    const pending = atelier.router.call('texture.generate', {
      jobId: 'job-cancel-me',
      params: { seed: 1, size: 2048, style: styles[0] },
    });
    await new Promise((r) => setTimeout(r, 50));
    const c = await atelier.router.call('jobs.cancel', { jobId: 'job-cancel-me' });
    expect(c).toEqual({ ok: true, value: { cancelled: true } });
    const r = await pending;
    off();
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('cancelled');
    expect(progress).toContain('cancelled');
    // The worker finishes the abandoned run; the next job still works and nothing extra was saved.
    await generate({ seed: 1, size: 256, style: styles[0] });
    expect(atelier.library.list().length).toBe(before + 1);
  });

  it('deletes a generation with its files', async () => {
    const gen = await generate({ seed: 4, size: 256, style: styles[0] });
    const file = atelier.library.assetPath(gen.id, 'image');
    expect(existsSync(file)).toBe(true);
    expect(await atelier.router.call('library.delete', { id: gen.id })).toEqual({
      ok: true,
      value: { deleted: true },
    });
    expect(existsSync(file)).toBe(false);
    const again = await atelier.router.call('library.get', { id: gen.id });
    expect(again.ok ? null : again.error.code).toBe('not-found');
  });
});
