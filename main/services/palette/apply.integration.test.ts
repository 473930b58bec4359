/**
 * `palette.apply` through the router with a real Atelier: a real texture generation (the bundled
 * texture model in the real inference process), the recolour in the real worker thread, the
 * result in a real SQLite library in a temp dir. Also a glyph sheet (a latent record: dark ink on
 * light paper) and the refusals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Generation, JobInfo, JobProgress } from '../../../preload/contract';
import { hexToOklab, RECOLOR_METHOD, rgb8ToHex, srgbToOklab } from '../../../preload/palette';
import { encodePng } from '../../inference/image';
import { callOk, columnBoundaryDiffs, decode, realAtelier } from '../../testing/atelier';

let env: Awaited<ReturnType<typeof realAtelier>>;
beforeAll(async () => {
  env = await realAtelier();
});
afterAll(async () => env.cleanup());

const call = <T>(method: string, input: unknown): Promise<T> => callOk<T>(env.atelier, method, input);

async function refusal(
  method: string,
  input: unknown,
): Promise<{ code: string; field?: string; message: string }> {
  const r = await env.atelier.router.call(method, input);
  if (r.ok) throw new Error(`${method} accepted ${JSON.stringify(input).slice(0, 200)}`);
  return r.error;
}

/** Teal, blue-green, sand, orange, coral: far in hue from the granite texture. */
const PALETTE = ['#264653', '#2a9d8f', '#e9c46a', '#f4a261', '#e76f51'];

/** Mean OKLab (a, b) of an RGBA picture. */
function meanAb(img: { width: number; height: number; data: Uint8Array }): [number, number] {
  let a = 0;
  let b = 0;
  const n = img.width * img.height;
  for (let p = 0; p < n; p++) {
    const lab = srgbToOklab([img.data[p * 4]! / 255, img.data[p * 4 + 1]! / 255, img.data[p * 4 + 2]! / 255]);
    a += lab[1];
    b += lab[2];
  }
  return [a / n, b / n];
}

const image = async (id: string) => decode((await env.atelier.library.readAsset(id, 'image')).bytes);

describe('palette.apply', () => {
  let texture: Generation;
  beforeAll(async () => {
    texture = await call<Generation>('texture.generate', {
      jobId: 'apply-texture-0001',
      params: { seed: 11, size: 256, style: 'granite' },
    });
  });

  it('recolours a texture into a new texture record that keeps its params and points at its source', async () => {
    const progress: JobProgress[] = [];
    const off = env.atelier.events.on('job.progress', (p) => {
      if (p.jobId === 'apply-job-000001') progress.push(p);
    });
    const changed: string[] = [];
    const offChanged = env.atelier.events.on('library.changed', (e) => void changed.push(e.id));
    const gen = await call<Generation>('palette.apply', {
      generationId: texture.id,
      colors: PALETTE.map((c) => c.toUpperCase()),
      jobId: 'apply-job-000001',
    });
    off();
    offChanged();
    expect(gen.kind).toBe('texture');
    expect(gen.id).not.toBe(texture.id);
    expect(gen.parentId).toBe(texture.id);
    expect(gen.title).toBe(`${texture.title} · recoloured`);
    expect([gen.width, gen.height]).toEqual([256, 256]);
    expect(gen.modelId).toBe(texture.modelId);
    expect(gen.seed).toBe(texture.seed);
    expect(gen.params).toEqual({
      ...texture.params,
      recolor: { colors: PALETTE, strength: 1, method: RECOLOR_METHOD },
    });
    expect(changed).toContain(gen.id);
    // A job: its stages in order, then done, with the record it made in the host's list.
    expect(progress.map((p) => p.stage)).toEqual([
      'queued',
      'preparing',
      'inference',
      'encoding',
      'saving',
      'done',
    ]);
    expect(progress.every((p) => p.kind === 'palette')).toBe(true);
    const job = (await call<JobInfo[]>('jobs.list', {})).find((j) => j.jobId === 'apply-job-000001');
    expect(job?.resultIds).toEqual([gen.id]);

    // Its own PNG, the same size, its hue moved toward the palette's.
    const before = await image(texture.id);
    const after = await image(gen.id);
    expect([after.width, after.height]).toEqual([before.width, before.height]);
    expect(Buffer.compare(after.data, before.data)).not.toBe(0);
    const paletteAb = PALETTE.map(hexToOklab).reduce<[number, number]>(
      ([a, b], lab) => [a + lab[1] / PALETTE.length, b + lab[2] / PALETTE.length],
      [0, 0],
    );
    const dist = (ab: [number, number]): number => Math.hypot(ab[0] - paletteAb[0], ab[1] - paletteAb[1]);
    expect(dist(meanAb(after))).toBeLessThan(dist(meanAb(before)) / 2);
    // Still seamless: the wrap edge is no sharper than the inside of the tile.
    const diffs = columnBoundaryDiffs(after);
    const inner = diffs.slice(0, -1).sort((p, q) => p - q);
    expect(diffs.at(-1)!).toBeLessThanOrEqual(inner[Math.floor(inner.length * 0.99)]!);
    const thumb = decode((await env.atelier.library.readAsset(gen.id, 'thumbnail')).bytes);
    expect(Math.max(thumb.width, thumb.height)).toBeLessThanOrEqual(256);

    // The library lists it newest first, and the source is untouched.
    const list = await call<Generation[]>('library.list', { kind: 'texture', limit: 10 });
    expect(list[0]!.id).toBe(gen.id);
    expect(Buffer.compare((await image(texture.id)).data, before.data)).toBe(0);
  });

  it('blends by strength: 0 keeps the pixels, 0.5 lands between', async () => {
    const none = await call<Generation>('palette.apply', {
      generationId: texture.id,
      colors: PALETTE,
      strength: 0,
    });
    expect(Buffer.compare((await image(none.id)).data, (await image(texture.id)).data)).toBe(0);
    const half = await call<Generation>('palette.apply', {
      generationId: texture.id,
      colors: PALETTE,
      strength: 0.5,
    });
    expect(
      half.kind === 'texture' && (half.params as { recolor?: { strength: number } }).recolor?.strength,
    ).toBe(0.5);
    const full = await image(
      (await call<Generation[]>('library.list', { kind: 'texture', limit: 10 })).find(
        (g) =>
          g.parentId === texture.id &&
          (g.params as { recolor?: { strength: number } }).recolor?.strength === 1,
      )!.id,
    );
    const src = await image(texture.id);
    const mid = await image(half.id);
    const [sa, ma, fa] = [meanAb(src), meanAb(mid), meanAb(full)];
    for (const c of [0, 1]) {
      expect(Math.abs(ma[c]! - (sa[c]! + fa[c]!) / 2)).toBeLessThan(0.01);
    }
  });

  it('recolours a glyph sheet (a latent record): ink takes the darkest colour, paper the lightest', async () => {
    const W = 96;
    const H = 48;
    const data = new Uint8Array(W * H * 4);
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++) {
        const ink =
          (x % 24 > 6 && x % 24 < 11 && y > 8 && y < 40) || (y > 20 && y < 24 && x % 24 > 6 && x % 24 < 20);
        const v = ink ? 12 : 247;
        data.set([v, v, v, 255], (y * W + x) * 4);
      }
    const png = encodePng({ width: W, height: H, data });
    const sheet = await env.atelier.library.add({
      kind: 'latent',
      modelId: 'glyphs',
      modelSha256: '',
      provider: 'cpu',
      seed: 0,
      params: { model: 'glyphs', point: [0, 0], view: { kind: 'text', text: 'HHHH' } },
      parentId: null,
      durationMs: 1,
      width: W,
      height: H,
      title: 'Glyph Styles · HHHH',
      assets: [
        { role: 'image', mime: 'image/png', ext: 'png', bytes: png },
        { role: 'thumbnail', mime: 'image/png', ext: 'png', bytes: png },
      ],
    });
    const gen = await call<Generation>('palette.apply', { generationId: sheet.id, colors: PALETTE });
    expect(gen.kind).toBe('latent');
    expect(gen.parentId).toBe(sheet.id);
    expect(gen.params).toMatchObject({ view: { kind: 'text', text: 'HHHH' }, recolor: { colors: PALETTE } });
    const out = await image(gen.id);
    const hex = (x: number, y: number): string => {
      const i = (y * W + x) * 4;
      return rgb8ToHex([out.data[i]!, out.data[i + 1]!, out.data[i + 2]!]);
    };
    expect(hex(8, 30)).toBe('#264653'); // ink → the darkest
    expect(hex(0, 0)).toBe('#e9c46a'); // paper → the lightest
  });

  it('refuses a melody or a palette record, a missing record and a bad strength, in a sentence', async () => {
    const melody = await env.atelier.library.add({
      kind: 'melody',
      modelId: 'melody-vae',
      modelSha256: '',
      provider: 'cpu',
      seed: 1,
      params: { name: 'Reel', notes: [], bpm: 120, bars: 1 },
      parentId: null,
      durationMs: 1,
      width: null,
      height: null,
      title: 'Reel',
      assets: [{ role: 'midi', mime: 'audio/midi', ext: 'mid', bytes: new Uint8Array([0x4d, 0x54]) }],
    });
    const m = await refusal('palette.apply', { generationId: melody.id, colors: PALETTE });
    expect(m.code).toBe('invalid-input');
    expect(m.field).toBe('generationId');
    expect(m.message).toBe(
      `Generation ${melody.id} is a melody record and has no picture to recolour; a palette applies to a texture, an image or a latent glyph sheet or tile.`,
    );
    const palette = await call<Generation>('palette.save', { colors: PALETTE });
    expect((await refusal('palette.apply', { generationId: palette.id, colors: PALETTE })).message).toMatch(
      /is a palette record and has no picture to recolour/,
    );
    const gone = await refusal('palette.apply', {
      generationId: '0123abcd-0000-4000-8000-000000000000',
      colors: PALETTE,
    });
    expect(gone).toMatchObject({ code: 'not-found', field: 'generationId' });
    const strong = await refusal('palette.apply', {
      generationId: texture.id,
      colors: PALETTE,
      strength: 1.5,
    });
    expect(strong).toMatchObject({ code: 'invalid-input', field: 'strength' });
    const four = await refusal('palette.apply', { generationId: texture.id, colors: PALETTE.slice(0, 4) });
    expect(four).toMatchObject({ code: 'invalid-input', field: 'colors' });
    // Nothing was saved for the refusals.
    const recoloured = (await call<Generation[]>('library.list', { limit: 100 })).filter((g) =>
      [melody.id, palette.id].includes(g.parentId ?? ''),
    );
    expect(recoloured).toEqual([]);
  });
});
