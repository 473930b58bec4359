/**
 * Integration: "your photo as a style" with the real bundled texture model through the real
 * inference process, router and library in a temp dir.
 */
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Generation, TextureMatch } from '../../../preload/contract';
import type { Atelier } from '../atelier';
import { callOk, realAtelier } from '../../testing/atelier';
import { PHOTO_SIZE, photoPlanes } from './match';
import { describe as stats, distance } from './match-stats';

let env: Awaited<ReturnType<typeof realAtelier>>;
let atelier: Atelier;
let styles: string[];
let n = 0;

const call = <T>(method: string, input: unknown): Promise<T> => callOk<T>(atelier, method, input);

async function texturePng(params: Record<string, unknown>): Promise<Uint8Array> {
  const gen = await call<Generation>('texture.generate', { jobId: `gen-job-${n++}`, params });
  return (await atelier.library.readAsset(gen.id, 'image')).bytes;
}

const match = (image: Uint8Array, seed = 0): Promise<TextureMatch> =>
  call<TextureMatch>('texture.match', { jobId: `match-job-${n++}`, image, seed });

beforeAll(async () => {
  env = await realAtelier();
  atelier = env.atelier;
  styles = atelier.registry
    .status()
    .find((m) => m.id === 'texture')!
    .texture!.styles.map((s) => s.id);
});
afterAll(async () => env.cleanup());

describe('texture.match (real model)', () => {
  it('matches a texture of style k to a mix led by style k, closer than the other named styles', async () => {
    const k = 3;
    const photo = await texturePng({ seed: 4242, size: 256, style: styles[k] });
    const progress: number[] = [];
    const off = atelier.events.on('job.progress', (p) => progress.push(p.fraction));
    const m = await match(photo, 5);
    off();
    console.log(
      `match of style ${styles[k]}: distance ${m.distance.toFixed(4)}, halves ${m.selfDistance.toFixed(4)}, ` +
        `${m.verdict}, ${m.evaluations} renders, ${Math.round(m.durationMs)} ms, mix ${m.styles.map((s) => `${s.id} ${s.weight.toFixed(2)}`).join(', ')}`,
    );
    expect(m.styles[0]!.id).toBe(styles[k]);
    const top = m.weights.indexOf(Math.max(...m.weights));
    expect(styles[top]).toBe(styles[k]);
    expect(m.weights).toHaveLength(styles.length);
    expect(Math.abs(m.weights.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-6);
    expect(m.verdict).not.toBe('poor');
    expect(progress.length).toBeGreaterThan(5);
    const preview = PNG.sync.read(Buffer.from(m.preview));
    expect([preview.width, preview.height]).toEqual([256, 256]);

    // Every other named style, drawn at the same size, is further from the photo than the match.
    const read = (b: Uint8Array) => photoPlanes(atelier.inference, b, PHOTO_SIZE);
    const target = stats(await read(photo));
    for (const j of [0, 7, 12, 20].filter((j) => j !== k && j < styles.length)) {
      const other = stats(await read(await texturePng({ seed: 4242, size: 256, style: styles[j] })));
      expect(distance(target, other)).toBeGreaterThan(m.distance);
    }

    // "Use this style" at any size, and "Keep as style" under a name: the record replays the mix.
    const weights = m.weights.map((w) => w / m.weights.reduce((a, b) => a + b, 0));
    const gen = await call<Generation>('texture.generate', {
      jobId: `gen-job-${n++}`,
      params: { seed: 1, size: 512, style: m.styles[0]!.id, weights, name: 'My stone' },
    });
    expect(gen.title).toMatch(/^My stone/);
    expect(atelier.library.get(gen.id).params).toMatchObject({ weights, name: 'My stone' });
  }, 120_000);

  it('recovers a held-out 50/50 blend at another size, and gives it a verdict in words', async () => {
    const photo = await texturePng({
      seed: 77,
      size: 384,
      style: styles[1],
      blend: { style: styles[9], amount: 0.5 },
    });
    const m = await match(photo);
    console.log(
      `blend: distance ${m.distance.toFixed(4)}, halves ${m.selfDistance.toFixed(4)}, ${m.verdict}, ` +
        `${Math.round(m.durationMs)} ms, mix ${m.styles.map((s) => `${s.id} ${s.weight.toFixed(2)}`).join(', ')}`,
    );
    expect(['close', 'rough', 'poor']).toContain(m.verdict);
    // The search recovers the blend: its two largest weights are the two styles mixed.
    expect(
      m.styles
        .slice(0, 2)
        .map((x) => x.id)
        .sort(),
    ).toEqual([styles[1], styles[9]].sort());
    expect(m.message.length).toBeGreaterThan(20);
    expect(m.distance).toBeGreaterThan(0);
  }, 120_000);

  it('renders the named styles once per model: a later match spends only its search budget', async () => {
    const photo = await texturePng({ seed: 31, size: 256, style: styles[5] });
    await match(photo, 1);
    const runs: unknown[] = [];
    const off = atelier.inference.onRun((r) => runs.push(r));
    const again = await match(photo, 2);
    off();
    expect(runs).toHaveLength(again.evaluations + 1);
    expect(again.evaluations).toBeLessThanOrEqual(150);
  }, 120_000);

  it('says a photo the model cannot make is a poor match', async () => {
    // Hard-edged magenta and cyan checks: nothing like any stone, wood or foliage it learned.
    const p = new PNG({ width: 300, height: 300 });
    for (let y = 0; y < 300; y++)
      for (let x = 0; x < 300; x++) {
        const on = (Math.floor(x / 6) + Math.floor(y / 6)) % 2 === 0;
        p.data.set(on ? [255, 0, 255, 255] : [0, 255, 255, 255], 4 * (y * 300 + x));
      }
    const m = await match(new Uint8Array(PNG.sync.write(p)));
    console.log(
      `checks: distance ${m.distance.toFixed(4)}, halves ${m.selfDistance.toFixed(4)}, ${m.verdict}`,
    );
    expect(m.verdict).toBe('poor');
    expect(m.message).toMatch(/cannot make textures like this photo/);
  }, 120_000);

  it('stops on jobs.cancel part-way through the search', async () => {
    const photo = await texturePng({ seed: 8, size: 256, style: styles[2] });
    const jobId = 'match-cancel-1';
    const off = atelier.events.on('job.progress', (p) => {
      if (p.jobId === jobId && p.message.startsWith('Searching'))
        void atelier.router.call('jobs.cancel', { jobId });
    });
    const r = await atelier.router.call('texture.match', { jobId, image: photo, seed: 0 });
    off();
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('cancelled');
  }, 120_000);

  it("reads a photo's centre square at the match scale, in the inference process", async () => {
    // 400×200: red bands either side of a green centre square.
    const p = new PNG({ width: 400, height: 200 });
    for (let y = 0; y < 200; y++)
      for (let x = 0; x < 400; x++)
        p.data.set(x >= 100 && x < 300 ? [0, 255, 0, 255] : [255, 0, 0, 255], 4 * (y * 400 + x));
    const planes = await photoPlanes(atelier.inference, new Uint8Array(PNG.sync.write(p)), PHOTO_SIZE);
    expect([planes.width, planes.height]).toEqual([PHOTO_SIZE, PHOTO_SIZE]);
    const mean = (a: Float32Array): number => a.reduce((x, y) => x + y, 0) / a.length;
    // Only the outermost pixels may take a trace of the red beyond the square's edge.
    expect(mean(planes.planes[0])).toBeLessThan(0.01);
    expect(mean(planes.planes[1])).toBeGreaterThan(0.99);
  });

  it('refuses bad photos with a sentence naming the field', async () => {
    const tiny = new PNG({ width: 1, height: 1 });
    const onePx = new Uint8Array(PNG.sync.write(tiny));
    const huge = onePx.slice();
    new DataView(huge.buffer).setUint32(16, 20000);
    new DataView(huge.buffer).setUint32(20, 20000);
    const cases: Array<[Uint8Array, RegExp]> = [
      [new TextEncoder().encode('hello, not a picture'), /not a PNG or JPEG/],
      [onePx, /1×1/],
      [huge, /20000×20000/],
      [new Uint8Array(0), /empty/],
    ];
    for (const [bytes, message] of cases) {
      const err = await match(bytes).then(
        () => null,
        (e: { info: { field?: string; message: string } }) => e.info,
      );
      expect(err?.field).toBe('image');
      expect(err?.message).toMatch(message);
    }
  });

  it('refuses mixing weights of the wrong length or sum, naming the field', async () => {
    const bad = [
      { weights: [1], message: /one per style/ },
      { weights: styles.map(() => 0.5), message: /sum to 1/ },
      { weights: styles.map((_, i) => (i === 0 ? 1.5 : i === 1 ? -0.5 : 0)), message: /negative/ },
    ];
    for (const { weights, message } of bad) {
      const r = await atelier.router.call('texture.generate', {
        jobId: `gen-job-${n++}`,
        params: { seed: 1, size: 256, style: styles[0]!, weights },
      });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.field).toMatch(/^params\.weights/);
        expect(r.error.message).toMatch(message);
      }
    }
  });
});
